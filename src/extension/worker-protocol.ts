// Messages between the extension host and the analysis worker (structured-cloned).
import type { BasisSpec } from './analysis';
import type { RunRequest, RunResult } from './runner';

export type ToWorker =
  | { type: 'basis'; spec: BasisSpec }
  | ({ type: 'run'; id: number } & RunRequest);

export type FromWorker =
  | { id: number; result: RunResult }
  | { id: number; superseded: true }
  | { id: number; error: string };
