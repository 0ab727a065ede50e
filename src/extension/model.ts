// What the editor shows for one thread document. Built by analysis.ts from the core's
// results; UI modules read only this, so they need not know which core stages exist yet.
import type { MailDocument, Message } from '../core/mail/types';
import type { Thread } from '../core/thread/types';
import type { DiffLine, Hunk, MessagePatches } from '../core/patch/types';
import type { HunkImpact } from '../core/impact/types';
import type { DiscussionEntry, Verdict } from '../core/discussion/types';
import type { Analysis as CoreAnalysis } from '../core/analyze';

/** The core's stages; one that could not run is reported missing (the impact stage without a layout basis). */
export type Stage = 'mail' | 'thread' | 'patch' | 'impact' | 'discussion' | 'report';

export interface HunkView {
  /** Position in `Analysis.hunks`; stable for one analysis only. */
  index: number;
  /** The core's hunk key (discussion stage), or a local one when that stage is missing. */
  key: string;
  hunk: Hunk;
  /** Undefined when the impact stage is missing or found no struct. */
  impact?: HunkImpact;
  comments: DiscussionEntry[];
  verdicts: Verdict[];
  /** Comments and verdicts are not linked yet (the figures came first). */
  discussionPending?: boolean;
}

export interface PatchView {
  message: number;
  patches: MessagePatches;
  hunks: HunkView[];
  verdicts: Verdict[];
}

export interface Analysis {
  /** Document version the analysis was computed from. */
  version: number;
  /** The core's own result, for the report; undefined while the discussion is being linked. */
  core?: CoreAnalysis;
  /** The figures are here, the discussion (comments, verdicts) is still being linked. */
  discussionPending?: boolean;
  mail: MailDocument;
  thread: Thread;
  patches: PatchView[];
  hunks: HunkView[];
  missing: Stage[];
  /** One line per problem; shown in the output channel, never thrown at the user. */
  problems: string[];
  /** Wall time of the analysis as the host saw it (hand-over to and from the worker included). */
  ms: number;
  /** Where the pipeline ran, and its own time there. */
  where?: 'worker' | 'inline';
  pipelineMs?: number;
  /**
   * Opening the document to its annotations drawn (analysis, then decorations, CodeLens
   * and tree told), for the first analysis after the document opened.
   */
  sinceOpenMs?: number;
  /** Opening the document to its discussion drawn (comments, verdicts), likewise. */
  discussionSinceOpenMs?: number;
  /**
   * The figures' stage as it was first drawn: the host's wall time from the run's start
   * (hand-over to and from the worker included) and the pipeline's own reading and impact
   * times, so the e2e run shows where the time to annotations goes. With a worker, also
   * the run's wait before the pipeline started there (`toWorkerMs`: the text's copy and
   * any run still busy), the answer's copy back (`handOverMs`), and the host's own work
   * turning it into this model (`modelMs`).
   */
  figures?: { ms: number; pipelineMs: number; readMs: number; impactMs: number; toWorkerMs?: number; handOverMs?: number; modelMs: number };
}

export function messageOf(a: Analysis, index: number): Message | undefined {
  return a.mail?.messages[index];
}

/** Largest growth over the scenarios of every struct a hunk changes (undefined: no figure). */
export function hunkDelta(h: HunkView): number | undefined {
  let best: number | undefined;
  for (const s of h.impact?.structs ?? []) {
    for (const sc of s.scenarios) {
      if (sc.delta === undefined) continue;
      if (best === undefined || Math.abs(sc.delta) > Math.abs(best)) best = sc.delta;
    }
  }
  return best;
}

/**
 * The hunk's first `+`/`-` line: the one its figure is drawn after, and the one line of each
 * hunk the worker's first stage carries (worker-protocol.ts).
 */
export function firstChangedLine(hunk: Hunk): DiffLine | undefined {
  return hunk.lines.find((l) => l.kind !== ' ');
}

export function isStructHunk(h: HunkView): boolean {
  return h.hunk.structs.length > 0 || (h.impact?.structs.length ?? 0) > 0 || (h.impact?.newStructs.length ?? 0) > 0;
}
