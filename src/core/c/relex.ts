import { lex } from './lexer';
import type { PPToken } from './preprocess-types';
import type { Token } from './token';

/*
 * Tokens of a patched file from `from` on, lexing only the changed middle: after the last
 * changed byte the text is the old one shifted, so the old tokens are reused there with
 * their offsets moved. The seam is a line start where the old text had a token; the new
 * lexing of that line must give the same tokens, which it cannot when the change left a
 * comment open — then the whole rest is lexed.
 */

function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  const max = Math.min(a.length, b.length) - limit;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function shifted(tokens: readonly Token[], delta: number): Token[] {
  const out: Token[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // The lexer's shape (see lex): the preprocessor's property access stays monomorphic.
    const c: PPToken = { kind: t.kind, text: t.text, offset: t.offset + delta, file: t.file, spaceBefore: t.spaceBefore, lineStart: t.lineStart, hide: undefined, macro: undefined };
    out[i] = c;
  }
  return out;
}

function lexFrom(text: string, from: number, to: number, file: string): Token[] {
  const toks = lex(text.slice(from, to), file);
  for (const t of toks) t.offset += from;
  return toks;
}

function same(a: Token, b: Token, delta: number): boolean {
  return a.kind === b.kind && a.text === b.text && a.offset === b.offset + delta && a.spaceBefore === b.spaceBefore && a.lineStart === b.lineStart;
}

/** `lex(text.slice(from))` with offsets in `text`, where `oldTokens` are the lexed `oldText` and both agree before `from`. */
export function relexFrom(oldText: string, oldTokens: readonly Token[], text: string, from: number, file: string): Token[] {
  const suffix = commonSuffix(oldText, text, from);
  const delta = text.length - oldText.length;
  const unchangedFrom = oldText.length - suffix;
  // First old token of the unchanged end that begins a line (the check of its line below
  // is what makes the seam safe).
  let lo = 0;
  let hi = oldTokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (oldTokens[mid].offset < unchangedFrom) lo = mid + 1;
    else hi = mid;
  }
  let j = lo;
  for (; j < oldTokens.length; j++) {
    const q = oldTokens[j].offset;
    if (q + delta > from && oldText.charCodeAt(q - 1) === 10) break;
  }
  if (j >= oldTokens.length) return lexFrom(text, from, text.length, file);
  const seam = oldTokens[j].offset + delta;
  let lineEnd = text.indexOf('\n', seam);
  if (lineEnd < 0) lineEnd = text.length;
  const middle = lexFrom(text, from, lineEnd, file);
  // The seam line as lexed now against the old tokens of that line.
  let k = middle.length;
  while (k > 0 && middle[k - 1].offset >= seam) k--;
  let m = 0;
  for (; k + m < middle.length; m++) {
    if (j + m >= oldTokens.length || !same(middle[k + m], oldTokens[j + m], delta)) return lexFrom(text, from, text.length, file);
  }
  const nextOld = oldTokens[j + m];
  if (m === 0 || (nextOld && nextOld.offset + delta < lineEnd)) return lexFrom(text, from, text.length, file);
  middle.length = k;
  return middle.concat(shifted(oldTokens.slice(j), delta));
}
