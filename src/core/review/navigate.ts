// Moving through a session and recording verdicts. Sessions are treated as values: every
// change returns a new session, so the UI can keep the old one for undo and store the new.
import { HUNK_STATES, type HunkPos, type HunkState, type ReviewHunk, type ReviewSession } from './types';

export interface StepFilter {
  /** Only hunks that change or define a struct. */
  structOnly?: boolean;
  /** Only hunks in one of these states (e.g. `['unreviewed']` to find the next open one). */
  states?: HunkState[];
}

function positions(s: ReviewSession): HunkPos[] {
  return s.patches.flatMap((p, patch) => p.hunks.map((_, hunk) => ({ patch, hunk })));
}

export function hunkAt(s: ReviewSession, pos: HunkPos): ReviewHunk | undefined {
  return s.patches[pos.patch]?.hunks[pos.hunk];
}

/**
 * The next (or previous) hunk after `from` across patch boundaries that passes `filter`;
 * from nowhere, the first (or last). Undefined at the end: the UI decides whether to wrap.
 */
export function step(s: ReviewSession, from: HunkPos | undefined, dir: 'next' | 'previous', filter: StepFilter = {}): HunkPos | undefined {
  const all = positions(s);
  const ok = (p: HunkPos): boolean => {
    const h = hunkAt(s, p)!;
    return (!filter.structOnly || h.struct) && (!filter.states || filter.states.includes(h.state));
  };
  let i = from ? all.findIndex((p) => p.patch === from.patch && p.hunk === from.hunk) : -1;
  if (from && i < 0) throw new Error(`no hunk ${from.patch}/${from.hunk} in this session`);
  const d = dir === 'next' ? 1 : -1;
  if (i < 0) i = d > 0 ? -1 : all.length;
  for (let j = i + d; j >= 0 && j < all.length; j += d) if (ok(all[j])) return all[j];
  return undefined;
}

function update(s: ReviewSession, pos: HunkPos, change: Partial<Pick<ReviewHunk, 'state' | 'note'>>): ReviewSession {
  if (!hunkAt(s, pos)) throw new Error(`no hunk ${pos.patch}/${pos.hunk} in this session`);
  return {
    ...s,
    patches: s.patches.map((p, pi) => pi !== pos.patch ? p : { ...p, hunks: p.hunks.map((h, hi) => hi === pos.hunk ? { ...h, ...change } : h) }),
  };
}

export function setState(s: ReviewSession, pos: HunkPos, state: HunkState): ReviewSession {
  if (!HUNK_STATES.includes(state)) throw new Error(`unknown hunk state ${String(state)}`);
  return update(s, pos, { state });
}

export function setNote(s: ReviewSession, pos: HunkPos, note: string): ReviewSession {
  return update(s, pos, { note });
}

export function moveTo(s: ReviewSession, pos: HunkPos): ReviewSession {
  if (!hunkAt(s, pos)) throw new Error(`no hunk ${pos.patch}/${pos.hunk} in this session`);
  return { ...s, current: pos };
}

export interface Counts {
  total: number;
  unreviewed: number;
  reviewed: number;
  concern: number;
  skipped: number;
  /** Hunks with a non-blank note. */
  noted: number;
}

export interface Progress extends Counts {
  /** Hunks no longer unreviewed, over total (1 for an empty session). */
  fraction: number;
  struct: Counts;
  patches: (Counts & { messageId: string; index: number; allReviewed: boolean })[];
}

function count(hunks: ReviewHunk[]): Counts {
  const c: Counts = { total: hunks.length, unreviewed: 0, reviewed: 0, concern: 0, skipped: 0, noted: 0 };
  for (const h of hunks) {
    c[h.state]++;
    if (h.note.trim()) c.noted++;
  }
  return c;
}

export function progress(s: ReviewSession): Progress {
  const all = s.patches.flatMap((p) => p.hunks);
  const c = count(all);
  return {
    ...c,
    fraction: c.total ? (c.total - c.unreviewed) / c.total : 1,
    struct: count(all.filter((h) => h.struct)),
    patches: s.patches.map((p) => {
      const pc = count(p.hunks);
      return { ...pc, messageId: p.messageId, index: p.index, allReviewed: pc.total > 0 && pc.reviewed === pc.total };
    }),
  };
}
