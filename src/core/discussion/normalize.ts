/**
 * Mail clients turn tabs into spaces, re-wrap long lines and trim trailing blanks, so
 * quoted diff lines are compared with every whitespace character removed.
 */
export function squash(s: string): string {
  // \s covers tabs, NBSP and BOM; zero-width spaces are added by some web clients.
  return s.replace(/[\s\u200b]+/g, '');
}

export type QuotedKind = '+' | '-' | ' ' | '?' | '@';

export interface QuotedKey {
  kind: QuotedKind;
  key: string;
  /** The same content read as a context line that lost its leading space. */
  loose: string;
}

/** Read one quoted line (quote markers removed) as a diff line. */
export function quotedKey(content: string): QuotedKey {
  const c = content;
  const first = c.charAt(0);
  if (first === '@' && c.startsWith('@@')) {
    const h = headerKey(c);
    if (h) return { kind: '@', key: h, loose: h };
  }
  if ((first === '+' || first === '-') && !c.startsWith('+++ ') && !c.startsWith('--- ')) {
    return { kind: first, key: squash(c.slice(1)), loose: squash(c) };
  }
  if (first === ' ' || first === '\t') {
    const k = squash(c);
    return { kind: ' ', key: k, loose: k };
  }
  const k = squash(c);
  return { kind: '?', key: k, loose: k };
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
