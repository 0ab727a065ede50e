// The one place where a document's text becomes "what to show": calls the core stages in
// order and flattens their results into the model. Stages not yet in the core are listed
// in `missing` and contribute nothing, so the UI never shows figures nobody computed.
import type { AbiName } from '../core/layout/types';
import { readDocument } from '../core/mail';
import { buildThread } from '../core/thread';
import { extractPatches } from '../core/patch';
import { hunkKey, linkDiscussion } from '../core/discussion';
import { btfImpact } from '../core/impact/btf-basis';
import type { HunkImpact, StructImpact } from '../core/impact/types';
import type { Hunk } from '../core/patch/types';
import { parseKconfig, type Kconfig } from '../core/c/kconfig';
import { loadSnapshot } from '../core/types/snapshot';
import { readBtf } from '../core/types/btf';
import { elfSection, isElf } from '../core/types/elf';
import { btfTypeSource, type BtfTypeSource } from '../core/types/type-source';
import type { Analysis, HunkView, PatchView, Stage } from './model';

export type BasisChoice = 'auto' | 'source' | 'btf' | 'running' | 'embedded';

/** Where struct layouts come from for this analysis, already read. */
export interface TypeBasis {
  source: BtfTypeSource;
  /** The configuration scenarios start from: the chosen .config, else the BTF's own. */
  config?: Kconfig;
  detail: string;
}

export interface AnalysisOptions {
  abi: AbiName;
  basis: BasisChoice;
  /** Undefined when the chosen basis could not be read (then no figures at all). */
  types?: TypeBasis;
  /** Text of the chosen Kconfig `.config`, when one was chosen and readable. */
  kconfig?: string;
  /** Bytes of the chosen BTF blob (a file, or the running kernel's). */
  btf?: Uint8Array;
  /** Kernel tree reader for the `source` basis: path relative to the tree → text. */
  readTreeFile?: (relPath: string) => string | undefined;
}

/** The embedded distribution snapshot (pruned BTF plus its .config). */
export function snapshotBasis(bytes: Uint8Array, kconfig?: string): TypeBasis {
  const snap = loadSnapshot(bytes);
  return { source: snap, config: kconfig !== undefined ? parseKconfig(kconfig) : snap.config, detail: `embedded snapshot: ${snap.label}` };
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

/** Impact of one hunk on every struct it changes, per scenario, on the BTF basis. */
function hunkImpact(hunk: Hunk, o: AnalysisOptions): HunkImpact | undefined {
  const types = o.types;
  const changed = hunk.structs.filter((st) => st.changed);
  if (!types || changed.length === 0) return undefined;
  const structs: StructImpact[] = changed.map((st) => btfImpact({
    hunk, name: st.name, kind: st.kind, source: types.source, config: types.config, abi: o.abi, basisDetail: types.detail,
  }));
  return { structs, newStructs: [] };
}

export interface Cancellation { readonly isCancellationRequested: boolean }

/** Lets the host breathe between stages and stops when the document changed meanwhile. */
const breathe = () => new Promise<void>((r) => setTimeout(r, 0));

export async function analyze(text: string, version: number, options: AnalysisOptions, token: Cancellation): Promise<Analysis | undefined> {
  const started = Date.now();
  // impact: only the BTF basis (file, running kernel, embedded snapshot) is in the core yet;
  // no kernel-tree basis, no sizes of new structs, no slab rows.
  const missing: Stage[] = ['report'];
  if (!options.types) missing.push('impact');
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
      try {
        const impact = hunkImpact(hunk, options);
        if (impact) hv.impact = impact;
      } catch (err) {
        problems.push(`impact of ${hunk.file} @@ -${hunk.oldStart}: ${err instanceof Error ? err.message : String(err)}`);
      }
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
