// The one place where a document's text becomes "what to show": loads the layout basis,
// runs the core pipeline (src/core/analyze: mail → thread → patches → struct impact →
// discussion) and flattens its result into the model the UI reads. No `vscode` here: the
// analysis worker runs this same module, so every figure shown comes from the core alike.
import type { AbiName } from '../core/layout/types';
import { analyzeImpact, type Analysis as CoreAnalysis, type ImpactAnalysis } from '../core/analyze';
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

/**
 * The layout basis as plain data (settings resolved, files read): what crosses to the
 * analysis worker, which turns it into types once per change.
 */
export interface BasisSpec {
  abi: AbiName;
  basis: BasisChoice;
  /** BTF types: a BTF blob (raw or a vmlinux's `.BTF`) or the embedded snapshot's bytes. */
  types?: { kind: 'btf'; bytes: Uint8Array; label: string } | { kind: 'snapshot'; bytes: Uint8Array };
  /** A kernel tree directory (Node hosts only, trusted workspaces only). */
  treeDir?: string;
  /** Text of the chosen Kconfig `.config`, when one was chosen and readable. */
  kconfig?: string;
  /** Only these structs (empty: all). */
  structs?: string[];
}

/** BTF types for this analysis, already read. */
export interface TypeBasis {
  source: BtfTypeSource;
  /** The configuration scenarios start from: the chosen .config, else the BTF's own. */
  config?: Kconfig;
  detail: string;
}

/** A basis ready for the core: types read, the tree's header cache kept across runs. */
export interface LoadedBasis {
  spec: BasisSpec;
  types?: TypeBasis;
  tree?: SourceBasis;
  /** What the basis is, one line each, for the log. */
  details: string[];
  problems: string[];
  loadMs: number;
}

function typeBasis(t: NonNullable<BasisSpec['types']>, kconfig: string | undefined): TypeBasis {
  if (t.kind === 'snapshot') {
    const snap = loadSnapshot(t.bytes);
    const detail = `embedded snapshot: ${snap.label}`;
    // The chosen .config, when there is one, is the scenarios' starting point.
    return kconfig !== undefined
      ? { source: snap, config: parseKconfig(kconfig), detail: `${detail}, with the chosen .config` }
      : { source: snap, config: snap.config, detail };
  }
  const btf = readBtf(isElf(t.bytes) ? elfSection(t.bytes, '.BTF') : t.bytes);
  return { source: btfTypeSource(btf, t.label), config: kconfig !== undefined ? parseKconfig(kconfig) : undefined, detail: t.label };
}

/** Reads the spec's types and tree once; a basis that cannot be read is a problem line, not a throw. */
export function loadBasis(spec: BasisSpec, tree?: SourceTree, now: () => number = Date.now): LoadedBasis {
  const started = now();
  const out: LoadedBasis = { spec, details: [], problems: [], loadMs: 0 };
  if (spec.types) {
    try {
      out.types = typeBasis(spec.types, spec.kconfig);
      out.details.push(out.types.detail);
    } catch (err) {
      out.problems.push(`cannot use the ${spec.basis} basis: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (spec.treeDir !== undefined) {
    if (tree) {
      const config = spec.kconfig !== undefined ? parseKconfig(spec.kconfig) : undefined;
      const label = `${spec.treeDir}${spec.kconfig !== undefined ? ' with the chosen .config' : ''}`;
      out.tree = { tree, objtree: spec.treeDir, config, label, cache: new Map() };
      out.details.push(`kernel tree ${label}`);
    } else {
      out.problems.push('the kernel-tree basis needs a host that reads files (desktop VS Code or code-server)');
    }
  }
  out.loadMs = now() - started;
  return out;
}

/** The core pipeline up to the struct impacts, over one document's text with a loaded basis. */
export function runImpact(text: string, basis: LoadedBasis, name?: string): Promise<ImpactAnalysis> {
  return analyzeImpact(text, {
    abi: basis.spec.abi, btf: basis.types?.source, btfConfig: basis.types?.config, source: basis.tree,
    structs: basis.spec.structs, name,
  });
}

/**
 * The UI's model of one analysis: hunks with their impact, comments and verdicts, grouped by
 * patch. Given only the impact stage, the model has the figures and no discussion yet.
 */
export function toAnalysis(result: CoreAnalysis | ImpactAnalysis, version: number, hasBasis: boolean, ms: number): Analysis {
  const core = 'discussion' in result ? result : undefined;
  const missing: Stage[] = [];
  if (!hasBasis) missing.push('impact');
  const problems = [...result.doc.warnings];
  for (const m of result.doc.messages) for (const w of m.warnings) problems.push(`message ${m.index + 1}: ${w}`);
  const byKey = new Map(result.hunks.map((h) => [h.key, h]));
  const patches: PatchView[] = [];
  const hunks: HunkView[] = [];
  for (const mp of result.patches) {
    const verdicts = core?.verdicts[mp.message] ?? [];
    const pv: PatchView = { message: mp.message, patches: mp, hunks: [], verdicts };
    for (const hunk of mp.hunks) {
      const key = hunkKey(hunk);
      const ha = byKey.get(key);
      const own = verdicts.filter((v) => v.hunk === undefined || v.hunk === key);
      const loose = core?.discussion.looseVerdicts.filter((v) => v.hunk === key) ?? [];
      const hv: HunkView = { index: hunks.length, key, hunk, comments: ha?.discussion ?? [], verdicts: [...own, ...loose] };
      if (!core) hv.discussionPending = true;
      if (ha && (ha.impact.structs.length || ha.impact.newStructs.length)) hv.impact = ha.impact;
      hunks.push(hv);
      pv.hunks.push(hv);
    }
    if (pv.hunks.length || mp.hasPatch) patches.push(pv);
  }
  return { version, core, mail: result.doc, thread: result.thread, patches, hunks, missing, problems, ms, discussionPending: !core };
}

/** The core's unified-built Markdown size-impact report. */
export function reportMarkdown(a: Analysis): string | undefined {
  return a.core ? coreReportMarkdown(a.core) : undefined;
}
