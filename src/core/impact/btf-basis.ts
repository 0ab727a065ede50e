// Struct impact on a BTF base (the running kernel, a BTF file, or the embedded snapshot):
// the hunk is anchored on member names from its context, its members inserted or
// removed, and the struct laid out again per scenario.
import type { FieldDecl } from '../c/ctypes';
import type { Kconfig } from '../c/kconfig';
import { definesFor } from './defines';
import { LayoutContext, layoutRecordDecl } from '../layout';
import type { AbiName, StructLayout } from '../layout/types';
import type { Hunk } from '../patch/types';
import type { BtfTypeSource } from '../types/type-source';
import { baseRecord, resolveFromBtf } from './btf-record';
import { parseBodySnippet, type ParsedSnippet, type SnippetMember } from './members';
import { baseValue, hunkOptions, planScenarios } from './scenarios';
import { structSnippet, type Snippet } from './snippet';
import { compareInto } from './summary';
import type { Scenario, ScenarioConfig, StructImpact } from './types';

export interface BtfBasisInput {
  hunk: Hunk;
  name: string;
  kind: 'struct' | 'union';
  source: BtfTypeSource;
  /** The configuration the BTF was built with, when known (the snapshot ships its own). */
  config?: Kconfig;
  abi: AbiName;
  basisDetail: string;
}

interface Entry {
  name: string | undefined;
  field: FieldDecl;
  /** Switched off in this scenario: not laid out, but still a neighbour to anchor on. */
  ghost?: boolean;
}

function named(members: SnippetMember[]): Set<string> {
  return new Set(members.map((m) => m.field.name).filter((n): n is string => n !== undefined));
}

/**
 * Inserts `entry` (declared on hunk line `line`) next to its neighbours in hunk order:
 * after the member of the nearest earlier line that is in `list` (switched off or not),
 * else before the member of the nearest later one.
 */
function insertAnchored(list: Entry[], lineNames: ReadonlyMap<number, string>, line: number, entry: Entry): boolean {
  const find = (l: number) => {
    const n = lineNames.get(l);
    return n === undefined ? -1 : list.findIndex((e) => e.name === n && e !== entry);
  };
  const last = Math.max(...lineNames.keys(), line);
  for (let l = line - 1; l >= 0; l--) {
    const at = find(l);
    if (at >= 0) { list.splice(at + 1, 0, entry); return true; }
  }
  for (let l = line + 1; l <= last; l++) {
    const at = find(l);
    if (at >= 0) { list.splice(at, 0, entry); return true; }
  }
  return false;
}

export function btfImpact(input: BtfBasisInput): StructImpact {
  const { hunk, name, source, abi } = input;
  const impact: StructImpact = {
    name, kind: input.kind, basis: 'btf', basisDetail: input.basisDetail, abi, scenarios: [], slab: [], assumptions: [],
  };
  let layout: StructLayout;
  try {
    layout = source.structLayout(`${input.kind} ${name}`);
  } catch (e) {
    impact.error = e instanceof Error ? e.message : String(e);
    return impact;
  }
  let base;
  try {
    base = baseRecord(source, layout, abi);
  } catch (e) {
    impact.error = `cannot re-lay out the BTF base: ${e instanceof Error ? e.message : String(e)}`;
    return impact;
  }
  impact.assumptions.push(...base.notes);
  const oldS = structSnippet(hunk.lines, name, 'old');
  const newS = structSnippet(hunk.lines, name, 'new');
  impact.assumptions.push(...new Set([...oldS.notes, ...newS.notes]));

  const options = hunkOptions(hunk.lines);
  const plans = planScenarios(options, (o) => baseValue(input.config, o));
  const parse = (s: Snippet, sc: ScenarioConfig): ParsedSnippet =>
    parseBodySnippet(s, definesFor([s.text], input.config, sc), abi);
  const parsed = plans.map((p) => ({ plan: p, old: parse(oldS, p.config), new: parse(newS, p.config) }));
  const everOld = new Set<string>();
  for (const p of parsed) for (const n of named(p.old.members)) everOld.add(n);
  // Which member each hunk line declares, whatever the scenario: the anchors for insertion.
  const lineNames = new Map<number, string>();
  for (const p of parsed) {
    for (const m of [...p.old.members, ...p.new.members]) if (m.line >= 0 && m.field.name) lineNames.set(m.line, m.field.name);
  }
  const baseNames = new Set(base.names.filter(Boolean));
  if (![...everOld].some((n) => baseNames.has(n)) && !parsed.some((p) => p.new.members.some((m) => m.field.name && baseNames.has(m.field.name)))) {
    impact.error = `no member the hunk shows is in ${input.kind} ${name} of ${source.label}: cannot place it`;
    return impact;
  }
  impact.match = { how: 'anchor', detail: `anchored on ${[...everOld].filter((n) => baseNames.has(n)).join(', ') || 'the new side\'s members'}` };

  for (const { plan, old, new: nw } of parsed) {
    const sc: Scenario = { config: plan.config, baseValues: plan.baseValues, isBase: plan.isBase, holesFilled: 0, holesCreated: 0, moved: [] };
    impact.scenarios.push(sc);
    const problems = [...new Set([...old.problems, ...nw.problems])];
    if (problems.length) {
      sc.error = `the hunk's lines could not be read: ${problems[0]}`;
      continue;
    }
    const missing = new Set<string>();
    // Before: the BTF members, with the ones the hunk shows switched on or off as this scenario says.
    const oldNames = named(old.members);
    const before: Entry[] = base.decl.fields!.map((field, i) => {
      const n = base.names[i] || undefined;
      return { name: n, field, ghost: n !== undefined && everOld.has(n) && !oldNames.has(n) };
    });
    const oldFields = resolveFromBtf(source, old.members.map((m) => m.field), missing);
    old.members.forEach((m, k) => {
      if (m.field.name && before.some((e) => e.name === m.field.name && !e.ghost)) return;
      insertAnchored(before, lineNames, m.line, { name: m.field.name, field: oldFields[k] });
    });
    // After: members of removed lines go, members of added lines come in next to their context.
    const after = before.slice();
    const newNames = named(nw.members);
    for (const m of old.members) {
      if (m.line < 0 || hunk.lines[m.line].kind !== '-' || !m.field.name) continue;
      if (newNames.has(m.field.name) && nw.members.some((x) => x.field.name === m.field.name && x.line >= 0 && hunk.lines[x.line].kind === ' ')) continue;
      const at = after.findIndex((e) => e.name === m.field.name);
      if (at >= 0) after.splice(at, 1);
    }
    const newFields = resolveFromBtf(source, nw.members.map((m) => m.field), missing);
    let placed = true;
    nw.members.forEach((m, k) => {
      if (m.line < 0 || hunk.lines[m.line].kind !== '+') return;
      if (!insertAnchored(after, lineNames, m.line, { name: m.field.name, field: newFields[k] })) placed = false;
    });
    if (!placed) {
      sc.error = 'the added members have no neighbour in the BTF layout to stand next to';
      continue;
    }
    if (missing.size) {
      sc.error = `type${missing.size > 1 ? 's' : ''} not in ${source.label}: ${[...missing].join(', ')}`;
      continue;
    }
    const lay = (entries: Entry[], unit: ParsedSnippet['unit']) => layoutRecordDecl(
      new LayoutContext(unit, abi), { ...base.decl, fields: entries.filter((e) => !e.ghost).map((e) => e.field) }, name);
    compareInto(sc, () => [lay(before, old.unit), lay(after, nw.unit)]);
  }
  return impact;
}
