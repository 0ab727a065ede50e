import type { PPToken } from './preprocess-types';
import type { Token, TokenKind } from './token';

/*
 * C tokenizer (translation phases 1–3). Offsets always index the original text, so
 * line splices are removed on a private copy and mapped back through a splice table.
 */

const PUNCT3 = new Set(['...', '<<=', '>>=']);
const PUNCT2 = new Set([
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||',
  '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '##', '<:', ':>', '<%', '%>', '%:',
]);
/** Digraphs are returned as the tokens they stand for, so later stages see one spelling. */
const DIGRAPH: Record<string, string> = { '<:': '[', ':>': ']', '<%': '{', '%>': '}', '%:': '#' };

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 128;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

interface Spliced {
  text: string;
  /** Positions (in `text`) where a splice was removed, and the original length removed up to and including it. */
  at: number[];
  removed: number[];
}

function removeSplices(src: string): Spliced {
  if (src.indexOf('\\\n') < 0 && src.indexOf('\\\r\n') < 0) return { text: src, at: [], removed: [] };
  const parts: string[] = [];
  const at: number[] = [];
  const removed: number[] = [];
  let last = 0;
  let outLen = 0;
  let total = 0;
  for (let i = src.indexOf('\\'); i >= 0; i = src.indexOf('\\', i + 1)) {
    let len = 0;
    if (src.charCodeAt(i + 1) === 10) len = 2;
    else if (src.charCodeAt(i + 1) === 13 && src.charCodeAt(i + 2) === 10) len = 3;
    if (!len) continue;
    parts.push(src.slice(last, i));
    outLen += i - last;
    total += len;
    at.push(outLen);
    removed.push(total);
    last = i + len;
    i += len - 1;
  }
  parts.push(src.slice(last));
  return { text: parts.join(''), at, removed };
}

/** Lexes `source` into tokens. Never throws: unknown characters become one-character punctuators. */
export function lex(source: string, file: string): Token[] {
  const { text: s, at, removed } = removeSplices(source);
  const n = s.length;
  const out: Token[] = [];
  let si = 0; // next splice index for offset mapping (tokens arrive in increasing order)
  const orig = (p: number): number => {
    while (si < at.length && at[si] <= p) si++;
    return si === 0 ? p : p + removed[si - 1];
  };
  let i = 0;
  let space = false;
  let lineStart = true;
  const push = (kind: TokenKind, start: number, end: number, text?: string): void => {
    // All tokens get the same shape (hide, macro) as expanded ones: keeps the preprocessor's property access monomorphic.
    const t: PPToken = { kind, text: text ?? s.slice(start, end), offset: orig(start), file, spaceBefore: space, lineStart, hide: undefined, macro: undefined };
    out.push(t);
    space = false;
    lineStart = false;
  };
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 10) { lineStart = true; space = false; i++; continue; }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) { space = true; i++; continue; }
    if (c === 47 /* / */) {
      const d = s.charCodeAt(i + 1);
      if (d === 42) {
        const e = s.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 2;
        space = true;
        continue;
      }
      if (d === 47) {
        const e = s.indexOf('\n', i + 2);
        i = e < 0 ? n : e;
        space = true;
        continue;
      }
    }
    const start = i;
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q === 34 || q === 39) {
        const prefix = s.slice(start, i);
        if (prefix === 'L' || prefix === 'u' || prefix === 'U' || prefix === 'u8') {
          i = quoted(s, i, q);
          push(q === 34 ? 'string' : 'char', start, i);
          continue;
        }
      }
      push('ident', start, i);
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(i + 1)))) {
      // pp-number: digits, letters, '.', and exponent signs after e/E/p/P
      i++;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (isIdentPart(d) || d === 46) { i++; continue; }
        if ((d === 43 || d === 45) && /[eEpP]/.test(s[i - 1])) { i++; continue; }
        if (d === 39 && isIdentPart(s.charCodeAt(i + 1))) { i += 2; continue; }
        break;
      }
      push('number', start, i);
      continue;
    }
    if (c === 34 || c === 39) {
      i = quoted(s, i, c);
      push(c === 34 ? 'string' : 'char', start, i);
      continue;
    }
    const t3 = s.slice(i, i + 3);
    if (PUNCT3.has(t3)) { i += 3; push('punct', start, i); continue; }
    const t2 = s.slice(i, i + 2);
    if (PUNCT2.has(t2)) { i += 2; push('punct', start, i, DIGRAPH[t2] ?? t2); continue; }
    i++;
    push('punct', start, i);
  }
  return out;
}

/** End of a string or char literal starting at `i`; an unterminated one ends at the line end. */
function quoted(s: string, i: number, q: number): number {
  const n = s.length;
  i++;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === q) return i + 1;
    if (c === 92) { i += 2; continue; }
    if (c === 10) return i;
    i++;
  }
  return n;
}
