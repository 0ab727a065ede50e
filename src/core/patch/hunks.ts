import type { BodyLine } from '../text/lines';
import type { DiffLine, DiffLineKind, Hunk } from './types';
import { parseHunkHeader } from './hunkHeader';
import { gitDiffPath, headerPath } from './paths';
import { isElision } from './elision';

export interface PartContext {
  message: number;
  part: string;
  view: 'document' | 'decoded';
  /** Collapsed text: a line inside a hunk may have lost its leading space marker. */
  lenient: boolean;
}

interface FileState {
  file: string;
  /** Index of the line after the header: a hunk right there has its file from the header. */
  line: number;
}

/**
 * Finds the hunks in a body's lines: `diff --git` and plain `---`/`+++` headers, `@@`
 * hunks consumed exactly by their counts (a hunk ends when its counts are used up; later
 * lines are not part of it), at any quote depth. A quote that stops early, a depth change
 * or a `[...]` elision leaves the hunk `complete: false`. Quoted runs of `+`/`-` lines
 * without an `@@` line come back as header-less candidates for the caller to check
 * against the patch being answered.
 */
export interface Headerless {
  hunk: Hunk;
  /** Lines that look like C (end in `;`, braces, directives, comments). */
  codeLike: number;
}

export function findHunks(lines: readonly BodyLine[], ctx: PartContext): { hunks: Hunk[]; headerless: Headerless[] } {
  const hunks: Hunk[] = [];
  const headerless: Headerless[] = [];
  const files = new Map<number, FileState>();
  const n = lines.length;
  let i = 0;
  while (i < n) {
    const l = lines[i];
    const c = l.content;
    const c0 = c.charCodeAt(0);
    if (c0 === 100 /* d */ && c.startsWith('diff --git ')) {
      const f = gitDiffPath(c);
      if (f) files.set(l.depth, { file: f, line: i + 1 });
      i++;
      continue;
    }
    if (c0 === 45 /* - */ && c.startsWith('--- ') && i + 1 < n && lines[i + 1].depth === l.depth && lines[i + 1].content.startsWith('+++ ')) {
      const f = headerPath(lines[i + 1].content) ?? headerPath(c);
      if (f) files.set(l.depth, { file: f, line: i + 2 });
      i += 2;
      continue;
    }
    if (c0 === 64 /* @ */) {
      const h = parseHunkHeader(c);
      if (h) {
        const fs = files.get(l.depth);
        const r = readHunk(lines, i, h.oldStart, h.oldLines, h.newStart, h.newLines, c.slice(h.end).replace(/^ /, ''), ctx);
        if (fs) {
          r.hunk.file = fs.file;
          // Past other lines the file is a guess for quotes (the header of another file may have been cut).
          r.hunk.fileFrom = fs.line === i || l.depth === 0 ? 'header' : 'inferred';
        }
        hunks.push(r.hunk);
        // The next hunk right below this one is still under the same file header.
        if (fs && fs.line === i) fs.line = r.next;
        i = r.next;
        continue;
      }
    }
    if (l.depth > 0 && (c0 === 43 || c0 === 45) && !c.startsWith('+++') && !c.startsWith('---')) {
      const r = readHeaderless(lines, i, ctx);
      if (r.found) headerless.push(r.found);
      i = r.next;
      continue;
    }
    i++;
  }
  return { hunks, headerless };
}

function emptyHunk(ctx: PartContext, l: BodyLine): Hunk {
  return {
    message: ctx.message, part: ctx.part, view: ctx.view, file: '', fileFrom: 'unknown',
    oldStart: 0, oldLines: 0, newStart: 0, newLines: 0, section: '', lines: [],
    quoted: l.depth > 0, depth: l.depth, headerInferred: false, complete: false, elided: false,
    span: { start: l.offset, end: l.offset + l.text.length }, structs: [],
  };
}

/** Kind of a line inside a hunk (its text follows the marker), or undefined when it cannot be a diff line. */
function diffKind(l: BodyLine, lenient: boolean): DiffLineKind | 'bare' | undefined {
  if (l.rebuiltKind) return l.rebuiltKind === ' ' ? 'bare' : l.rebuiltKind;
  const c = l.content;
  if (c.length === 0) return 'bare';
  const ch = c.charCodeAt(0);
  if (ch === 32) return ' ';
  if (ch === 43) return '+';
  if (ch === 45) return '-';
  // Collapsing ate the context line's space marker.
  if (lenient && ch !== 64 && ch !== 92 && !c.startsWith('diff --git ')) return 'bare';
  // `>` + ` \tstruct x;`: the context line's space marker was taken for the space after
  // the quote marker, so the content starts with its text.
  if (l.depth > 0 && ch !== 64 && ch !== 92 && l.text.charCodeAt(l.contentOffset - l.offset - 1) === 32) return 'bare';
  return undefined;
}

function readHunk(
  lines: readonly BodyLine[], at: number, oldStart: number, oldLines: number, newStart: number, newLines: number,
  section: string, ctx: PartContext,
): { hunk: Hunk; next: number } {
  const head = lines[at];
  const depth = head.depth;
  const hunk = emptyHunk(ctx, head);
  Object.assign(hunk, { oldStart, oldLines, newStart, newLines, section: section.trim() });
  let remOld = oldLines;
  let remNew = newLines;
  let uncertain = false;
  let rebuilt = false;
  let j = at + 1;
  let last = head;
  while ((remOld > 0 || remNew > 0) && j < lines.length) {
    const l = lines[j];
    if (l.depth !== depth) {
      if (l.depth < depth && isElision(l.content) && hunk.lines.length > 0) { hunk.elided = true; j++; continue; }
      break;
    }
    const c0 = l.content.charCodeAt(0);
    // Diff lines start with a marker; only other lines can be `[...]`-style elisions.
    if (c0 !== 32 && c0 !== 43 && c0 !== 45 && !l.rebuiltKind && isElision(l.content)) { hunk.elided = true; j++; continue; }
    if (l.content.charCodeAt(0) === 92 /* \ */) { last = l; j++; continue; }
    const d = diffKind(l, ctx.lenient);
    if (!d) break;
    // A bare line (no marker: blank, or collapsed) is context holding the whole content.
    const kind: DiffLineKind = d === 'bare' ? ' ' : d;
    if (kind === ' ' ? remOld === 0 || remNew === 0 : kind === '-' ? remOld === 0 : remNew === 0) break;
    if (kind !== '+') remOld--;
    if (kind !== '-') remNew--;
    const line: DiffLine = { kind, text: d === 'bare' ? l.content : l.content.slice(1), offset: l.contentOffset, depth };
    hunk.lines.push(line);
    if (l.rebuiltKind) rebuilt = true;
    if (l.uncertain) uncertain = true;
    last = l;
    j++;
  }
  // `\ No newline at end of file` belongs to the line before it.
  if (j < lines.length && lines[j].depth === depth && lines[j].content.startsWith('\\ ')) { last = lines[j]; j++; }
  hunk.complete = remOld === 0 && remNew === 0 && !hunk.elided;
  hunk.span = { start: head.offset, end: last.offset + last.text.length };
  if (rebuilt || ctx.lenient) {
    const notes: string[] = [...(head.rebuildNotes ?? [])];
    if (uncertain && notes.length === 0) notes.push('some line breaks or blank lines were guessed');
    if (!hunk.complete) notes.push('the rebuilt lines do not meet the @@ counts');
    if (rebuilt || uncertain) hunk.rebuilt = { uncertain: uncertain || !hunk.complete, notes };
  }
  return { hunk, next: j };
}

/** A quoted run of diff lines with no `@@` line above it. */
function readHeaderless(lines: readonly BodyLine[], at: number, ctx: PartContext): { found?: Headerless; next: number } {
  const head = lines[at];
  const depth = head.depth;
  const hunk = emptyHunk(ctx, head);
  hunk.headerInferred = true;
  let j = at;
  let changed = 0;
  let codeLike = 0;
  let last = head;
  while (j < lines.length) {
    const l = lines[j];
    if (l.depth !== depth) break;
    const c = l.content;
    if (c.length === 0) break;
    if (c.startsWith('@@') || c.startsWith('diff --git ') || c.startsWith('--- ') || c.startsWith('+++ ')) break;
    const ch = c[0];
    if (ch !== ' ' && ch !== '+' && ch !== '-') break;
    const text = c.slice(1);
    if (ch !== ' ') changed++;
    const t = text.trimEnd();
    if (/[;{}]$/.test(t) || /^\s*(#\s*[a-z]+|\/\*|\*)/.test(text)) codeLike++;
    hunk.lines.push({ kind: ch, text, offset: l.contentOffset, depth });
    if (ch !== '+') hunk.oldLines++;
    if (ch !== '-') hunk.newLines++;
    last = l;
    j++;
  }
  hunk.span = { start: head.offset, end: last.offset + last.text.length };
  // Prose lists (`- item`) are not hunks: ask for code-looking lines (or a match later).
  if (changed === 0) return { next: Math.max(j, at + 1) };
  return { found: { hunk, codeLike }, next: Math.max(j, at + 1) };
}
