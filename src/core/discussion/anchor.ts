import type { HunkIndex, IndexEntry, IndexedHunk } from './hunk-index';
import { CONTEXT, MINUS, PLUS } from './hunk-index';
import type { QuotedKind } from './normalize';
import type { Anchor } from './types';

/** One quoted line as the anchoring sees it. */
export interface AnchorLine {
  /** Body line index in the quoting message. */
  index: number;
  /** Line content with quote markers removed. */
  content: string;
  depth: number;
}

export interface AnchorOptions {
  /**
   * Preference among hunks that match equally (lower is better). Ranks below 1000 mark the
   * hunks of the messages being answered (the In-Reply-To chain); those win near ties.
   */
  rank?: (h: IndexedHunk) => number;
}

/** Text shared by more hunks than this says nothing about which one is quoted. */
const MAX_POSTINGS = 24;
/** A wrapped diff line is rejoined from at most this many pieces. */
const MAX_JOIN = 4;
const ANCESTOR_BOOST = 3;

/**
 * A match is STRIDE numbers in `Candidate.m`: its position in the AnchorLine array, the lines
 * it covers (more than one for a re-wrapped line), its weight, 1 if it was a +/- match, and
 * the hunk line it matched (to keep only matches in the hunk's order). One flat array per
 * candidate: thousands of candidates are made per thread, and five arrays each were a
 * large share of what anchoring allocated.
 */
const AT = 0, LEN = 1, W = 2, CH = 3, HL = 4, STRIDE = 5;

interface Candidate {
  ordinal: number;
  score: number;
  m: number[];
  lastAt: number;
  lastH: number;
  /** Weight of every match but hunk headers, and the +/- matches: bounds of what can be accepted. */
  body: number;
  changes: number;
}

/**
 * Whether a candidate could be accepted at all: acceptance counts a subset of its matches
 * (those in hunk order, on lines no better candidate claimed), so one that fails with all
 * of them is dropped before that work.
 */
function mayPass(c: Candidate): boolean {
  // The slack covers the sums' rounding: the acceptance test adds the same weights in another order.
  return c.body >= 1 - SLACK && (c.changes > 0 || c.body >= 2 - SLACK);
}

const SLACK = 1e-9;

/** The first occurrence at or after `after` of a line repeated in a hunk, else its first one. */
function nextOccurrence(occ: number | readonly number[], after: number): number {
  if (typeof occ === 'number') return occ;
  for (const o of occ) if (o >= after) return o;
  return occ[0];
}

/** A quoted +/- line matching a hunk line of the same kind. */
function isChange(kind: QuotedKind, bits: number): boolean {
  return (kind === '+' && (bits & PLUS) !== 0) || (kind === '-' && (bits & MINUS) !== 0);
}

function weightOf(kind: QuotedKind, bits: number, keyLen: number): number {
  if (kind === '@') return 3;
  const long = keyLen >= 12 ? 1 : keyLen >= 4 ? 0.5 : 0.1;
  if (isChange(kind, bits)) return long;
  if (bits & CONTEXT || kind === '?' || kind === ' ') return long / 2;
  return long / 4;
}

/**
 * Match quoted lines to the hunks they reproduce. A quote may span several hunks; each
 * accepted anchor claims the lines it explains, best-scoring hunk first, so a second
 * version of the same patch only wins the lines the first did not explain.
 */
export function anchorQuote(lines: readonly AnchorLine[], index: HunkIndex, options: AnchorOptions = {}): Anchor[] {
  if (index.size === 0 || lines.length === 0) return [];
  const cands = new Map<number, Candidate>();
  const hits = lines.map((l) => index.readLine(l.content));
  const consumed = new Uint8Array(lines.length);

  const credit = (pos: number, span: number, e: IndexEntry, kind: QuotedKind, keyLen: number): void => {
    const { postings, lines: hl } = e;
    for (let n = 0; n < postings.length; n++) {
      const p = postings[n];
      const ordinal = Math.floor(p / 8);
      let c = cands.get(ordinal);
      if (c === undefined) {
        // Short lines (`}`, `#endif`) may add to a candidate but never start one.
        if (keyLen < 4 && kind !== '@') continue;
      } else if (c.lastAt >= pos) continue;
      const bits = p & 7;
      const w = weightOf(kind, bits, keyLen);
      const h = nextOccurrence(hl[n], c === undefined ? -1 : c.lastH + 1);
      const change = isChange(kind, bits) ? 1 : 0;
      if (c === undefined) {
        // Made with its first match: a first push into [] reserves 17 slots, and most
        // candidates get a few matches only.
        c = { ordinal, score: 0, m: [pos, span, w, change, h], lastAt: -1, lastH: -2, body: 0, changes: 0 };
        cands.set(ordinal, c);
      } else c.m.push(pos, span, w, change, h);
      c.score += w;
      if (hits[pos].q.kind !== '@') c.body += w;
      c.changes += change;
      c.lastAt = pos + span - 1;
      c.lastH = h;
    }
  };

  for (let i = 0; i < lines.length; i++) {
    if (consumed[i]) continue;
    const hit = hits[i];
    const q = hit.q;
    if (!q.key) continue;
    const e = hit.entry ?? hit.loose;
    if (e) {
      if (e.postings.length <= MAX_POSTINGS) credit(i, 1, e, hit.entry ? q.kind : '?', q.key.length);
      continue;
    }
    // Re-wrapped diff line: join the marker-less continuation lines that follow. Prose
    // (no diff marker) is not rejoined: it is most of what is quoted and never matches.
    if (q.kind === '?') continue;
    let joined = q.key;
    for (let n = 1; n < MAX_JOIN && i + n < lines.length; n++) {
      const next = hits[i + n].q;
      if (next.kind !== '?' || lines[i + n].depth !== lines[i].depth || !next.key) break;
      joined += next.key;
      const found = index.entry(joined);
      if (found && found.postings.length <= MAX_POSTINGS) {
        credit(i, n + 1, found, q.kind, joined.length);
        for (let k = 1; k <= n; k++) consumed[i + k] = 1;
        break;
      }
    }
  }

  const viable: Candidate[] = [];
  for (const c of cands.values()) {
    if (!mayPass(c)) continue;
    inOrder(c);
    viable.push(c);
  }
  const rank = options.rank ?? (() => 1000);
  const ordered = viable
    .map((c) => {
      const r = rank(index.hunks[c.ordinal]);
      return { c, r, eff: c.score * (r < 1000 ? ANCESTOR_BOOST : 1) };
    })
    .sort((a, b) => b.eff - a.eff || a.r - b.r || a.c.ordinal - b.c.ordinal);

  const claimed = new Uint8Array(lines.length);
  const out: Anchor[] = [];
  for (const { c } of ordered) {
    let score = 0;
    let header = 0;
    let changed = 0;
    let matched = 0;
    let first = -1;
    let last = -1;
    const m = c.m;
    for (let k = 0; k < m.length; k += STRIDE) {
      const pos = m[k + AT];
      if (claimed[pos]) continue;
      const tail = pos + m[k + LEN] - 1;
      const w = m[k + W];
      score += w;
      if (hits[pos].q.kind === '@') header += w;
      if (m[k + CH]) changed++;
      if (w > 0) matched++;
      if (first < 0 || pos < first) first = pos;
      if (tail > last) last = tail;
    }
    // A hunk header helps choose between hunks but is no evidence alone: its numbers recur across versions.
    const content = score - header;
    if (content < 1 || (changed === 0 && content < 2)) continue;
    // Depths are counted for accepted candidates only, over the same unclaimed matches.
    const depths = new Map<number, number>();
    for (let k = 0; k < m.length; k += STRIDE) {
      const pos = m[k + AT];
      if (claimed[pos]) continue;
      const d = lines[pos].depth;
      depths.set(d, (depths.get(d) ?? 0) + 1);
    }
    for (let k = 0; k < m.length; k += STRIDE) claimed.fill(1, m[k + AT], m[k + AT] + m[k + LEN]);
    let depth = lines[first].depth;
    let best = 0;
    for (const [d, n] of depths) if (n > best) [depth, best] = [d, n];
    out.push({
      hunk: index.hunks[c.ordinal].key,
      first: lines[first].index,
      last: lines[last].index,
      matched,
      changed,
      depth,
    });
  }
  return out.sort((a, b) => a.first - b.first);
}

/**
 * The chain's work arrays, reused from call to call (inOrder is synchronous and never
 * re-entered): hundreds of candidates per thread need them, and fresh typed arrays for each
 * were a visible share of anchoring's allocation.
 */
let work = { treeVal: new Float64Array(256), treeIdx: new Int32Array(256), best: new Float64Array(64), prev: new Int32Array(64) };

/** Work arrays larger than this (a hostile hunk's) are not kept after the call. */
const KEEP_WORK = 1 << 16;

function scratch(tree: number, n: number): typeof work {
  if (tree > KEEP_WORK || n > KEEP_WORK) {
    return { treeVal: new Float64Array(tree), treeIdx: new Int32Array(tree), best: new Float64Array(n), prev: new Int32Array(n) };
  }
  if (work.treeVal.length < tree || work.best.length < n) {
    const t = Math.max(tree, work.treeVal.length * 2);
    const b = Math.max(n, work.best.length * 2);
    work = { treeVal: new Float64Array(t), treeIdx: new Int32Array(t), best: new Float64Array(b), prev: new Int32Array(b) };
  }
  return work;
}

/**
 * Keep the heaviest run of matches that follows the hunk's own line order (increasing hunk
 * line as the quote goes on; a line quoted twice counts once). Lines such as `end_creating(work);` or a comment close recur in
 * neighbouring hunks; without this a hunk would be credited with its neighbours' lines too.
 * Weighted longest chain with a Fenwick tree of prefix maxima over hunk line numbers.
 */
function inOrder(c: Candidate): void {
  const m = c.m;
  const n = m.length / STRIDE;
  if (n < 2) return;
  const hline = (i: number): number => m[i * STRIDE + HL];
  // Weights are positive, so a quote that follows the hunk strictly in order is its own
  // heaviest chain: the usual case, and it needs no tree.
  let ordered = true;
  for (let i = 1; i < n && ordered; i++) ordered = hline(i) > hline(i - 1);
  if (ordered) return;
  let top = 0;
  for (let i = 0; i < n; i++) if (hline(i) + 2 > top) top = hline(i) + 2;
  const { treeVal, treeIdx, best, prev } = scratch(top + 1, n);
  // treeIdx is read only where treeVal was raised, and best/prev are written before read.
  treeVal.fill(0, 0, top + 1);
  let end = -1;
  for (let i = 0; i < n; i++) {
    const pos = hline(i) + 2; // header (-1) becomes 1
    let v = 0;
    let from = -1;
    for (let j = pos - 1; j > 0; j -= j & -j) {
      if (treeVal[j] > v) {
        v = treeVal[j];
        from = treeIdx[j];
      }
    }
    best[i] = v + m[i * STRIDE + W];
    prev[i] = from;
    for (let j = pos; j <= top; j += j & -j) {
      if (best[i] > treeVal[j]) {
        treeVal[j] = best[i];
        treeIdx[j] = i;
      }
    }
    if (end < 0 || best[i] > best[end]) end = i;
  }
  const keep: number[] = [];
  for (let i = end; i >= 0; i = prev[i]) keep.push(i);
  if (keep.length === n) return;
  // The chain, ascending, moved to the front of `m` in place: a kept match never lands
  // after where it was.
  let score = 0;
  let to = 0;
  for (let k = keep.length - 1; k >= 0; k--) {
    const from = keep[k] * STRIDE;
    score += m[from + W];
    for (let f = 0; f < STRIDE; f++) m[to++] = m[from + f];
  }
  m.length = to;
  c.score = score;
}

