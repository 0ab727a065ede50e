/** A parsed `@@ -a,b +c,d @@ section` line (or the part of a longer text that holds one). */
export interface HunkHeader {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Index just after the closing `@@`. */
  end: number;
}

function digits(s: string, i: number): [number, number] {
  let v = 0;
  let j = i;
  while (j < s.length && j - i < 9) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    j++;
  }
  return [v, j];
}

/**
 * Reads `@@ -a[,b] +c[,d] @@` at index `at` of `s` (hand-written: no regex backtracking
 * on hostile lines). Missing counts mean 1, as in diff's unified format.
 */
export function parseHunkHeader(s: string, at = 0): HunkHeader | undefined {
  if (s.charCodeAt(at) !== 64 || s.charCodeAt(at + 1) !== 64 || s.charCodeAt(at + 2) !== 32) return undefined;
  let i = at + 3;
  if (s.charCodeAt(i) !== 45) return undefined;
  let [oldStart, j] = digits(s, i + 1);
  if (j === i + 1) return undefined;
  let oldLines = 1;
  if (s.charCodeAt(j) === 44) {
    const k = j + 1;
    [oldLines, j] = digits(s, k);
    if (j === k) return undefined;
  }
  if (s.charCodeAt(j) !== 32 || s.charCodeAt(j + 1) !== 43) return undefined;
  i = j + 2;
  let newStart: number;
  [newStart, j] = digits(s, i);
  if (j === i) return undefined;
  let newLines = 1;
  if (s.charCodeAt(j) === 44) {
    const k = j + 1;
    [newLines, j] = digits(s, k);
    if (j === k) return undefined;
  }
  if (s.charCodeAt(j) !== 32 || s.charCodeAt(j + 1) !== 64 || s.charCodeAt(j + 2) !== 64) return undefined;
  j += 3;
  // `@@@` starts a combined diff's header, which this reader does not take for a hunk.
  if (s.charCodeAt(j) === 64) return undefined;
  return { oldStart, oldLines, newStart, newLines, end: j };
}
