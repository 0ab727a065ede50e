// Messages between the extension host and the analysis worker (structured-cloned). A run is
// answered by `impact` then `discussion` (the discussion alone, not the thread again), or by
// `superseded` or `error` at any point.
import type { BasisSpec } from './analysis';
import type { Discussion } from '../core/discussion';
import type { ImpactResult, RunRequest } from './runner';

export type ToWorker =
  | { type: 'basis'; spec: BasisSpec }
  | ({ type: 'run'; id: number } & RunRequest);

export type FromWorker =
  | { id: number; impact: ImpactResult }
  | { id: number; discussion: Discussion; ms: number }
  | { id: number; superseded: true }
  | { id: number; error: string };
