// The struct impact of one hunk, on the most exact base available.
import type { Kconfig } from '../c/kconfig';
import type { AbiName } from '../layout/types';
import type { Hunk } from '../patch/types';
import type { BtfTypeSource } from '../types/type-source';
import { btfImpact } from './btf-basis';
import { estimateImpact } from './estimate-basis';
import { newStructs } from './new-structs';
import { slabRows, type SlabMachine } from './slab-impact';
import { sourceImpact, type SourceBasis } from './source-basis';
import { changedInside, changesLayout } from './snippet';
import { scenarioLabel } from './scenarios';
import { headline } from './summary';
import type { HunkImpact, StructImpact } from './types';

export type { Basis, HunkImpact, StructImpact, Scenario, NewStruct, SlabRow, LayoutSummary } from './types';
export type { SourceBasis } from './source-basis';
export type { SlabMachine } from './slab-impact';

export interface ImpactEnv {
  abi: AbiName;
  /** A kernel tree and its configuration (basis `source`). */
  source?: SourceBasis;
  /** BTF of the running kernel, a file or the embedded snapshot (basis `btf`); also sizes types for `estimate`. */
  btf?: BtfTypeSource;
  /** The configuration `btf` describes, when known. */
  btfConfig?: Kconfig;
  /** Only these structs (empty: all). */
  structs?: readonly string[];
  /** Slab caches and CPU counts of this machine, when the front end could read them. */
  slab?: SlabMachine;
}

export function hunkImpact(hunk: Hunk, env: ImpactEnv): HunkImpact {
  const structs: StructImpact[] = [];
  // A hunk under a struct's heading that only touches #defines or comments changes no layout.
  const layoutLines = changesLayout(hunk.lines);
  for (const s of hunk.structs) {
    if (!s.changed || !layoutLines) continue;
    if (s.evidence === 'heading' && !changedInside(hunk.lines, s.name, !hunk.rebuilt)) continue;
    if (env.structs?.length && !env.structs.includes(s.name)) continue;
    const impact = structImpact(hunk, s.name, s.kind, env);
    const h = headline(impact);
    if (h && env.btf) {
      const { rows, notes } = slabRows(s.name, h, env.btf, env.abi, env.slab);
      impact.slab = rows;
      impact.assumptions.push(...notes);
      // headline() falls back to another scenario when the base one has no figure
      if (rows.length && !h.isBase && impact.scenarios.some((x) => x.isBase)) {
        impact.assumptions.push(`slab figures are for ${scenarioLabel(h.config)}: the base configuration has no figure`);
      }
    }
    structs.push(impact);
  }
  const fresh = env.btf ? newStructs(hunk, env.btf, env.btfConfig, env.abi) : [];
  return { structs, newStructs: fresh };
}

function structImpact(hunk: Hunk, name: string, kind: 'struct' | 'union', env: ImpactEnv): StructImpact {
  const tried: string[] = [];
  if (env.source) {
    const r = sourceImpact({ hunk, name, kind, basis: env.source, abi: env.abi });
    if (!r.error) return r;
    tried.push(`source: ${r.error}`);
  }
  if (env.btf) {
    const r = btfImpact({ hunk, name, kind, source: env.btf, config: env.btfConfig, abi: env.abi, basisDetail: env.btf.label });
    if (!r.error) {
      r.assumptions.unshift(...tried.map((t) => `not used: ${t}`));
      return r;
    }
    tried.push(`btf: ${r.error}`);
    const e = estimateImpact({ hunk, name, kind, types: env.btf, config: env.btfConfig, abi: env.abi, why: tried.join('; ') });
    return e;
  }
  return {
    name, kind, basis: 'estimate', basisDetail: 'none', abi: env.abi, scenarios: [], slab: [], assumptions: [],
    error: tried.length ? tried.join('; ') : 'no base layout and no type information (give --tree, --btf or use the embedded snapshot)',
  };
}
