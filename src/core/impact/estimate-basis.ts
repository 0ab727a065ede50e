// Struct impact from the hunk alone, when no base layout of the struct is available: the
// members the hunk removes and adds are laid out as runs of their own, starting at an
// offset aligned to the largest alignment among them (stated), and the runs compared.
import { LayoutContext, layoutRecordDecl } from '../layout';
import type { AbiName } from '../layout/types';
import type { Hunk } from '../patch/types';
import type { BtfTypeSource } from '../types/type-source';
import { emptyUnitFor, resolveFromBtf } from './btf-record';
import { definesFor } from './defines';
import { parseBodySnippet } from './members';
import { baseValue, hunkOptions, planScenarios } from './scenarios';
import { structSnippet } from './snippet';
import { summarize } from './summary';
import type { Kconfig } from '../c/kconfig';
import type { Scenario, StructImpact } from './types';

export interface EstimateInput {
  hunk: Hunk;
  name: string;
  kind: 'struct' | 'union';
  /** Where member types are sized (the embedded snapshot at least). */
  types: BtfTypeSource;
  config?: Kconfig;
  abi: AbiName;
  why: string;
}

export function estimateImpact(input: EstimateInput): StructImpact {
  const { hunk, name, abi } = input;
  const impact: StructImpact = {
    name, kind: input.kind, basis: 'estimate', basisDetail: `the hunk alone, member types from ${input.types.label}`,
    abi, scenarios: [], slab: [], match: { how: 'hunk-only', detail: input.why },
    assumptions: ['only the members the hunk removes and adds are laid out; the rest of the struct is unknown',
      'the removed and added runs start at an offset aligned to their largest member alignment'],
  };
  const oldS = structSnippet(hunk.lines, name, 'old');
  const newS = structSnippet(hunk.lines, name, 'new');
  for (const plan of planScenarios(hunkOptions(hunk.lines), (o) => baseValue(input.config, o))) {
    const sc: Scenario = { config: plan.config, baseValues: plan.baseValues, isBase: plan.isBase, holesFilled: 0, holesCreated: 0, moved: [] };
    impact.scenarios.push(sc);
    const old = parseBodySnippet(oldS, definesFor([oldS.text], input.config, plan.config), abi);
    const nw = parseBodySnippet(newS, definesFor([newS.text], input.config, plan.config), abi);
    const problems = [...old.problems, ...nw.problems];
    if (problems.length) { sc.error = `the hunk's lines could not be read: ${problems[0]}`; continue; }
    const missing = new Set<string>();
    const removed = old.members.filter((m) => m.line >= 0 && hunk.lines[m.line].kind === '-');
    const added = nw.members.filter((m) => m.line >= 0 && hunk.lines[m.line].kind === '+');
    const rf = resolveFromBtf(input.types, removed.map((m) => m.field), missing);
    const af = resolveFromBtf(input.types, added.map((m) => m.field), missing);
    if (missing.size) { sc.error = `types not in ${input.types.label}: ${[...missing].join(', ')}`; continue; }
    try {
      const lay = (fields: typeof rf, tag: string) =>
        layoutRecordDecl(new LayoutContext(emptyUnitFor(), abi), { kind: 'struct', tag, fields, packed: false, pos: { file: '<hunk>', offset: 0 } }, tag);
      const b = lay(rf, `${name} (removed lines)`), a = lay(af, `${name} (added lines)`);
      sc.beforeLayout = b;
      sc.afterLayout = a;
      sc.before = summarize(b);
      sc.after = summarize(a);
      sc.delta = a.size - b.size;
    } catch (e) {
      sc.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
    }
  }
  return impact;
}
