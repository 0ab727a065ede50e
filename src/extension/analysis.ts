// The one place where a document's text becomes "what to show": runs the core pipeline
// (src/core/analyze: mail → thread → patches → struct impact → discussion) and flattens
// its result into the model the UI reads. Every figure shown comes from the core.
import type { AbiName } from '../core/layout/types';
import { analyze as coreAnalyze } from '../core/analyze';
import type { SourceBasis } from '../core/impact';
import type { SourceTree } from '../core/c/preprocess-types';
import { reportMarkdown as coreReportMarkdown } from '../core/report';
import { parseKconfig, type Kconfig } from '../core/c/kconfig';
import { loadSnapshot } from '../core/types/snapshot';
import { readBtf } from '../core/types/btf';
import { elfSection, isElf } from '../core/types/elf';
import { btfTypeSource, type BtfTypeSource } from '../core/types/type-source';
import { hunkKey } from '../core/discussion';
import type { Analysis, HunkView, PatchView, Stage } from './model';

export type BasisChoice = 'auto' | 'source' | 'btf' | 'running' | 'embedded';

/** BTF types for this analysis, already read. */
export interface TypeBasis {
  source: BtfTypeSource;
  /** The configuration scenarios start from: the chosen .config, else the BTF's own. */
  config?: Kconfig;
  detail: string;
}

export interface AnalysisOptions {
  abi: AbiName;
  basis: BasisChoice;
  /** BTF types (file, running kernel, embedded snapshot); also sizes types for estimates. */
  types?: TypeBasis;
  /** A kernel tree (Node hosts only, trusted workspaces only). */
  tree?: SourceBasis;
  /** Text of the chosen Kconfig `.config`, when one was chosen and readable. */
  kconfig?: string;
  /** Only these structs (empty: all). */
  structs?: string[];
}

/** The embedded distribution snapshot (pruned BTF plus its .config). */
export function snapshotBasis(bytes: Uint8Array): TypeBasis {
  const snap = loadSnapshot(bytes);
  return { source: snap, config: snap.config, detail: `embedded snapshot: ${snap.label}` };
}

/** The same types with the user's chosen .config as the scenarios' starting point. */
export function withConfig(t: TypeBasis, kconfig: string): TypeBasis {
  return { ...t, config: parseKconfig(kconfig), detail: `${t.detail}, with the chosen .config` };
}

/** A BTF blob: raw BTF (`/sys/kernel/btf/vmlinux`) or the `.BTF` section of a vmlinux. */
export function btfBasis(bytes: Uint8Array, label: string, kconfig?: string): TypeBasis {
  const btf = readBtf(isElf(bytes) ? elfSection(bytes, '.BTF') : bytes);
  return { source: btfTypeSource(btf, label), config: kconfig !== undefined ? parseKconfig(kconfig) : undefined, detail: label };
}

/** A kernel tree read through `tree` (the Node host's file system). */
export function treeBasis(tree: SourceTree, dir: string, kconfig?: string): SourceBasis {
  const config = kconfig !== undefined ? parseKconfig(kconfig) : undefined;
  return { tree, objtree: dir, config, label: `${dir}${kconfig !== undefined ? ' with the chosen .config' : ''}`, cache: new Map() };
}

export interface Cancellation { readonly isCancellationRequested: boolean }

export async function analyze(text: string, version: number, options: AnalysisOptions, token: Cancellation, name?: string): Promise<Analysis | undefined> {
  const started = Date.now();
  // Give a burst of edits the chance to cancel this run before it starts.
  await new Promise<void>((r) => setTimeout(r, 0));
  if (token.isCancellationRequested) return undefined;
  const core = await coreAnalyze(text, {
    abi: options.abi, btf: options.types?.source, btfConfig: options.types?.config, source: options.tree,
    structs: options.structs, name,
  });
  if (token.isCancellationRequested) return undefined;

  const missing: Stage[] = [];
  if (!options.types && !options.tree) missing.push('impact');
  const problems = [...core.doc.warnings];
  for (const m of core.doc.messages) for (const w of m.warnings) problems.push(`message ${m.index + 1}: ${w}`);
  const byKey = new Map(core.hunks.map((h) => [h.key, h]));
  const patches: PatchView[] = [];
  const hunks: HunkView[] = [];
  for (const mp of core.patches) {
    const verdicts = core.verdicts[mp.message] ?? [];
    const pv: PatchView = { message: mp.message, patches: mp, hunks: [], verdicts };
    for (const hunk of mp.hunks) {
      const key = hunkKey(hunk);
      const ha = byKey.get(key);
      const own = verdicts.filter((v) => v.hunk === undefined || v.hunk === key);
      const loose = core.discussion.looseVerdicts.filter((v) => v.hunk === key);
      const hv: HunkView = { index: hunks.length, key, hunk, comments: ha?.discussion ?? [], verdicts: [...own, ...loose] };
      if (ha && (ha.impact.structs.length || ha.impact.newStructs.length)) hv.impact = ha.impact;
      hunks.push(hv);
      pv.hunks.push(hv);
    }
    if (pv.hunks.length || mp.hasPatch) patches.push(pv);
  }
  return { version, core, mail: core.doc, thread: core.thread, patches, hunks, missing, problems, ms: Date.now() - started };
}

/** The core's unified-built Markdown size-impact report. */
export function reportMarkdown(a: Analysis): string | undefined {
  return a.core ? coreReportMarkdown(a.core) : undefined;
}
