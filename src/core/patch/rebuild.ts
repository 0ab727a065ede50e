import type { BodyLine } from '../text/lines';
import { parseHunkHeader } from './hunkHeader';
import { rebuildHunk, type Budget } from './rebuildHunk';

export type { Budget } from './rebuildHunk';

/** Header keywords that start a new line inside a collapsed `diff --git` block. */
const HEADER_WORDS = [
  'index ', 'new file mode ', 'deleted file mode ', 'old mode ', 'new mode ', 'similarity index ',
  'dissimilarity index ', 'rename from ', 'rename to ', 'copy from ', 'copy to ', '--- ', '+++ ', 'Binary files ',
];

function nextHunkHeader(c: string, from: number): number {
  let i = c.indexOf('@@ -', from);
  while (i >= 0 && !parseHunkHeader(c, i)) i = c.indexOf('@@ -', i + 1);
  return i;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 160;
}

/**
 * Splits a line of collapsed text that holds a diff (in prose, after `diff --git` or an
 * `@@` header glued to the previous word) into prose, diff header and hunk lines. Lines
 * without a diff come back unchanged.
 */
export function rebuildLine(line: BodyLine, budget: Budget): BodyLine[] {
  const c = line.content;
  if (c.indexOf('diff --git ') < 0 && nextHunkHeader(c, 0) < 0) return [line];
  const base = line.contentOffset;
  const out: BodyLine[] = [];
  const push = (start: number, end: number, extra: Partial<BodyLine> = {}): void => {
    if (!extra.rebuiltKind && !extra.uncertain) {
      while (start < end && isSpace(c.charCodeAt(start))) start++;
      while (end > start && isSpace(c.charCodeAt(end - 1))) end--;
      if (start === end) return;
    }
    const content = c.slice(start, end);
    if (out.length === 0 && line.depth > 0) {
      const prefix = line.contentOffset - line.offset;
      out.push({ ...extra, text: line.text.slice(0, prefix) + content, offset: line.offset, depth: line.depth, content, contentOffset: base + start });
    } else {
      out.push({ ...extra, text: content, offset: base + start, depth: line.depth, content, contentOffset: base + start });
    }
  };

  let pos = 0;
  let prose = 0;
  while (pos < c.length) {
    const git = c.indexOf('diff --git ', pos);
    const at = nextHunkHeader(c, pos);
    const a = git < 0 ? at : at < 0 ? git : Math.min(git, at);
    if (a < 0) break;
    push(prose, a);
    if (a === git) {
      const end = headerBlockEnd(c, a, at);
      splitHeader(c, a, end, (s, e) => push(s, e, { rebuiltHeader: true }));
      pos = prose = Math.max(end, a + 1);
      continue;
    }
    const h = parseHunkHeader(c, a)!;
    const r = rebuildHunk(c, h.end, c.length, h, budget);
    push(a, r.headingEnd, { rebuiltHeader: true, rebuildNotes: r.notes });
    // A close runner-up reading makes every line of the hunk a guess.
    for (const l of r.lines) push(l.start, l.end, { rebuiltKind: l.kind, uncertain: l.uncertain || r.uncertain || undefined });
    pos = prose = Math.max(r.end, r.headingEnd, h.end);
  }
  push(prose, c.length);
  return out.length ? out : [line];
}

/** How far past `diff --git` its header lines may reach: searches stay local, keeping the scan linear. */
const HEADER_WINDOW = 4000;

/** End of the header block of a `diff --git` at `a`: the next hunk header when near, else after `+++ path`. */
function headerBlockEnd(c: string, a: number, hunk: number): number {
  const win = Math.min(c.length, a + HEADER_WINDOW);
  const region = c.slice(a, win);
  const nextGitRel = region.indexOf('diff --git ', 11);
  const stop = nextGitRel < 0 ? win : a + nextGitRel;
  if (hunk > a && hunk < stop) return hunk;
  const plusRel = region.indexOf('+++ ');
  const plus = plusRel >= 0 && a + plusRel < stop ? a + plusRel : -1;
  let i = plus >= 0 ? plus + 4 : a + 11;
  // The path word (and for `diff --git` alone, the two path words).
  for (let words = plus >= 0 ? 1 : 2; words > 0; words--) {
    while (i < stop && isSpace(c.charCodeAt(i))) i++;
    while (i < stop && !isSpace(c.charCodeAt(i))) i++;
  }
  return Math.min(i, stop);
}

function splitHeader(c: string, a: number, end: number, emit: (s: number, e: number) => void): void {
  const region = c.slice(a, end);
  const cuts: number[] = [];
  for (const w of HEADER_WORDS) {
    for (let i = region.indexOf(w, 1); i >= 0; i = region.indexOf(w, i + 1)) {
      if (isSpace(region.charCodeAt(i - 1))) cuts.push(a + i);
    }
  }
  cuts.sort((x, y) => x - y);
  let s = a;
  for (const cut of cuts) {
    if (cut <= s) continue;
    emit(s, cut);
    s = cut;
  }
  emit(s, end);
}
