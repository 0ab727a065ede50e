// The whole pipeline: text of a document → messages → thread → patches/hunks → struct
// impact → discussion. Every front end (CLI, VS Code, web) calls this one function.
import type { Claim, Discussion, DiscussionEntry, Verdict } from './discussion/types';
import { linkDiscussion } from './discussion';
import { hunkKey } from './discussion/hunk-key';
import { hunkImpact, type HunkImpact, type ImpactEnv } from './impact';
import { newStructs } from './impact/new-structs';
import { withThreadTypes } from './impact/thread-types';
import { documentText, readDocument } from './mail';
import type { MailDocument } from './mail/types';
import { extractPatches } from './patch';
import type { Hunk, MessagePatches } from './patch/types';
import { buildThread } from './thread';
import type { Thread } from './thread/types';

export interface HunkAnalysis {
  /** Stable key of the hunk (`<part>@<offset>`), the one discussion entries use. */
  key: string;
  hunk: Hunk;
  /** 1-based lines of the input document the hunk covers (document view), else of its decoded part. */
  lines: { start: number; end: number };
  impact: HunkImpact;
  discussion: DiscussionEntry[];
}

export interface ClaimCheck extends Claim {
  /** The computed delta of that struct in the base scenario, when a hunk of the thread changes it. */
  computed?: number;
  agrees?: boolean;
}

/** The pipeline up to the struct impacts: what the editor can draw before the discussion is linked. */
export interface ImpactAnalysis {
  name: string;
  text: string;
  doc: MailDocument;
  thread: Thread;
  patches: MessagePatches[];
  /** Every hunk with its impact; `discussion` empty until the discussion is joined. */
  hunks: HunkAnalysis[];
  millis: { read: number; impact: number };
}

/** The whole pipeline: the impact analysis with its discussion joined to the hunks. */
export interface Analysis extends Omit<ImpactAnalysis, 'millis'> {
  discussion: Discussion;
  /** Verdicts per patch message index. */
  verdicts: Record<number, Verdict[]>;
  claims: ClaimCheck[];
  millis: { read: number; impact: number; discussion: number; total: number };
}

export interface AnalyzeOptions extends ImpactEnv {
  name?: string;
  /** Milliseconds clock (performance.now where there is one). */
  now?: () => number;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Reading, threading, hunks and their struct impacts. */
export async function analyzeImpact(input: string | Uint8Array, opts: AnalyzeOptions): Promise<ImpactAnalysis> {
  const now = opts.now ?? (() => Date.now());
  const t0 = now();
  const { text } = documentText(input);
  const doc = await readDocument(text, { name: opts.name });
  const thread = buildThread(doc.messages);
  const patches = extractPatches(doc, thread);
  const t1 = now();

  const starts = lineStarts(text);
  const partStarts = new Map<string, number[]>();
  const parts = new Map(doc.messages.flatMap((m) => m.parts.map((p) => [p.id, p] as const)));
  // Structs the thread's hunks define are known to all its hunks.
  let env: ImpactEnv = opts;
  if (opts.btf) {
    const fresh = patches.flatMap((mp) => mp.hunks).filter((h) => h.structs.some((s) => s.evidence === 'defines'))
      .flatMap((h) => newStructs(h, opts.btf!, opts.btfConfig, opts.abi));
    env = { ...opts, btf: withThreadTypes(opts.btf, fresh) };
  }
  // Quoted copies of a hunk repeat its text: compute each distinct hunk once.
  const cache = new Map<string, HunkImpact>();
  const hunks: HunkAnalysis[] = [];
  for (const mp of patches) {
    for (const hunk of mp.hunks) {
      const part = parts.get(hunk.part);
      let lines = { start: 0, end: 0 };
      if (part && part.view === 'document') {
        // A document view's offsets are the document's own.
        lines = { start: lineOf(starts, hunk.span.start), end: lineOf(starts, Math.max(hunk.span.start, hunk.span.end - 1)) };
      } else if (part) {
        let ps = partStarts.get(part.id);
        if (!ps) partStarts.set(part.id, (ps = lineStarts(part.text)));
        lines = { start: lineOf(ps, hunk.span.start), end: lineOf(ps, Math.max(hunk.span.start, hunk.span.end - 1)) };
      }
      // Most hunks change no struct: they need no key (a join of all their lines) and no lookup.
      let impact: HunkImpact = { structs: [], newStructs: [] };
      if (hunk.structs.length) {
        const id = `${hunk.file}\n${hunk.structs.map((s) => s.name).join(',')}\n${hunk.oldStart}\n${hunk.lines.map((l) => l.kind + l.text.trim()).join('\n')}`;
        const hit = cache.get(id);
        if (hit) impact = hit;
        else {
          impact = hunkImpact(hunk, env);
          cache.set(id, impact);
        }
      }
      hunks.push({ key: hunkKey(hunk), hunk, lines, impact, discussion: [] });
    }
  }
  const t2 = now();
  return { name: opts.name ?? '<input>', text, doc, thread, patches, hunks, millis: { read: t1 - t0, impact: t2 - t1 } };
}

/** Links the discussion to the hunks of `a` and checks the sizes stated in prose against the computed ones. */
function addDiscussion(a: ImpactAnalysis, now: () => number = () => Date.now()): Analysis {
  const t2 = now();
  const discussion = linkDiscussion(a.doc, a.thread, a.patches);
  return joinDiscussion(a, discussion, now() - t2);
}

/**
 * `a` with a discussion linked elsewhere (the editor's worker sends the two stages apart, so
 * the figures are drawn before the discussion is linked).
 */
export function joinDiscussion(a: ImpactAnalysis, discussion: Discussion, discussionMs: number): Analysis {
  const hunks = a.hunks.map((h) => ({ ...h, discussion: discussion.hunks[h.key] ?? [] }));
  const claims = discussion.claims.map((c): ClaimCheck => {
    for (const h of hunks) {
      const s = h.impact.structs.find((x) => x.name === c.struct);
      const sc = s?.scenarios.find((x) => x.isBase && x.delta !== undefined) ?? s?.scenarios.find((x) => x.delta !== undefined && x.delta !== 0);
      if (sc?.delta !== undefined) return { ...c, computed: sc.delta, agrees: sc.delta === c.bytes * c.sign };
    }
    return { ...c };
  });
  const { read, impact } = a.millis;
  return {
    name: a.name, text: a.text, doc: a.doc, thread: a.thread, patches: a.patches, hunks, discussion, verdicts: discussion.verdicts, claims,
    millis: { read, impact, discussion: discussionMs, total: read + impact + discussionMs },
  };
}

/** The whole pipeline: text of a document → messages → thread → patches/hunks → struct impact → discussion. */
export async function analyze(input: string | Uint8Array, opts: AnalyzeOptions): Promise<Analysis> {
  return addDiscussion(await analyzeImpact(input, opts), opts.now);
}
