// The one place where a document's text becomes "what to show": calls the core stages in
// order and flattens their results into the model. Stages not yet in the core are listed
// in `missing` and contribute nothing, so the UI never shows figures nobody computed.
import type { AbiName } from '../core/layout/types';
import type { Analysis, HunkView, PatchView, Stage } from './model';

export type BasisChoice = 'auto' | 'source' | 'btf' | 'running' | 'embedded';

export interface AnalysisOptions {
  abi: AbiName;
  basis: BasisChoice;
  /** Text of the chosen Kconfig `.config`, when one was chosen and readable. */
  kconfig?: string;
  /** Bytes of the chosen BTF blob (a file, or the running kernel's). */
  btf?: Uint8Array;
  /** Kernel tree reader for the `source` basis: path relative to the tree → text. */
  readTreeFile?: (relPath: string) => string | undefined;
}

export interface Cancellation { readonly isCancellationRequested: boolean }

/** Lets the host breathe between stages and stops when the document changed meanwhile. */
const breathe = () => new Promise<void>((r) => setTimeout(r, 0));

export async function analyze(text: string, version: number, _options: AnalysisOptions, token: Cancellation): Promise<Analysis | undefined> {
  const started = Date.now();
  const missing: Stage[] = ['mail', 'thread', 'patch', 'impact', 'discussion', 'report'];
  const problems: string[] = [];
  const patches: PatchView[] = [];
  const hunks: HunkView[] = [];
  void text;
  await breathe();
  if (token.isCancellationRequested) return undefined;
  return { version, patches, hunks, missing, problems, ms: Date.now() - started };
}

/** The core's Markdown size-impact report, or undefined while that stage is missing. */
export function reportMarkdown(_a: Analysis, _title: string): string | undefined {
  return undefined;
}
