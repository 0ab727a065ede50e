// The one place where a document's text becomes "what to show": calls the core stages in
// order and flattens their results into the model. Stages not yet in the core are listed
// in `missing` and contribute nothing, so the UI never shows figures nobody computed.
import type { AbiName } from '../core/layout/types';
import { readDocument } from '../core/mail';
import { buildThread } from '../core/thread';
import { extractPatches } from '../core/patch';
import { hunkKey, linkDiscussion } from '../core/discussion';
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
  const missing: Stage[] = ['impact', 'report'];
  const problems: string[] = [];
  const patches: PatchView[] = [];
  const hunks: HunkView[] = [];
  const done = (extra: Partial<Analysis> = {}): Analysis => ({ version, patches, hunks, missing, problems, ms: Date.now() - started, ...extra });

  const mail = await readDocument(text);
  problems.push(...mail.warnings);
  for (const m of mail.messages) for (const w of m.warnings) problems.push(`message ${m.index + 1}: ${w}`);
  if (token.isCancellationRequested) return undefined;
  const thread = buildThread(mail.messages);
  const found = extractPatches(mail, thread);
  await breathe();
  if (token.isCancellationRequested) return undefined;
  const discussion = linkDiscussion(mail, thread, found);

  for (const mp of found) {
    const verdicts = discussion.verdicts[mp.message] ?? [];
    const pv: PatchView = { message: mp.message, patches: mp, hunks: [], verdicts };
    for (const hunk of mp.hunks) {
      const key = hunkKey(hunk);
      const own = verdicts.filter((v) => v.hunk === undefined || v.hunk === key);
      const loose = discussion.looseVerdicts.filter((v) => v.hunk === key);
      const hv: HunkView = { index: hunks.length, key, hunk, comments: discussion.hunks[key] ?? [], verdicts: [...own, ...loose] };
      hunks.push(hv);
      pv.hunks.push(hv);
    }
    if (pv.hunks.length || mp.hasPatch) patches.push(pv);
  }
  return done({ mail, thread });
}

/** The core's Markdown size-impact report, or undefined while that stage is missing. */
export function reportMarkdown(_a: Analysis, _title: string): string | undefined {
  return undefined;
}
