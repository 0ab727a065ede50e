import { lex } from './lexer';
import type { SourceTree } from './preprocess-types';
import type { Token } from './token';

/*
 * Finding and reading included files. A resolver belongs to one source tree and one
 * search path; it keeps every file it has lexed, so later runs (other configs, other
 * structs) do not read or lex anything twice.
 */

export interface SourceFile {
  path: string;
  text: string;
  tokens: Token[];
  /** Indexes of the `#` tokens that start directive lines, for skipping false groups quickly. */
  directives: Int32Array;
  /** The macro of a `#ifndef X … #endif` guard around the whole file, if it has one. */
  guard?: string;
}

export interface Resolved {
  path: string;
  /** Index of the search directory it was found in (-1: next to the including file), for `#include_next`. */
  dir: number;
}

export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !abs) out.push(part);
  }
  return (abs ? '/' : '') + out.join('/');
}

export function joinPath(dir: string, name: string): string {
  if (name.startsWith('/')) return normalizePath(name);
  return normalizePath(dir ? `${dir}/${name}` : name);
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** Lexed files of one source tree, shared by every resolver (config, search path) over it. */
export type FileCache = Map<string, SourceFile | null>;

export interface ResolverOptions {
  /** `<asm/x.h>` missing from the arch falls back to `<asm-generic/x.h>`, as the kernel's generic-y wrappers do. */
  asmGenericFallback?: boolean;
  /** Files replaced or added in memory (a patched fs.h, a config's autoconf.h); they win over the tree. */
  overlay?: ReadonlyMap<string, string>;
  /** Lexed files to share with other resolvers over the same tree. */
  cache?: FileCache;
  /** A clock in milliseconds, to account the time spent reading and lexing. */
  now?: () => number;
  /**
   * Directories includes may resolve into. A patch from a mail can write `#include "/etc/passwd"`:
   * with roots set, such a file is "not found" instead of read.
   */
  roots?: readonly string[];
}

export class IncludeResolver {
  private readonly files: FileCache;
  private readonly overlaid = new Map<string, SourceFile>();
  private angled = new Map<string, Resolved | null>();
  /** Milliseconds spent reading and lexing (with a clock given). */
  lexMillis = 0;

  constructor(
    readonly tree: SourceTree,
    /** Search directories in order (`-I`, then system dirs), as paths the tree understands. */
    readonly dirs: readonly string[],
    private readonly opts: ResolverOptions = {},
  ) {
    this.files = opts.cache ?? new Map();
  }

  load(path: string): SourceFile | undefined {
    const over = this.opts.overlay?.get(path);
    if (over !== undefined) {
      let f = this.overlaid.get(path);
      if (!f) {
        f = makeFile(path, over);
        this.overlaid.set(path, f);
      }
      return f;
    }
    const hit = this.files.get(path);
    if (hit !== undefined) return hit ?? undefined;
    const now = this.opts.now;
    const t0 = now ? now() : 0;
    const text = this.tree.read(path);
    const file = text === undefined ? null : makeFile(path, text);
    this.files.set(path, file);
    if (now) this.lexMillis += now() - t0;
    return file ?? undefined;
  }

  private allowed(path: string): boolean {
    const roots = this.opts.roots;
    if (!roots || this.opts.overlay?.has(path)) return true;
    return roots.some((r) => path === r || path.startsWith(r.endsWith('/') ? r : r + '/'));
  }

  /** Resolves an include; `from` is the including file, `fromDir` its search index (for include_next). */
  resolve(name: string, angled: boolean, from: string, fromDir: number, next: boolean): Resolved | undefined {
    if (!angled && !next) {
      const local = joinPath(dirname(from), name);
      if (this.allowed(local) && this.load(local)) return { path: local, dir: -1 };
    }
    if (!next) {
      const key = name;
      const cached = this.angled.get(key);
      if (cached !== undefined) return cached ?? undefined;
      const r = this.search(name, 0) ?? this.fallback(name);
      this.angled.set(key, r ?? null);
      return r;
    }
    return this.search(name, fromDir + 1);
  }

  private search(name: string, start: number): Resolved | undefined {
    for (let d = Math.max(0, start); d < this.dirs.length; d++) {
      const p = joinPath(this.dirs[d], name);
      if (this.allowed(p) && this.load(p)) return { path: p, dir: d };
    }
    return undefined;
  }

  private fallback(name: string): Resolved | undefined {
    if (this.opts.asmGenericFallback === false || !name.startsWith('asm/')) return undefined;
    return this.search('asm-generic/' + name.slice(4), 0);
  }
}

export function makeFile(path: string, text: string): SourceFile {
  return makeFileFromTokens(path, text, lex(text, path));
}

export function makeFileFromTokens(path: string, text: string, tokens: Token[]): SourceFile {
  const file: SourceFile = { path, text, tokens, directives: directiveIndexes(tokens), guard: undefined };
  file.guard = findGuard(file);
  return file;
}

function directiveIndexes(tokens: Token[]): Int32Array {
  const idx: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.lineStart && t.kind === 'punct' && t.text === '#') idx.push(i);
  }
  return Int32Array.from(idx);
}

/** The classic multiple-include optimisation: the whole file inside `#ifndef X` … `#endif`. */
function findGuard(f: SourceFile): string | undefined {
  const t = f.tokens;
  const d = f.directives;
  if (d.length < 2 || d[0] !== 0) return undefined;
  let name: string | undefined;
  if (t[1]?.text === 'ifndef' && t[2]?.kind === 'ident' && (t[3] === undefined || t[3].lineStart)) name = t[2].text;
  else if (t[1]?.text === 'if' && t[2]?.text === '!' && t[3]?.text === 'defined') {
    const paren = t[4]?.text === '(';
    const id = t[paren ? 5 : 4];
    const after = t[paren ? 7 : 5];
    if (id?.kind === 'ident' && (!paren || t[6]?.text === ')') && (after === undefined || after.lineStart)) name = id.text;
  }
  if (!name) return undefined;
  let depth = 0;
  for (let k = 0; k < d.length; k++) {
    const w = t[d[k] + 1];
    if (!w || w.lineStart) continue;
    if (w.text === 'if' || w.text === 'ifdef' || w.text === 'ifndef') depth++;
    else if (w.text === 'endif') {
      depth--;
      if (depth === 0) {
        // The group must close at the very end: nothing may follow the #endif line.
        let j = d[k] + 2;
        while (j < t.length && !t[j].lineStart) j++;
        return j === t.length ? name : undefined;
      }
    }
  }
  return undefined;
}

/** A tree whose files can be replaced or added in memory (a patched fs.h, an edited autoconf.h). */
export function overlayTree(base: SourceTree, files: ReadonlyMap<string, string>): SourceTree {
  return { read: (p) => files.get(p) ?? base.read(p) };
}
