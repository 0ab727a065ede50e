// `kernel-patch-lens layout`: one struct's layout from a C file (preprocessed under a
// config and -D's, for an ABI) or from a BTF blob, as JSON or pahole-like text.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IncludeResolver } from '../../core/c/include';
import { kconfigDefines, parseDefineArg, parseKconfig, type Kconfig } from '../../core/c/kconfig';
import { parseDeclarations } from '../../core/c/parse';
import { gccModel, kernelDefines } from '../../core/c/prelude-gcc';
import { kernelPrelude, PRELUDE_FILE } from '../../core/c/prelude-kernel';
import { Preprocessor } from '../../core/c/preprocess';
import type { PreprocessResult } from '../../core/c/preprocess-types';
import { KernelTree } from '../../core/c/tree';
import { formatLayoutText, layoutToJson } from '../../core/layout/format';
import { isAbiName, layoutStruct, type StructLayout } from '../../core/layout';
import { loadBtfChoice, readInput } from '../basis';
import { nodeTree } from '../../node/tree';
import { UsageError } from '../util';

export async function layoutCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        struct: { type: 'string' },
        config: { type: 'string' },
        D: { type: 'string', short: 'D', multiple: true },
        U: { type: 'string', short: 'U', multiple: true },
        I: { type: 'string', short: 'I', multiple: true },
        tree: { type: 'string' },
        abi: { type: 'string', default: 'x86_64' },
        format: { type: 'string', default: 'text' },
        btf: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError(`layout: ${(e as Error).message}`);
  }
  const { values: v, positionals } = parsed;
  if (!v.struct) throw new UsageError('layout: --struct NAME is required');
  if (v.format !== 'json' && v.format !== 'text') throw new UsageError(`layout: --format must be json or text, not '${v.format}'`);
  const abi = v.abi ?? 'x86_64';
  if (!isAbiName(abi)) throw new UsageError(`layout: unknown ABI '${abi}' (x86_64, arm64, i386, arm)`);
  let layout: StructLayout;
  let basis: string;
  const notes: string[] = [];
  if (v.btf !== undefined) {
    if (positionals.length) throw new UsageError('layout: give either a C file or --btf, not both');
    ({ layout, basis } = fromBtf(v.btf, v.struct, notes));
  } else {
    if (positionals.length !== 1) throw new UsageError('layout: give one C file (or --btf FILE|running)');
    const file = positionals[0];
    const defines: [string, string][] = [];
    let config: Kconfig | undefined;
    if (v.config) {
      config = parseKconfig(readInput(v.config).toString('utf8'));
      if (config.problems.length) notes.push(`${v.config}: ${config.problems.length} unreadable line(s), first at line ${config.problems[0].line}`);
    }
    for (const d of v.D ?? []) {
      const kv = parseDefineArg(d);
      if (!kv) throw new UsageError(`layout: bad -D '${d}' (NAME or NAME=VALUE)`);
      defines.push(kv);
    }
    const text = readInput(file).toString('utf8');
    const pp = v.tree
      ? new KernelTree({ tree: nodeTree, objtree: path.resolve(v.tree), abi, config, defines, undefines: v.U }).preprocessHeaders([], text)
      : preprocessFile(path.resolve(file), abi, [...(config ? kconfigDefines(config) : []), ...defines], v.U ?? [], (v.I ?? []).map((d) => path.resolve(d)));
    const errors = pp.diagnostics.filter((d) => d.level === 'error');
    for (const d of errors.slice(0, 3)) notes.push(linesFor(`preprocessor: ${d.message} (${d.file}:${d.offset})`));
    const unit = parseDeclarations(pp.tokens);
    for (const d of unit.diagnostics.slice(0, 3)) notes.push(linesFor(`parser: ${d.message}`));
    try {
      layout = layoutStruct(unit, v.struct, abi);
    } catch (e) {
      const why = errors.length ? ` (after ${errors.length} preprocessor error(s), first: ${errors[0].message})` : '';
      throw new Error(`${linesFor((e as Error).message)}${why}`);
    }
    basis = 'source';
  }
  if (v.format === 'json') process.stdout.write(JSON.stringify(layoutToJson(layout, basis, notes), null, 2) + '\n');
  else {
    process.stdout.write(formatLayoutText(layout));
    for (const n of notes) process.stdout.write(`/* note: ${n} */\n`);
  }
  return 0;
}

/**
 * A C file outside a kernel tree: includes resolve next to it and under -I, and the kernel's
 * struct macros (__aligned, ____cacheline_aligned, __rcu, IS_ENABLED…) come from the prelude.
 */
/** Positions in messages are `file:offset`; a terminal user wants `file:line:column`. */
function linesFor(message: string): string {
  return message.replace(/\(([^()\s]+):(\d+)\)/g, (all, file: string, off: string) => {
    const text = nodeTree.read(file);
    if (text === undefined) return all;
    const before = text.slice(0, Number(off));
    const line = before.split('\n').length;
    return `(${file}:${line}:${Number(off) - before.lastIndexOf('\n')})`;
  });
}

function preprocessFile(file: string, abi: Parameters<typeof gccModel>[0], defines: [string, string][], undefines: string[], includes: string[]): PreprocessResult {
  const prelude = new Preprocessor({
    resolver: new IncludeResolver({ read: () => undefined }, [], { overlay: new Map([[PRELUDE_FILE, kernelPrelude(abi)]]) }),
    model: gccModel(abi),
    defines: kernelDefines(abi),
  });
  prelude.run(PRELUDE_FILE);
  const resolver = new IncludeResolver(nodeTree, [path.dirname(file), ...includes]);
  return new Preprocessor({ resolver, model: gccModel(abi), baseMacros: prelude.macros, defines, undefines }).run(file);
}

function fromBtf(src: string, name: string, notes: string[]): { layout: StructLayout; basis: string } {
  const choice = loadBtfChoice(src);
  if (!choice) throw new UsageError('layout: --btf none gives no layout');
  const layout = choice.source.structLayout(name);
  if (layout.alignNote) notes.push(layout.alignNote);
  return { layout, basis: `btf:${choice.source.label}` };
}
