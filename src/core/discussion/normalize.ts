/**
 * Mail clients turn tabs into spaces, re-wrap long lines and trim trailing blanks, so
 * quoted diff lines are compared with every whitespace character removed.
 */
export function squash(s: string): string {
  // \s covers tabs, NBSP and BOM; zero-width spaces are added by some web clients. (A
  // char-by-char scan was measured slower: its concatenated result must be flattened for hashing.)
  return s.replace(/[\s\u200b]+/g, '');
}

/** Whether `c` is a character of JavaScript's `\s`, without the regex engine. */
export function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Index of the first character of `s` outside `\s` (`s.length` when there is none). */
export function firstNonSpace(s: string): number {
  let i = 0;
  while (i < s.length && isJsSpace(s.charCodeAt(i))) i++;
  return i;
}

export type QuotedKind = '+' | '-' | ' ' | '?' | '@';

export interface QuotedKey {
  kind: QuotedKind;
  key: string;
}

/**
 * Read one quoted line (quote markers removed) as a diff line. `sq` is squash, or a memo of
 * it for diff lines: a quoted +/- line's text is mostly a hunk line's text, already squashed
 * for the index.
 */
export function quotedKey(content: string, sq: (s: string) => string = squash): QuotedKey {
  const c = content;
  const first = c.charAt(0);
  if (first === '@' && c.startsWith('@@')) {
    const h = headerKey(c);
    if (h) return { kind: '@', key: h };
  }
  if ((first === '+' || first === '-') && !c.startsWith('+++ ') && !c.startsWith('--- ')) {
    return { kind: first, key: sq(c.slice(1)) };
  }
  if (first === ' ' || first === '\t') {
    return { kind: ' ', key: sq(c) };
  }
  // Prose is most of what is quoted and seldom a hunk's text: squashed without filling the memo.
  return { kind: '?', key: squash(c) };
}

/** `quotedKey(content).kind` without building the key. */
export function quotedKind(content: string): QuotedKind {
  const first = content.charAt(0);
  if (first === '@' && content.startsWith('@@') && headerKey(content)) return '@';
  if ((first === '+' || first === '-') && !content.startsWith('+++ ') && !content.startsWith('--- ')) return first;
  return first === ' ' || first === '\t' ? ' ' : '?';
}

/** `@@ -a,b +c,d @@` as a key that ignores spacing and spells omitted counts as 1. */
export function headerKey(line: string): string | undefined {
  const m = /^@@+\s*-(\d+)(?:,(\d+))?\s+\+(\d+)(?:,(\d+))?\s*@@/.exec(line);
  if (!m) return undefined;
  return hunkHeaderKey(+m[1], m[2] === undefined ? 1 : +m[2], +m[3], m[4] === undefined ? 1 : +m[4]);
}

export function hunkHeaderKey(oldStart: number, oldLines: number, newStart: number, newLines: number): string {
  return `@@${oldStart},${oldLines},${newStart},${newLines}`;
}
