// Messages between the extension host and the analysis worker (structured-cloned). A run is
// answered by `impact` then `discussion` (the discussion alone, not the thread again), or by
// `superseded` or `error` at any point. The impact comes without the document's text: the
// host sent it and puts it back (a third of what the hand-over copied on a 1 MB thread).
import type { BasisSpec } from './analysis';
import type { Discussion } from '../core/discussion';
import type { ImpactResult, RunRequest } from './runner';

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

export type ToWorker =
  | { type: 'basis'; spec: BasisSpec }
  | ({ type: 'run'; id: number } & RunRequest);

export type FromWorker =
  | { id: number; impact: ImpactWithoutText }
  | { id: number; discussion: Discussion; ms: number }
  | { id: number; superseded: true }
  | { id: number; error: string };
