// Struct impact on a kernel tree: the hunk is applied to the file it patches (placed like
// `patch` would), and the struct laid out from the preprocessed headers before and after,
// under each scenario's configuration.
import type { FileCache } from '../c/include';
import { parseKconfig, withOption, type Kconfig } from '../c/kconfig';
import { parseDeclarations, parseJournaled, withReparsed, type JournaledUnit } from '../c/parse';
import type { PreprocessResult, SourceTree } from '../c/preprocess-types';
import { KernelTree, findSrctree } from '../c/tree';
import { layoutStruct } from '../layout';
import type { AbiName, StructLayout } from '../layout/types';
import type { Hunk } from '../patch/types';
import { ApplyError, applyHunk } from './apply';
import { baseValue, hunkOptions, planScenarios } from './scenarios';
import { compareInto } from './summary';
import type { Scenario, StructImpact } from './types';

export interface SourceBasis {
  tree: SourceTree;
  /** Where .config and include/generated live (a build directory, or a Debian headers package). */
  objtree: string;
  srctree?: string;
  /** A chosen .config; otherwise the tree's own. */
  config?: Kconfig;
  label: string;
  /** Lexed files shared by every layout from this tree. */
  cache: FileCache;
  /** Kernel trees per configuration, filled as scenarios need them. */
  trees?: Map<string, KernelTree>;
}

export interface SourceInput {
  hunk: Hunk;
  name: string;
  kind: 'struct' | 'union';
  basis: SourceBasis;
  abi: AbiName;
}

function treeConfig(b: SourceBasis): Kconfig | undefined {
  if (b.config) return b.config;
  const text = b.tree.read(`${b.objtree}/.config`);
  return text === undefined ? undefined : parseKconfig(text);
}

/** One KernelTree per configuration, reused by every hunk and scenario of a run. */
function treeFor(b: SourceBasis, srctree: string, config: Kconfig | undefined, abi: AbiName): KernelTree {
  b.trees ??= new Map();
  const key = `${abi}\n${config ? [...config.options].map(([k, v]) => `${k}=${v.kind === 'bool' || v.kind === 'string' || v.kind === 'number' ? v.value : 'n'}`).join('\n') : '<tree>'}`;
  let tree = b.trees.get(key);
  if (!tree) {
    tree = new KernelTree({ tree: b.tree, objtree: b.objtree, srctree, abi, config, cache: b.cache });
    const problem = tree.check();
    if (problem) throw new Error(problem);
    b.trees.set(key, tree);
  }
  return tree;
}

/** Each unpatched unit parsed once, with the log that lets a patched variant reuse it. */
const parsedUnits = new WeakMap<PreprocessResult, JournaledUnit>();

function parsedUnit(r: PreprocessResult): JournaledUnit {
  let u = parsedUnits.get(r);
  if (!u) {
    u = parseJournaled(r.tokens);
    parsedUnits.set(r, u);
  }
  return u;
}

function layoutsIn(b: SourceBasis, srctree: string, file: string, config: Kconfig | undefined, abi: AbiName, patched: string, struct: string): [StructLayout, StructLayout] {
  const tree = treeFor(b, srctree, config, abi);
  const path = `${srctree}/${file}`;
  if (file.startsWith('include/')) {
    const headers = [file.slice('include/'.length)];
    const before = parsedUnit(tree.preprocessHeaders(headers));
    const after = tree.preprocessPatched(headers, path, patched);
    const old = layoutStruct(before.unit, struct, abi);
    // A run resumed from the unpatched one shares its tokens up to the resume point: only the rest is parsed again.
    if (after.resumed?.base !== before.tokens) return [old, layoutStruct(parseDeclarations(after.tokens), struct, abi)];
    return [old, withReparsed(before, after.resumed, (unit) => layoutStruct(unit, struct, abi))];
  }
  // A file outside include/ (a .c file or a private header) is preprocessed on its own.
  const before = tree.preprocessFile(path);
  const afterTree = new KernelTree({ tree: b.tree, objtree: b.objtree, srctree, abi, config, cache: b.cache, overlay: new Map([[path, patched]]) });
  const after = afterTree.preprocessFile(path);
  return [layoutStruct(parseDeclarations(before.tokens), struct, abi), layoutStruct(parseDeclarations(after.tokens), struct, abi)];
}

export function sourceImpact(input: SourceInput): StructImpact {
  const { hunk, name, kind, basis, abi } = input;
  const impact: StructImpact = { name, kind, basis: 'source', basisDetail: basis.label, abi, scenarios: [], slab: [], assumptions: [] };
  const srctree = basis.srctree ?? findSrctree(basis.tree, basis.objtree);
  const path = `${srctree}/${hunk.file}`;
  const text = basis.tree.read(path);
  if (text === undefined) {
    impact.error = `${hunk.file} is not in the tree ${srctree}`;
    return impact;
  }
  let patched: string;
  try {
    const r = applyHunk(text, hunk.lines, hunk.oldStart);
    patched = r.text;
    const m = r.match;
    const how = m.fuzz ? 'fuzz' : m.offset ? 'offset' : 'exact';
    impact.match = { how, detail: `line ${m.line + 1}${m.offset ? ` (offset ${m.offset > 0 ? '+' : ''}${m.offset} lines)` : ''}${m.fuzz ? `, fuzz ${m.fuzz}` : ''}${m.loose ? ', whitespace ignored' : ''}` };
  } catch (e) {
    impact.error = e instanceof ApplyError ? `${hunk.file}: ${e.message}` : String(e);
    return impact;
  }
  const config = treeConfig(basis);
  const options = hunkOptions(hunk.lines);
  const plans = planScenarios(options, (o) => baseValue(config, o));
  if (plans.some((p) => !p.isBase)) {
    impact.assumptions.push('a flipped option rewrites autoconf.h only: options that depend on it keep the base configuration\'s values');
  }
  const struct = `${kind} ${name}`;
  for (const plan of plans) {
    const sc: Scenario = { config: plan.config, baseValues: plan.baseValues, isBase: plan.isBase, holesFilled: 0, holesCreated: 0, moved: [] };
    impact.scenarios.push(sc);
    let cfg = config;
    if (cfg) for (const [o, v] of Object.entries(plan.config)) cfg = withOption(cfg, o, v);
    compareInto(sc, () => layoutsIn(basis, srctree, hunk.file, plan.isBase ? basis.config : cfg, abi, patched, struct));
  }
  if (impact.scenarios.every((s) => s.error)) impact.error = impact.scenarios[0]?.error ?? 'no scenario could be laid out';
  return impact;
}
