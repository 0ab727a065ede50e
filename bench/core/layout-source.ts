// Layout of one struct from a kernel source tree, dependencies included: KernelTree
// preprocesses <linux/fs.h> as kbuild would, parseDeclarations reads the declarations,
// layoutStruct lays the struct out. Cold (first call in the process), warm with the lexed
// files cached (a new tree object, as when a patch overlays a header), and layout only.
import { readFileSync } from 'node:fs';
import type { FileCache } from '../../src/core/c/include';
import { parseDeclarations } from '../../src/core/c/parse';
import { KernelTree } from '../../src/core/c/tree';
import { LayoutContext, layoutStruct } from '../../src/core/layout';
import { arg, emit, measure, once } from './util';

const fsTree = { read: (p: string): string | undefined => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } } };
const MODULE_DEFINES: [string, string][] = [['MODULE', '1'], ['KBUILD_BASENAME', '"probe"'], ['KBUILD_MODNAME', '"probe"'], ['__KBUILD_MODNAME', 'kmod_probe']];

async function main(): Promise<void> {
  const objtree = arg('objtree');
  const struct = arg('struct', 'inode');
  const header = arg('header', 'linux/fs.h');
  const cache: FileCache = new Map();
  let tokens = 0;
  let size = 0;
  let diagnostics = 0;
  const job = (c: FileCache | undefined) => {
    const kt = new KernelTree({ tree: fsTree, objtree, defines: MODULE_DEFINES, cache: c });
    const pp = kt.preprocessHeaders([header]);
    tokens = pp.tokens.length;
    const unit = parseDeclarations(pp.tokens);
    diagnostics = unit.diagnostics.length;
    const l = layoutStruct(unit, struct, 'x86_64', new LayoutContext(unit, 'x86_64'));
    size = l.size;
    return { unit, l };
  };
  const cold = await once(() => job(cache));
  // stage split of a warm run
  const kt = new KernelTree({ tree: fsTree, objtree, defines: MODULE_DEFINES, cache });
  const pp = await measure(() => new KernelTree({ tree: fsTree, objtree, defines: MODULE_DEFINES, cache }).preprocessHeaders([header]), { warmup: 1, runs: 8, budgetMs: 1500 });
  const toks = kt.preprocessHeaders([header]).tokens;
  const parse = await measure(() => parseDeclarations(toks), { warmup: 1, runs: 8, budgetMs: 800 });
  const unit = parseDeclarations(toks);
  const layoutOnly = await measure(() => layoutStruct(unit, struct, 'x86_64', new LayoutContext(unit, 'x86_64')), { warmup: 5, runs: 30, budgetMs: 1500 });
  const warm = await measure(() => job(cache), { warmup: 1, runs: 8, budgetMs: 2000 });
  const noCache = await measure(() => job(undefined), { warmup: 0, runs: 1, budgetMs: 1, minRuns: 1 });
  emit({ objtree, struct, header, size, tokens, diagnostics, cold: { ms: cold.ms, cpuMs: cold.cpuMs }, warm, noCache, preprocess: pp, parse, layoutOnly });
}

main().catch((e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
