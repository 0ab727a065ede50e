import type { SourceFile } from './include';
import type { Macro } from './preprocess-types';
import type { Token } from './token';

/* Small pieces of the preprocessor that need none of its state. */

/**
 * The group `(`…`)` before a `{` is a parameter list (a function body follows), not
 * `__attribute__((…))`: `before` is the token before the group.
 */
export function isDeclarator(before: Token | undefined): boolean {
  if (!before) return false;
  return !(before.kind === 'ident' && (before.text === '__attribute__' || before.text === '__attribute' || before.text === '__declspec'));
}

export function setOrDelete(map: Map<string, Macro>, name: string, m: Macro | undefined): void {
  if (m) map.set(name, m);
  else map.delete(name);
}

export function firstDifference(a: string, b: string): number {
  // Compare in blocks first: most of a patched header is unchanged.
  let i = 0;
  const n = Math.min(a.length, b.length);
  while (i + 256 <= n && a.slice(i, i + 256) === b.slice(i, i + 256)) i += 256;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

export function includeSpec(file: SourceFile, args: Token[]): { name: string; angled: boolean } | undefined {
  const a = args[0];
  if (!a) return undefined;
  if (a.kind === 'string' && a.text.startsWith('"')) return { name: a.text.slice(1, -1), angled: false };
  if (a.text === '<') {
    // The header name is raw text: take it from the source, not from tokens.
    const close = file.text.indexOf('>', a.offset);
    const nl = file.text.indexOf('\n', a.offset);
    if (close > 0 && (nl < 0 || close < nl)) return { name: file.text.slice(a.offset + 1, close).trim(), angled: true };
  }
  return undefined;
}

export function lineText(file: SourceFile, args: Token[]): string {
  if (!args.length) return '';
  const last = args[args.length - 1];
  return file.text.slice(args[0].offset, last.offset + last.text.length);
}

const lineStarts = new WeakMap<SourceFile, number[]>();

/** 1-based line of `offset` (for __LINE__); line starts are found once per file. */
export function lineOf(file: SourceFile | undefined, offset: number): number {
  if (!file) return 0;
  let starts = lineStarts.get(file);
  if (!starts) {
    starts = [0];
    for (let i = file.text.indexOf('\n'); i >= 0; i = file.text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts.set(file, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
