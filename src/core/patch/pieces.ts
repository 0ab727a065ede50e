import { parseHunkHeader } from './hunkHeader';

/**
 * Collapsed diff text cut into pieces: whitespace-separated words, plus zero-width cuts
 * before a preprocessor directive or an `@@` glued to the previous word (`i_addons;#ifdef`,
 * `fs.h@@ -627`), which is how archive pages lose the newline there.
 */
export interface Piece {
  start: number;
  end: number;
  /** Diff marker the piece would carry if a line started with it. */
  marker: '+' | '-' | undefined;
  /** The piece is a marker and nothing else (a blank `+`/`-` line, or `+ <tab>content`). */
  lone: boolean;
  /** Fixed number of pieces of the directive starting here (`#endif` 1, `#ifdef X` 2), 0 for open-ended ones, -1 if no directive. */
  directive: number;
  /** The piece lies inside a block comment opened before it. */
  inComment: boolean;
  /** The piece is a hard stop: a hunk header or `diff --git` begins here. */
  stop: boolean;
}

const DIRECTIVES: Record<string, number> = {
  endif: 1, else: 1, ifdef: 2, ifndef: 2, undef: 2, include: 2,
  if: 0, elif: 0, define: 0, error: 0, warning: 0, pragma: 0,
};

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 160;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Keyword of a directive starting at `i` (`#` there), or undefined. */
export function directiveAt(s: string, i: number): string | undefined {
  if (s.charCodeAt(i) !== 35) return undefined;
  let j = i + 1;
  while (j < s.length && s.charCodeAt(j) === 32) j++;
  let k = j;
  while (k < s.length && k - j < 8 && isWordChar(s.charCodeAt(k))) k++;
  const word = s.slice(j, k);
  return word in DIRECTIVES && !isWordChar(s.charCodeAt(k)) ? word : undefined;
}

export function isDiffGitAt(s: string, i: number): boolean {
  return s.startsWith('diff --git ', i);
}

/** A zero-width cut belongs before index `i` inside a word. */
function glueCut(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c === 35) return directiveAt(s, i) !== undefined;
  if (c === 64) return parseHunkHeader(s, i) !== undefined;
  return false;
}

/**
 * Pieces of `s` from `from` up to `limit`, at most `maxPieces` of them. Scanning stops at
 * the first hard stop (a hunk header or `diff --git`), which is returned as the last piece.
 */
export function cutPieces(s: string, from: number, limit: number, maxPieces: number): Piece[] {
  const out: Piece[] = [];
  let i = from;
  let comment = false;
  while (i < limit && out.length < maxPieces) {
    while (i < limit && isSpace(s.charCodeAt(i))) i++;
    if (i >= limit) break;
    const start = i;
    const stop = parseHunkHeader(s, i) !== undefined || isDiffGitAt(s, i);
    const lead = s.charCodeAt(start);
    i++;
    // `-#ifdef` is one piece: the cut before a directive does not split it from its marker.
    if ((lead === 43 || lead === 45) && i < limit && s.charCodeAt(i) === 35) i++;
    while (i < limit && !isSpace(s.charCodeAt(i)) && !glueCut(s, i)) i++;
    const end = i;
    const piece = classify(s, start, end, comment, stop);
    out.push(piece);
    if (stop) break;
    comment = commentStateAfter(s, start, end, comment);
  }
  return out;
}

function classify(s: string, start: number, end: number, inComment: boolean, stop: boolean): Piece {
  const c0 = s.charCodeAt(start);
  const c1 = end > start + 1 ? s.charCodeAt(start + 1) : -1;
  let marker: '+' | '-' | undefined;
  if (c0 === 43 && c1 !== 43 && c1 !== 61) marker = '+';
  // `-1`, `-ENOMEM` read as numbers and error codes, not as removed lines.
  else if (c0 === 45 && c1 !== 62 && c1 !== 61 && c1 !== 45 && !(c1 >= 48 && c1 <= 57)
    && !(c1 === 69 && end > start + 2 && s.charCodeAt(start + 2) >= 65 && s.charCodeAt(start + 2) <= 90)) marker = '-';
  const lone = marker !== undefined && end === start + 1;
  const body = marker && !lone ? start + 1 : start;
  const word = directiveAt(s, body);
  const directive = word === undefined ? -1 : DIRECTIVES[word];
  return { start, end, marker, lone, directive, inComment, stop };
}

function commentStateAfter(s: string, start: number, end: number, open: boolean): boolean {
  let state = open;
  for (let i = start; i + 1 < end; i++) {
    const a = s.charCodeAt(i);
    const b = s.charCodeAt(i + 1);
    if (!state && a === 47 && b === 42) { state = true; i++; }
    else if (state && a === 42 && b === 47) { state = false; i++; }
    else if (!state && a === 47 && b === 47) return false;
  }
  return state;
}
