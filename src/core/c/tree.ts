import type { AbiName } from '../layout/types';
import { IncludeResolver, dirname, joinPath, type FileCache } from './include';
import { renderAutoconf, type Kconfig } from './kconfig';
import { Preprocessor, type PreprocessOptions } from './preprocess';
import { gccModel, kernelDefines } from './prelude-gcc';
import type { PreprocessResult, SourceTree } from './preprocess-types';

/*
 * A kernel tree as the kernel's Makefile sees it: srctree (include/linux/…) and objtree
 * (.config, include/generated/…), the same directory for an in-tree build, two for
 * Debian's split headers packages. Search path and forced includes follow the top-level
 * Makefile (LINUXINCLUDE, USERINCLUDE, `-include compiler_types.h`).
 */

export interface KernelTreeOptions {
  tree: SourceTree;
  /** Where .config and include/generated/ live (the directory `make -C` is given). */
  objtree: string;
  /** Where include/linux/ lives; read from objtree's Makefile (`include <srctree>/Makefile`) when not given. */
  srctree?: string;
  abi?: AbiName;
  /** Replaces include/generated/autoconf.h (a `.config` chosen by the user, or a scenario with options flipped). */
  config?: Kconfig;
  /** `-D NAME[=VAL]` after the config. */
  defines?: readonly [string, string][];
  undefines?: readonly string[];
  /** Files replaced in memory, keyed by their path in the tree (a patched include/linux/fs.h). */
  overlay?: ReadonlyMap<string, string>;
  /** Lexed files shared between KernelTrees over the same tree (other configs, other overlays). */
  cache?: FileCache;
  now?: () => number;
  /** Expand function bodies too (as gcc -E does); off by default since layouts never need them. */
  functionBodies?: boolean;
}

const ARCH: Record<AbiName, string> = { x86_64: 'x86', i386: 'x86', arm64: 'arm64', arm: 'arm' };

/** srctree of a Debian headers package: its Makefile is one `include …/Makefile` line. */
export function findSrctree(tree: SourceTree, objtree: string): string {
  const mk = tree.read(joinPath(objtree, 'Makefile'));
  const m = mk ? /^include\s+(\S+)\/Makefile\s*$/m.exec(mk) : null;
  if (m && tree.read(joinPath(m[1], 'Makefile')) !== undefined) return joinPath(objtree, m[1]);
  return objtree;
}

export function kernelIncludeDirs(srctree: string, objtree: string, arch: string): string[] {
  const dirs = [
    `${srctree}/arch/${arch}/include`,
    `${objtree}/arch/${arch}/include/generated`,
    `${srctree}/include`,
    `${objtree}/include`,
    `${srctree}/arch/${arch}/include/uapi`,
    `${objtree}/arch/${arch}/include/generated/uapi`,
    `${srctree}/include/uapi`,
    `${objtree}/include/generated/uapi`,
  ].map((d) => joinPath('', d));
  return [...new Set(dirs)];
}

export class KernelTree {
  readonly srctree: string;
  readonly objtree: string;
  readonly abi: AbiName;
  readonly includeDirs: string[];
  readonly forcedIncludes: string[];
  readonly resolver: IncludeResolver;
  private readonly units = new Map<string, { pp: Preprocessor; result: PreprocessResult; entry: string }>();
  private readonly fileCache: FileCache;
  private readonly overlay: Map<string, string>;

  constructor(private readonly opts: KernelTreeOptions) {
    this.objtree = joinPath('', opts.objtree);
    this.srctree = opts.srctree ? joinPath('', opts.srctree) : findSrctree(opts.tree, this.objtree);
    this.abi = opts.abi ?? 'x86_64';
    const arch = ARCH[this.abi];
    this.includeDirs = kernelIncludeDirs(this.srctree, this.objtree, arch);
    this.forcedIncludes = ['compiler-version.h', 'kconfig.h', 'compiler_types.h'].map((f) => `${this.srctree}/include/linux/${f}`);
    // Keys as the resolver spells paths (normalised), or a patched file would silently not be seen.
    this.overlay = new Map([...(opts.overlay ?? [])].map(([p, t]) => [joinPath('', p), t]));
    if (opts.config) this.overlay.set(`${this.objtree}/include/generated/autoconf.h`, renderAutoconf(opts.config));
    this.fileCache = opts.cache ?? new Map();
    this.resolver = new IncludeResolver(opts.tree, this.includeDirs, { overlay: this.overlay, cache: this.fileCache, now: opts.now, roots: this.roots() });
  }

  /** Whether the tree has what a build needs: include/linux/ and a configuration. */
  check(): string | undefined {
    if (!this.resolver.load(`${this.srctree}/include/linux/kconfig.h`)) return `no include/linux/kconfig.h under ${this.srctree}`;
    if (!this.resolver.load(`${this.objtree}/include/generated/autoconf.h`)) {
      return `no include/generated/autoconf.h under ${this.objtree} (give a .config or run make prepare)`;
    }
    return undefined;
  }

  /**
   * Preprocesses a translation unit that includes `headers` (e.g. `linux/fs.h`), as the
   * kernel's build would compile it, with everything they include. Cached per tree object.
   */
  preprocessHeaders(headers: readonly string[], extra = ''): PreprocessResult {
    return this.unit(headers, extra).result;
  }

  /**
   * The same unit with one file of the tree replaced (a patched header): reruns only from
   * the last directive of that file before its first changed byte, when the file is one the
   * unit includes directly. Not cached.
   */
  preprocessPatched(headers: readonly string[], file: string, text: string, extra = ''): PreprocessResult {
    const path = joinPath('', file);
    const base = this.unit(headers, extra);
    const overlay = new Map(this.overlay);
    overlay.set(path, text);
    const resolver = new IncludeResolver(this.opts.tree, this.includeDirs, { overlay, cache: this.fileCache, now: this.opts.now, roots: this.roots() });
    return new Preprocessor(this.options(resolver)).resume(base.pp, path, text) ?? new Preprocessor(this.options(resolver)).run(base.entry);
  }

  /**
   * Preprocesses a piece of C (a hunk's lines, a struct body) with the macros as they stand
   * after `headers`: kernel macros and this config, without rereading the headers.
   */
  expandFragment(headers: readonly string[], text: string, file = '<fragment>'): PreprocessResult {
    const base = this.unit(headers, '');
    const overlay = new Map(this.overlay);
    overlay.set(file, text);
    const resolver = new IncludeResolver(this.opts.tree, this.includeDirs, { overlay, cache: this.fileCache, now: this.opts.now, roots: this.roots() });
    return new Preprocessor({ ...this.options(resolver), baseMacros: base.result.macros, forcedIncludes: [], checkpoints: false }).run(file);
  }

  private unit(headers: readonly string[], extra: string): { pp: Preprocessor; result: PreprocessResult; entry: string } {
    const text = headers.map((h) => `#include <${h}>\n`).join('') + extra;
    const hit = this.units.get(text);
    if (hit) return hit;
    // The translation unit is an in-memory file of the tree's own resolver, so lexed files and overlays are shared.
    const entry = `<kpl-unit-${this.units.size}>`;
    this.overlay.set(entry, text);
    const pp = new Preprocessor(this.options(this.resolver));
    const u = { pp, result: pp.run(entry), entry };
    this.units.set(text, u);
    return u;
  }

  /** Includes stay inside the tree (a patched header comes from mail and may name any path). */
  private roots(): string[] {
    return [this.srctree, this.objtree];
  }

  private options(resolver: IncludeResolver): PreprocessOptions {
    return {
      resolver,
      model: gccModel(this.abi),
      defines: [...kernelDefines(this.abi), ...(this.opts.defines ?? [])],
      undefines: this.opts.undefines,
      forcedIncludes: this.forcedIncludes,
      filePrefixMap: [[`${this.srctree}/`, '']],
      skipFunctionBodies: !this.opts.functionBodies,
      checkpoints: true,
    };
  }

  /** Preprocesses a file of the tree (a path as the tree reads it). */
  preprocessFile(path: string): PreprocessResult {
    // A file of the user's own (outside the tree) may include its neighbours.
    const roots = [...this.roots(), dirname(joinPath('', path))];
    const resolver = new IncludeResolver(this.opts.tree, this.includeDirs, { overlay: this.overlay, cache: this.fileCache, now: this.opts.now, roots });
    return new Preprocessor(this.options(resolver)).run(path);
  }

}
