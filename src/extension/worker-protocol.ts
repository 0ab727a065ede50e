// Messages between the extension host and the analysis worker (structured-cloned). A run is
// answered by `impact` then `discussion` (the discussion alone, not the thread again), or by
// `superseded` or `error` at any point. The impact comes without the document's text: the
// host sent it and puts it back (a third of what the hand-over copied on a 1 MB thread).
// Its hunks come cut to their first changed line, all the figures' drawing reads: the diff
// lines are most of the hand-over's objects (on the 1 MB thread 976 hunks, 40 ms of its
// copy), so they follow with the discussion, once the figures are on screen.
import type { BasisSpec } from './analysis';
import type { ImpactAnalysis } from '../core/analyze';
import type { Discussion } from '../core/discussion';
import type { DiffLine, Hunk } from '../core/patch/types';
import type { ImpactResult, RunRequest } from './runner';
import { firstChangedLine } from './model';

export type ImpactWithoutText = Omit<ImpactResult, 'impact'> & { impact: Omit<ImpactResult['impact'], 'text'> };

/** What the worker posts for the first stage. */
export function withoutText(r: ImpactResult): ImpactWithoutText {
  const { text: _text, ...impact } = r.impact;
  return { ...r, impact };
}

/** The first stage again as the runner's callers see it, with the text the host sent. */
export function withText(r: ImpactWithoutText, text: string): ImpactResult {
  return { ...r, impact: { ...r.impact, text } };
}

/** Every hunk of a first stage once, in an order both sides derive alike from the same structure. */
export function hunksOf(impact: Pick<ImpactAnalysis, 'patches' | 'hunks'>): Hunk[] {
  const seen = new Set<Hunk>();
  for (const p of impact.patches) for (const h of p.hunks) seen.add(h);
  for (const h of impact.hunks) seen.add(h.hunk);
  return [...seen];
}

/**
 * Calls `send` (which must copy synchronously, as postMessage does) while each hunk holds
 * only its first changed line; the hunks have all their lines again when it returns.
 * Returns the lines in `hunksOf` order, for the discussion message.
 */
export function sendCut(impact: Pick<ImpactAnalysis, 'patches' | 'hunks'>, send: () => void): DiffLine[][] {
  const hunks = hunksOf(impact);
  const full = hunks.map((h) => h.lines);
  try {
    for (const h of hunks) {
      const changed = firstChangedLine(h);
      h.lines = changed ? [changed] : [];
    }
    send();
  } finally {
    hunks.forEach((h, i) => { h.lines = full[i]!; });
  }
  return full;
}

/** The host's side: the cut hunks of a first stage get their lines back. */
export function restoreLines(impact: Pick<ImpactAnalysis, 'patches' | 'hunks'>, lines: DiffLine[][]): void {
  const hunks = hunksOf(impact);
  if (hunks.length !== lines.length) throw new Error(`analysis worker sent lines for ${lines.length} hunks, not ${hunks.length}`);
  hunks.forEach((h, i) => { h.lines = lines[i]!; });
}

export type ToWorker =
  | { type: 'basis'; spec: BasisSpec }
  | ({ type: 'run'; id: number } & RunRequest);

export type FromWorker =
  | { id: number; impact: ImpactWithoutText }
  | { id: number; discussion: Discussion; ms: number; lines: DiffLine[][] }
  | { id: number; superseded: true }
  | { id: number; error: string };
