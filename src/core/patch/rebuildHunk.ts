import type { HunkHeader } from './hunkHeader';
import { cutPieces, type Piece } from './pieces';

/**
 * Rebuilds the lines of one hunk from text whose newlines were collapsed into spaces.
 * The text is cut into pieces (words), and a beam search chooses at each gap between
 * pieces whether a line ends there, which diff kind the next line has (its `+`/`-` marker
 * or none: a context line's leading space is lost), and whether blank context lines
 * vanished there. Costs come from C syntax (statement ends, braces, directives, comments);
 * the `@@` counts must be met exactly, and git's three lines of context before the first
 * and after the last change are preferred. Work is bounded: pieces by the counts, states
 * by the beam width, and the whole document by a shared step budget.
 */
export interface RebuiltLine {
  start: number;
  end: number;
  kind: ' ' | '+' | '-';
  uncertain: boolean;
  /** A blank context line that left no trace in the text (zero-length at `start`). */
  inferred: boolean;
}

export interface RebuiltHunk {
  /** End of the section heading (equal to the body start when there is none). */
  headingEnd: number;
  lines: RebuiltLine[];
  /** Index just after the last line. */
  end: number;
  /** The counts were met; otherwise `lines` is a best effort. */
  complete: boolean;
  uncertain: boolean;
  notes: string[];
}

export interface Budget {
  steps: number;
}

const BEAM = 96;
/** Margin to the runner-up reading under which a rebuild counts as a guess. */
const CLOSE = 2;
const KIND: readonly (' ' | '+' | '-')[] = [' ', '+', '-'];
const HEADING = 3;
const KEYWORDS = new Set([
  'struct', 'union', 'enum', 'unsigned', 'signed', 'int', 'char', 'short', 'long', 'void',
  'bool', 'const', 'static', 'extern', 'inline', 'typedef', 'return', 'if', 'else', 'for',
  'while', 'do', 'switch', 'case', 'break', 'goto', 'u8', 'u16', 'u32', 'u64', '__u8',
  '__u16', '__u32', '__u64', 's8', 's16', 's32', 's64', 'size_t', 'atomic_t', 'spinlock_t',
]);

interface Trace {
  prev: Trace | undefined;
  /** Gap index (before piece k); m for the end. */
  k: number;
  blanks: number;
  /** Kind of the line opened at k, or -1 when the hunk ends there. */
  opened: number;
}

interface State {
  cost: number;
  o: number;
  n: number;
  kind: number;
  /** Context lines since the last change (or since the start), capped. */
  run: number;
  seen: boolean;
  trace: Trace;
}

function endsStrong(s: string, p: Piece): boolean {
  const c = s.charCodeAt(p.end - 1);
  if (c === 59 || c === 123 || c === 125) return true;
  return c === 47 && p.end - p.start >= 2 && s.charCodeAt(p.end - 2) === 42;
}

function startCost(s: string, p: Piece): number {
  if (p.marker !== undefined || p.directive >= 0) return 0;
  const c = s.charCodeAt(p.start);
  if (c === 125) return 0;
  if (c === 123) return 0.5;
  if (c === 46) return 1;
  // `*/` or ` * ` with no opener in sight: a comment that began above the hunk.
  if (c === 42 && (s.startsWith('*/', p.start) || p.end === p.start + 1)) return 0.5;
  if (p.inComment && c === 42) return 0;
  if (c === 47 && s.charCodeAt(p.start + 1) === 42) return 0.5;
  let e = p.start;
  while (e < p.end && /[A-Za-z0-9_]/.test(s[e])) e++;
  if (e > p.start && KEYWORDS.has(s.slice(p.start, e))) return 0.5;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return 1;
  return 2;
}

export function rebuildHunk(s: string, bodyStart: number, limit: number, h: HunkHeader, budget: Budget): RebuiltHunk {
  const total = h.oldLines + h.newLines;
  const pieces = cutPieces(s, bodyStart, limit, (total + 4) * 40 + 64);
  let m = pieces.length;
  if (m > 0 && pieces[m - 1].stop) m--;
  const notes: string[] = [];
  if (m === 0) {
    return { headingEnd: bodyStart, lines: [], end: bodyStart, complete: total === 0, uncertain: false, notes };
  }

  // Each gap can hold one vanished blank line; if even that cannot make up the counts, the
  // text is not this hunk (or is mangled past rebuilding): no search.
  if (2 * m + 1 < Math.max(h.oldLines, h.newLines)) {
    notes.push('too little text for the @@ counts; lines split greedily');
  }
  const dirEnd = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    const d = pieces[i].directive;
    if (d > 0 && i + d - 1 < m) dirEnd[i + d - 1] = 1;
  }
  // Comments written kernel style (`/*` alone, then ` * ` lines, then ` */`) are the only
  // ones whose lines start with `*`; a comment with words after `/*` is one line.
  const multiline = new Uint8Array(m);
  for (let i = 0, opener = -1; i < m; i++) {
    if (!pieces[i].inComment) { opener = -1; continue; }
    if (opener < 0) {
      opener = i;
      // The first word inside (past a lone marker of a removed/added comment line).
      const f = pieces[i].lone && i + 1 < m ? pieces[i + 1] : pieces[i];
      const c = s.charCodeAt(f.start);
      multiline[i] = c === 42 && s.charCodeAt(f.start + 1) !== 47 ? 1 : 0;
    } else {
      multiline[i] = multiline[opener];
    }
  }
  const continuation = (k: number): boolean => pieces[k].inComment && multiline[k] === 1 && s.charCodeAt(pieces[k].start) === 42;
  // `- *` inside a comment: a removed/added comment line starting.
  const markedContinuation = (k: number): boolean => pieces[k].lone && k + 1 < m && continuation(k + 1);
  // An attached `-`/`+` after an operator or `return` is arithmetic, not a marker.
  const OPS = /^(return|=|==|!=|<|>|<=|>=|\?|:|&&|\|\||\+|-|\*|\/|%|\||&|\^|<<|>>)$/;
  const arithmetic = (k: number): boolean => {
    if (k === 0 || pieces[k].lone || pieces[k].marker === undefined) return false;
    const a = pieces[k - 1];
    const last = s.charCodeAt(a.end - 1);
    return OPS.test(s.slice(a.start, a.end)) || last === 40 || last === 44 || last === 61;
  };
  // Blank lines stand before comments, directives and closing braces, and after blocks.
  const blankSpot = (k: number): boolean => {
    if (k < m) {
      const b = pieces[k];
      const at = b.marker && !b.lone ? b.start + 1 : b.start;
      const c = s.charCodeAt(at);
      if (c === 125 || (c === 47 && s.charCodeAt(at + 1) === 42)) return true;
      // Before a directive, unless the line above is the same directive (a run of #defines).
      if (c === 35) return !(k > 0 && sameDirective(pieces[k - 1 - prevLen(k - 1)], b));
      // Between declarations and the statements that follow them.
      if (/^(if|return|for|while|switch|goto|do)\b/.test(s.slice(at, at + 7))) return true;
      // Before a top-level definition (`+struct x {`: no indentation after the marker).
      if (b.marker && !b.lone && /^(struct|union|enum|static|typedef)\b/.test(s.slice(at, at + 8))) return true;
    }
    if (k > 0) {
      const a = pieces[k - 1];
      const c = s.charCodeAt(a.end - 1);
      if (c === 125 || (c === 59 && s.charCodeAt(a.end - 2) === 125) || (dirEnd[k - 1] && a.directive === 1)) return true;
    }
    return false;
  };
  // Pieces back to the start of a `#define NAME VALUE` line ending at piece i (a guess: 2).
  const prevLen = (i: number): number => (i >= 2 && pieces[i - 2].directive === 0 ? 2 : i >= 1 && pieces[i - 1].directive >= 0 ? 1 : 0);
  const sameDirective = (a: Piece, b: Piece): boolean => {
    if (a.directive < 0) return false;
    const wa = s.slice(a.marker && !a.lone ? a.start + 1 : a.start, a.end);
    const wb = s.slice(b.marker && !b.lone ? b.start + 1 : b.start, b.end);
    return wa === wb;
  };
  // Blank lines do not split a statement (after `,`, `(`, `\\`, an operator) or stand before `{`.
  const midStatement = (k: number): boolean => {
    if (k > 0 && k <= m) {
      const c = s.charCodeAt(pieces[k - 1].end - 1);
      if (c === 44 || c === 40 || c === 92 || c === 61 || c === 38 || c === 124) return true;
    }
    return k < m && s.charCodeAt(pieces[k].start) === 123;
  };
  const blankCost = (k: number): number => (blankSpot(k) ? 2 : midStatement(k) ? 5 : 2.5);
  // Prose after the hunk (`Thanks,`, `Looks good.`) is no context line: words only,
  // capitalised or ending a sentence, outside comments.
  const wordy = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) {
    const p = pieces[i];
    const ok = !p.inComment && p.marker === undefined && /^[A-Za-z'][a-z']*[,.!?:]?$/.test(s.slice(p.start, p.end));
    wordy[i + 1] = wordy[i] + (ok ? 1 : 0);
  }
  const prose = (a: number, b: number): boolean => {
    if (b <= a || wordy[b] - wordy[a] !== b - a) return false;
    const first = s.charCodeAt(pieces[a].start);
    const last = s.charCodeAt(pieces[b - 1].end - 1);
    return (first >= 65 && first <= 90) || last === 46 || last === 33 || last === 63;
  };
  // Parenthesis depth after each piece (from zero at each diff marker): a break inside
  // an argument list is possible but rarer than one after it.
  const parens = new Int32Array(m);
  for (let i = 0, d = 0; i < m; i++) {
    const p = pieces[i];
    if (p.marker !== undefined) d = 0;
    for (let j = p.start; j < p.end; j++) {
      const c = s.charCodeAt(j);
      if (c === 40) d++;
      else if (c === 41 && d > 0) d--;
    }
    parens[i] = d;
  }
  const endCost = (i: number): number => {
    const a = pieces[i];
    // A blank `+`/`-` line: likely where blank lines usually stand.
    if (a.lone) return i + 1 < m && blankSpot(i + 1) ? 1 : 3;
    if (dirEnd[i]) return 0;
    // Inside a block comment a line ends before a ` * ` continuation, rarely elsewhere.
    if (i + 1 < m && pieces[i + 1].inComment) return continuation(i + 1) || markedContinuation(i + 1) ? 0.5 : 2.5;
    if (endsStrong(s, a)) return 0;
    // A macro line continued with a backslash.
    if (s.charCodeAt(a.end - 1) === 92) return 0;
    const c = s.charCodeAt(a.end - 1);
    const inParens = parens[i] > 0 ? 0.5 : 0;
    // `),` and `},` end the entries of initializers and hook tables.
    if (c === 44 && a.end - a.start >= 2 && (s.charCodeAt(a.end - 2) === 41 || s.charCodeAt(a.end - 2) === 125)) return 0.5 + inParens;
    // `if (x)` ends its line in kernel style; so does a complete call or signature.
    if (c === 41 && parens[i] === 0) return 1;
    if (c === 44 || c === 41 || c === 58) return 1 + inParens;
    return 3;
  };
  const headingEnd = (k: number): number => {
    const a = pieces[k - 1];
    const c = s.charCodeAt(a.end - 1);
    if (c === 44 || c === 41 || c === 123 || c === 59 || c === 40) return 0;
    return a.end - pieces[0].start >= 76 ? 0.5 : 2;
  };
  // brk[k], jn[k]: cost of a line break / of no break in the gap before piece k.
  const brk = new Float64Array(m + 1);
  const jn = new Float64Array(m + 1);
  for (let k = 1; k < m; k++) {
    const a = pieces[k - 1];
    const b = pieces[k];
    brk[k] = endCost(k - 1) + (b.inComment && s.charCodeAt(b.start) === 42 && !continuation(k) ? 2.5 : startCost(s, b));
    // A comment right after a statement's `;` is that statement's trailing comment.
    if (s.charCodeAt(a.end - 1) === 59 && s.startsWith('/*', b.start)) brk[k] = 3;
    const b0 = s.charCodeAt(b.start);
    let j = 0;
    if (arithmetic(k)) { j = 0.5; brk[k] += 2; }
    else if (b.marker !== undefined && !b.lone) j = 4;
    else if (b.lone) j = a.lone ? 4 : 1.5;
    else if (b.directive >= 0) j = 4;
    else if (a.lone) j = 0;
    else if (b.inComment) j = b0 === 42 && s.charCodeAt(b.start + 1) !== 47 ? 2 : 0;
    else if (s.startsWith('*/', b.start)) j = 2.5;
    else if (b0 === 42 && b.end === b.start + 1) j = 1;
    else if (s.charCodeAt(a.end - 1) === 92) j = 3;
    // `if (x) return;` on one line is not kernel style: after a closed `)` a word starts a line.
    else if (s.charCodeAt(a.end - 1) === 41 && parens[k - 1] === 0 && /[A-Za-z_]/.test(s[b.start])) j = 2.5;
    else if (endsStrong(s, a) || dirEnd[k - 1]) j = b0 === 47 && s.charCodeAt(b.start + 1) === 42 ? 0.3 : 3.5;
    jn[k] = j;
  }

  const expLead = Math.min(3, Math.max(0, h.oldStart - 1));
  const kindOf = (p: Piece): number => (p.marker === '+' ? 1 : p.marker === '-' ? 2 : 0);

  // Closes a line of `kind`; returns the penalty, or -1 when the counts overflow.
  const close = (st: State, kind: number): number => {
    if (kind === HEADING) return 0;
    if (kind === 0) {
      st.o++; st.n++;
      if (st.o > h.oldLines || st.n > h.newLines) return -1;
      if (st.run < 7) st.run++;
      return 0;
    }
    if (kind === 1) st.n++; else st.o++;
    if (st.o > h.oldLines || st.n > h.newLines) return -1;
    let pen = 0;
    if (!st.seen) pen += 3 * Math.abs(st.run - expLead);
    else if (st.run > 6) pen += 3;
    st.seen = true;
    st.run = 0;
    return pen;
  };
  const copy = (st: State): State => ({ ...st });
  const keyOf = (st: State): number => ((((st.o * (h.newLines + 1) + st.n) * 4 + st.kind) * 8 + st.run) * 2 + (st.seen ? 1 : 0));

  let best: State | undefined;
  // Cost of the best other complete reading: a close one makes the rebuild a guess.
  let runnerUp = Infinity;
  const finish = (st: State, k: number, endPen: number): void => {
    for (let t = 0; t <= 2; t++) {
      if (t > 0 && close(st, 0) < 0) return;
      if (st.o === h.oldLines && st.n === h.newLines) {
        let pen = endPen + t * (k >= m ? 3 : blankCost(k));
        if (!st.seen) pen += 10;
        else if (st.run < 3) pen += 1.5 * (3 - st.run);
        else if (st.run > 3) pen += 4 * (st.run - 3);
        const cost = st.cost + pen;
        if (!best || cost < best.cost) {
          if (best) runnerUp = Math.min(runnerUp, best.cost);
          best = { ...st, cost, trace: { prev: st.trace, k, blanks: t, opened: -1 } };
        } else {
          runnerUp = Math.min(runnerUp, cost);
        }
        return;
      }
    }
  };

  let beam = new Map<number, State>();
  const put = (map: Map<number, State>, st: State): void => {
    const key = keyOf(st);
    const old = map.get(key);
    if (!old || st.cost < old.cost) map.set(key, st);
  };
  const first = pieces[0];
  const c0 = s.charCodeAt(first.start);
  const headingLike = first.marker === undefined && ((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95 || c0 === 36);
  if (headingLike) {
    put(beam, { cost: 0, o: 0, n: 0, kind: HEADING, run: 0, seen: false, trace: { prev: undefined, k: 0, blanks: 0, opened: HEADING } });
  }
  for (let t = 0; t <= 1; t++) {
    // git writes a section heading whenever a function-name line stands above the hunk,
    // which in C is nearly always true past the first lines of a file.
    const noHeading = headingLike ? (h.oldStart > 4 ? 5 : 0.3) : 0;
    const st: State = { cost: noHeading + t * blankCost(0), o: 0, n: 0, kind: 0, run: 0, seen: false, trace: { prev: undefined, k: 0, blanks: t, opened: 0 } };
    let ok = true;
    for (let i = 0; i < t; i++) if (close(st, 0) < 0) ok = false;
    if (!ok) break;
    st.kind = kindOf(first);
    st.trace.opened = st.kind;
    put(beam, st);
  }

  let aborted = 2 * m + 1 < Math.max(h.oldLines, h.newLines);
  let k = 1;
  for (; !aborted && k <= m && beam.size > 0; k++) {
    const next = new Map<number, State>();
    const atEnd = k === m;
    for (const st of beam.values()) {
      if (--budget.steps < 0) { aborted = true; break; }
      const lineStart = st.trace.k;
      const prosePen = st.kind === 0 && prose(lineStart, k) ? 4 : 0;
      // The hunk may end here.
      {
        const f = copy(st);
        const pen = close(f, st.kind);
        f.cost += prosePen;
        if (pen >= 0 && st.kind !== HEADING) {
          f.cost += pen;
          finish(f, k, atEnd ? 0 : endCost(k - 1));
        }
      }
      if (atEnd) continue;
      const b = pieces[k];
      // No break: the line goes on.
      // Kernel lines stay short (and collapsing shortened their indentation further).
      const width = b.end - pieces[st.trace.k].start;
      if (!(st.kind === HEADING ? width > 80 : width > 160)) {
        const j = copy(st);
        j.cost += jn[k] + (width > 100 ? 1 : 0);
        // A heading is one source line: it rarely goes on past `)`, `{`, `;` or into `*/`.
        if (st.kind === HEADING) {
          const e = s.charCodeAt(pieces[k - 1].end - 1);
          if (e === 41 || e === 123 || e === 59) j.cost += 2;
          if (s.startsWith('*/', b.start)) j.cost += 4;
        }
        put(next, j);
      }
      // A break, perhaps with vanished blank lines, and a new line of b's kind.
      const c = copy(st);
      let pen = close(c, st.kind);
      if (pen < 0) continue;
      // A heading is a whole source line cut at 80 columns: it may end anywhere a line
      // does, or mid-list after a comma, and a blank line may follow it.
      const fromHeading = st.kind === HEADING;
      c.cost += pen + prosePen + (fromHeading ? headingEnd(k) + startCost(s, b) : brk[k]);
      for (let t = 0; t <= 1; t++) {
        if (t > 0) {
          pen = close(c, 0);
          if (pen < 0) break;
          c.cost += fromHeading ? 2 : blankCost(k);
        }
        const o = copy(c);
        o.kind = kindOf(b);
        o.trace = { prev: st.trace, k, blanks: t, opened: o.kind };
        put(next, o);
      }
    }
    if (aborted) break;
    if (best && [...next.values()].every((x) => x.cost >= best!.cost)) { k++; break; }
    beam = prune(next);
  }

  if (!best || aborted) {
    if (!notes.length) notes.push(aborted ? 'rebuild budget exhausted; lines split greedily' : 'no line split meets the @@ counts; lines split greedily');
    return greedy(pieces, m, brk, jn, kindOf, bodyStart, notes, headingLike, h);
  }
  const r = assemble(pieces, m, best.trace, brk, jn, bodyStart, notes);
  if (runnerUp - best.cost < CLOSE) {
    r.uncertain = true;
    r.notes.push(`another reading of the lines scores within ${CLOSE} of this one`);
  }
  return r;
}

function prune(map: Map<number, State>): Map<number, State> {
  if (map.size <= BEAM) return map;
  const sorted = [...map.entries()].sort((a, b) => a[1].cost - b[1].cost).slice(0, BEAM);
  return new Map(sorted);
}

function assemble(pieces: Piece[], m: number, last: Trace, brk: Float64Array, jn: Float64Array, bodyStart: number, notes: string[]): RebuiltHunk {
  const steps: Trace[] = [];
  for (let t: Trace | undefined = last; t; t = t.prev) steps.push(t);
  steps.reverse();
  const lines: RebuiltLine[] = [];
  let headingEnd = bodyStart;
  let inferred = 0;
  let guessed = 0;
  const close = (k: number): number => (k > 0 ? pieces[k - 1].end : bodyStart);
  const blanks = (at: number, count: number): void => {
    for (let i = 0; i < count; i++) lines.push({ start: at, end: at, kind: ' ', uncertain: true, inferred: true });
    inferred += count;
  };
  let open: { k: number; kind: number } | undefined;
  const emit = (toK: number): void => {
    if (!open) return;
    if (open.kind === HEADING) {
      headingEnd = close(toK);
    } else {
      let uncertain = false;
      const near = (k: number): boolean => k > 0 && k < m && Math.abs(brk[k] - jn[k]) < 1;
      if (near(open.k) || near(toK)) uncertain = true;
      for (let k = open.k + 1; k < toK && !uncertain; k++) if (near(k)) uncertain = true;
      if (uncertain) guessed++;
      lines.push({ start: pieces[open.k].start, end: close(toK), kind: KIND[open.kind], uncertain, inferred: false });
    }
  };
  for (const st of steps) {
    emit(st.k);
    blanks(close(st.k), st.blanks);
    open = st.opened >= 0 ? { k: st.k, kind: st.opened } : undefined;
  }
  const endStep = steps[steps.length - 1];
  const end = lines.length ? Math.max(lines[lines.length - 1].end, headingEnd) : close(endStep.k);
  if (inferred) notes.push(`${inferred} blank context line(s) inferred from the @@ counts`);
  if (guessed) notes.push(`${guessed} line break(s) placed where C syntax was ambiguous`);
  return { headingEnd, lines, end, complete: true, uncertain: inferred + guessed > 0, notes };
}

function greedy(
  pieces: Piece[], m: number, brk: Float64Array, jn: Float64Array, kindOf: (p: Piece) => number,
  bodyStart: number, notes: string[], headingLike: boolean, h: HunkHeader,
): RebuiltHunk {
  const lines: RebuiltLine[] = [];
  let headingEnd = bodyStart;
  let startK = 0;
  let heading = headingLike;
  let o = 0;
  let n = 0;
  for (let k = 1; k <= m; k++) {
    if (k < m && jn[k] <= brk[k]) continue;
    const end = pieces[k - 1].end;
    if (heading) {
      headingEnd = end;
      heading = false;
    } else {
      const kind = kindOf(pieces[startK]);
      if (kind !== 1) o++;
      if (kind !== 2) n++;
      // Past the counts the text is no longer this hunk's.
      if (o > h.oldLines || n > h.newLines) break;
      lines.push({ start: pieces[startK].start, end, kind: KIND[kind], uncertain: true, inferred: false });
      if (o === h.oldLines && n === h.newLines) break;
    }
    startK = k;
  }
  const end = lines.length ? lines[lines.length - 1].end : headingEnd;
  return { headingEnd, lines, end, complete: false, uncertain: true, notes };
}
