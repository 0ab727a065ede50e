// Starting a session: choose one posted version of the series and list its patches and
// their own hunks (not quoted copies in replies) in series order.
import type { Analysis, HunkAnalysis } from '../analyze';
import { impactLabel } from '../report/format';
import type { Series } from '../thread/types';
import { hunkIdentity } from './identity';
import { REVIEW_SCHEMA, type ReviewHunk, type ReviewPatch, type ReviewSession } from './types';

export interface SeriesVersion {
  key: string;
  title: string;
  version: number;
  patches: number;
  cover: boolean;
}

function patchCount(s: Series): number {
  return Object.keys(s.patches).length;
}

/** The posted versions in the thread, oldest first, for a version picker. */
export function seriesVersions(a: Analysis): SeriesVersion[] {
  return a.thread.series
    .map((s) => ({ key: s.key, title: s.title, version: s.version, patches: patchCount(s), cover: s.cover !== undefined }))
    .sort((x, y) => x.version - y.version);
}

/** Newest version by default; among series of one version (several lineages) the longest. */
function chooseSeries(a: Analysis, version?: number): Series | undefined {
  const pool = a.thread.series.filter((s) => version === undefined || s.version === version);
  let best: Series | undefined;
  for (const s of pool) {
    if (!best || s.version > best.version || (s.version === best.version && patchCount(s) > patchCount(best))) best = s;
  }
  return best;
}

export function messageKey(a: Analysis, index: number): string {
  return a.doc.messages[index]?.messageId ?? `index:${index}`;
}

/** The patch message's own hunks, in the order they stand in the message. */
export function ownHunks(a: Analysis, message: number): HunkAnalysis[] {
  return a.hunks
    .filter((h) => h.hunk.message === message && !h.hunk.quoted)
    .sort((x, y) => (x.hunk.part === y.hunk.part ? x.hunk.span.start - y.hunk.span.start : x.hunk.part < y.hunk.part ? -1 : 1));
}

export function reviewHunk(a: Analysis, h: HunkAnalysis): ReviewHunk {
  const part = a.doc.messages[h.hunk.message]?.parts.find((p) => p.id === h.hunk.part);
  const structs = [...h.impact.structs.map((s) => s.name), ...h.impact.newStructs.map((s) => s.name)];
  const r: ReviewHunk = {
    ...hunkIdentity(h.hunk, part),
    key: h.key,
    line: h.lines.start,
    struct: structs.length > 0,
    structs,
    state: 'unreviewed',
    note: '',
  };
  if (h.impact.structs.length) r.impact = h.impact.structs.map(impactLabel).join('; ');
  return r;
}

export function reviewPatch(a: Analysis, message: number, index: number): ReviewPatch {
  const m = a.doc.messages[message];
  const p: ReviewPatch = {
    messageId: messageKey(a, message),
    index,
    subject: m.subject,
    from: m.from.name || m.from.address,
    hunks: ownHunks(a, message).map((h) => reviewHunk(a, h)),
  };
  if (m.date) p.date = m.date;
  return p;
}

/** The message indices of the chosen series: cover (if any) and the newest patch per slot. */
export function seriesMessages(s: Series): { cover?: number; patches: { index: number; message: number }[] } {
  const slots = Object.keys(s.patches).map(Number).sort((x, y) => x - y);
  return {
    cover: s.cover,
    patches: slots.map((index) => { const slot = s.patches[index]; return { index, message: slot[slot.length - 1] }; }),
  };
}

/**
 * Start a session on the newest posted version, or on `version`. A thread with no series
 * (a lone patch without `[PATCH]` in its subject) still gets a session over every message
 * that carries a patch of its own.
 */
export function startSession(a: Analysis, version?: number): ReviewSession {
  const s = chooseSeries(a, version);
  if (version !== undefined && !s) throw new Error(`no version ${version} of a series in this thread`);
  let patches: ReviewPatch[];
  let cover: string | undefined;
  if (s) {
    const sm = seriesMessages(s);
    patches = sm.patches.map((p) => reviewPatch(a, p.message, p.index));
    if (sm.cover !== undefined) cover = messageKey(a, sm.cover);
  } else {
    patches = a.patches.filter((mp) => mp.hasPatch).map((mp, i) => reviewPatch(a, mp.message, i + 1));
  }
  if (!patches.length) throw new Error('no patches to review in this thread');
  const session: ReviewSession = {
    schema: REVIEW_SCHEMA,
    key: cover ?? patches[0].messageId,
    title: s?.title ?? patches[0].subject,
    version: s?.version ?? 1,
    patches,
  };
  if (cover) session.cover = cover;
  const first = patches.findIndex((p) => p.hunks.length);
  if (first >= 0) session.current = { patch: first, hunk: 0 };
  return session;
}
