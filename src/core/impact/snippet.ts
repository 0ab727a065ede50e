// The lines of one side of a hunk that stand inside a struct's body, as C text the
// preprocessor and declaration parser can read on their own: directives balanced,
// lines from nested aggregates that open before the hunk left out (and said so).
import type { DiffLine } from '../patch/types';

export type Side = 'old' | 'new';

export interface Snippet {
  text: string;
  /** For each line of `text`, the index of its hunk line (−1 for lines we added). */
  lineOf: number[];
  /** Offset in `text` where each of its lines starts. */
  lineStarts: number[];
  notes: string[];
}

const OPEN_RE = (name: string) => new RegExp(`^\\s*(?:struct|union)\\s+${name}\\b[^;]*\\{`);
const DIRECTIVE = /^\s*#\s*(\w+)/;

function onSide(l: DiffLine, side: Side): boolean {
  return l.kind === ' ' || (side === 'old' ? l.kind === '-' : l.kind === '+');
}

/** Net brace change of a line, ignoring comments and strings. */
function braceDelta(text: string): { opens: number; closes: number } {
  const code = text.replace(/\/\*.*?\*\/|\/\/.*$|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '');
  let opens = 0, closes = 0;
  for (const ch of code) {
    if (ch === '{') opens++;
    else if (ch === '}') closes++;
  }
  return { opens, closes };
}

/**
 * Lines of `side` inside the body of `name` (`struct`/`union` tag). When the hunk shows
 * the struct's opening line the body starts after it; otherwise the hunk is taken to
 * start inside the body (the section heading said so).
 */
export function structSnippet(lines: readonly DiffLine[], name: string, side: Side): Snippet {
  const notes: string[] = [];
  const idx: number[] = [];
  lines.forEach((l, i) => { if (onSide(l, side)) idx.push(i); });
  const open = OPEN_RE(name);
  let first = 0;
  const opening = idx.findIndex((i) => open.test(lines[i].text));
  if (opening >= 0) first = opening + 1;

  let body: number[] = [];
  let depth = 0;
  for (let k = first; k < idx.length; k++) {
    const text = lines[idx[k]].text;
    const { opens, closes } = braceDelta(text);
    if (depth + opens - closes < 0) {
      // A brace closing something opened before the hunk: the struct itself, unless
      // more members follow (then it closed a nested aggregate whose start we cannot
      // see, and the lines so far belong to that aggregate).
      if (opening >= 0 || !membersFollow(lines, idx, k + 1)) break;
      if (body.length) notes.push('lines inside a nested aggregate that opens before the hunk are not laid out');
      body = [];
      depth = 0;
      continue;
    }
    depth += opens - closes;
    body.push(idx[k]);
  }
  return balance(lines, completeDeclarations(lines, body, notes), notes);
}

const MEMBER = /^[^#]*[\w\])]\s*(?::\s*\w+\s*)?(?:__\w+(?:\([^)]*\))?\s*)*;\s*(?:\/\*.*)?$/;
const NOT_MEMBER = /^\s*(?:extern|static|typedef|struct\s+\w+\s*;|union\s+\w+\s*;|enum\s+\w+\s*;|return\b)/;

/** The next line of code on this side declares a member (so a `};` before it was nested). */
function membersFollow(lines: readonly DiffLine[], idx: number[], from: number): boolean {
  for (let k = from; k < idx.length; k++) {
    const t = lines[idx[k]].text.trim();
    if (t === '' || t.startsWith('#') || t.startsWith('/*') || t.startsWith('*') || t.startsWith('//')) continue;
    return MEMBER.test(t) && !NOT_MEMBER.test(t);
  }
  return false;
}

function parenDelta(text: string): number {
  const code = text.replace(/\/\*.*?\*\/|\/\/.*$|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '');
  let d = 0;
  for (const ch of code) {
    if (ch === '(') d++;
    else if (ch === ')') d--;
  }
  return d;
}

/**
 * Drops declarations the hunk shows only in part: continuation lines of one that began
 * before the hunk (unbalanced `)`), a declaration or nested aggregate cut off at its end.
 */
function completeDeclarations(lines: readonly DiffLine[], body: number[], notes: string[]): number[] {
  let start = 0;
  // The hunk may begin inside a comment: skip to the line that closes it.
  for (let k = 0; k < body.length; k++) {
    const t = lines[body[k]].text;
    const close = t.indexOf('*/');
    const open = t.indexOf('/*');
    if (open >= 0 && (close < 0 || open < close)) break;
    if (close >= 0) { start = k + 1; break; }
  }
  let parens = 0;
  for (let k = start; k < body.length; k++) {
    const t = lines[body[k]].text;
    if (/^\s*#/.test(t)) continue;
    parens += parenDelta(t);
    if (parens < 0) {
      // Still inside a declaration whose start the hunk does not show: skip to its end.
      let j = k;
      while (j < body.length && !/;\s*(?:\/\*.*)?$/.test(lines[body[j]].text)) j++;
      start = j + 1;
      parens = 0;
      k = j;
      notes.push('the first lines continue a declaration that starts before the hunk: left out');
    }
    break;
  }
  let out = body.slice(start);
  // Cut at the first nested aggregate left open, or a declaration left unterminated.
  let depth = 0;
  let openAt: number[] = [];
  let lastEnd = -1;
  for (let k = 0; k < out.length; k++) {
    const t = lines[out[k]].text;
    if (/^\s*#/.test(t)) { if (depth === 0 && parens === 0) lastEnd = k; continue; }
    const { opens, closes } = braceDelta(t);
    for (let o = 0; o < opens; o++) openAt.push(k);
    for (let c = 0; c < closes; c++) openAt.pop();
    depth += opens - closes;
    const trimmed = t.replace(/\/\*.*?\*\//g, '').trim();
    if (depth === 0 && (trimmed === '' || /[;}]$/.test(trimmed) || trimmed.startsWith('/*') || trimmed.startsWith('*'))) lastEnd = k;
  }
  if (openAt.length) notes.push('a nested aggregate the hunk leaves open is not laid out');
  if (lastEnd < out.length - 1) {
    const dropped = out.slice(lastEnd + 1).filter((i) => lines[i].text.trim() !== '' && !/^\s*#/.test(lines[i].text));
    if (dropped.length) notes.push('the last lines begin a declaration the hunk does not finish: left out');
    // Directives after the cut are kept so conditional groups stay balanced.
    out = [...out.slice(0, lastEnd + 1), ...out.slice(lastEnd + 1).filter((i) => /^\s*#/.test(lines[i].text))];
  }
  openAt = [];
  return out;
}

/** Lines of `side` at file scope that define new structs (the whole side, directives balanced). */
export function fileSnippet(lines: readonly DiffLine[], side: Side): Snippet {
  const idx: number[] = [];
  lines.forEach((l, i) => { if (onSide(l, side)) idx.push(i); });
  return balance(lines, idx, []);
}

function balance(lines: readonly DiffLine[], body: number[], notes: string[]): Snippet {
  const out: string[] = [];
  const lineOf: number[] = [];
  let open = 0;
  let unmatched = 0;
  for (const i of body) {
    const m = DIRECTIVE.exec(lines[i].text);
    const d = m?.[1];
    if (d === 'if' || d === 'ifdef' || d === 'ifndef') open++;
    else if (d === 'endif') {
      if (open === 0) unmatched++;
      else open--;
    } else if ((d === 'else' || d === 'elif') && open === 0) unmatched++;
  }
  if (unmatched > 0) notes.push('the hunk starts inside a conditional block: its branch is assumed to be taken');
  for (let k = 0; k < unmatched; k++) { out.push('#if 1'); lineOf.push(-1); }
  // Re-scan in order so an unmatched #else/#elif flips the assumed `#if 1` correctly.
  for (const i of body) { out.push(lines[i].text); lineOf.push(i); }
  let depth = unmatched;
  for (const i of body) {
    const d = DIRECTIVE.exec(lines[i].text)?.[1];
    if (d === 'if' || d === 'ifdef' || d === 'ifndef') depth++;
    else if (d === 'endif') depth--;
  }
  // A comment the hunk cuts off would swallow what follows the snippet.
  if (out.join('\n').replace(/\/\*[\s\S]*?\*\//g, '').includes('/*')) { out.push('*/'); lineOf.push(-1); }
  for (let k = 0; k < depth; k++) { out.push('#endif'); lineOf.push(-1); }
  const lineStarts: number[] = [];
  let at = 0;
  for (const l of out) { lineStarts.push(at); at += l.length + 1; }
  return { text: out.join('\n'), lineOf, lineStarts, notes: [...new Set(notes)] };
}

/** Line index (into `lineOf`) of an offset in the snippet text. */
export function lineAt(s: Snippet, offset: number): number {
  let lo = 0, hi = s.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const LAYOUT_DIRECTIVE = /^\s*#\s*(?:if|ifdef|ifndef|elif|else|endif|elifdef|elifndef)\b/;

/**
 * Whether a changed line of the hunk can change the struct's layout: a declaration or a
 * conditional directive. `#define`s, comments and blank lines cannot.
 */
export function changesLayout(lines: readonly DiffLine[]): boolean {
  return lines.some((l) => {
    if (l.kind === ' ') return false;
    const t = l.text.replace(/\/\*.*?\*\//g, '').replace(/\/\/.*$/, '').trim();
    if (t === '' || t.startsWith('/*') || t.startsWith('*')) return false;
    if (t.startsWith('#')) return LAYOUT_DIRECTIVE.test(t);
    return true;
  });
}

/**
 * Whether the hunk's changed lines can stand inside `name`'s body when only the section
 * heading says so: git's heading is the last struct opened *before* the hunk, which may
 * have closed already (a `};` at column 0, another struct opening, file-scope code at
 * column 0 — the last only where indentation survived, i.e. not in rebuilt text).
 */
export function changedInside(lines: readonly DiffLine[], name: string, indentKept: boolean): boolean {
  const open = OPEN_RE(name);
  if (lines.some((l) => open.test(l.text))) return true;
  for (const l of lines) {
    const t = l.text;
    if (l.kind !== ' ') break;
    if (/^\}/.test(t)) return false;
    if (/^\s*(?:struct|union)\s+\w+\s*\{/.test(t)) return false;
  }
  if (!indentKept) return true;
  const changed = lines.filter((l) => l.kind !== ' ' && l.text.trim() !== '' && !/^\s*(#|\/\*|\*|\/\/)/.test(l.text));
  return changed.length === 0 || changed.some((l) => /^\s/.test(l.text));
}
