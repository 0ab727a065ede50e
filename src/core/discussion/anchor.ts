import type { HunkIndex, IndexedHunk } from './hunk-index';
import { CONTEXT, MINUS, PLUS } from './hunk-index';
import { quotedKey, type QuotedKey, type QuotedKind } from './normalize';
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
  /** Keys of lines already read: quoted text recurs from reply to reply in a thread. */
  keyCache?: Map<string, QuotedKey>;
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

interface Candidate {
  ordinal: number;
  score: number;
  /** Positions (into the AnchorLine array) with their weights and whether they were +/- matches. */
  at: number[];
  /** Lines each match covers (more than one for a re-wrapped line). */
  len: number[];
  weight: number[];
  changed: boolean[];
  /** Hunk line index of each entry of `at`, to keep only matches in the hunk's order. */
  hline: number[];
  lastAt: number;
  lastH: number;
}

/** The first occurrence at or after `after` of a line repeated in a hunk, else its first one. */
function nextOccurrence(occ: readonly number[] | undefined, after: number): number {
  if (!occ || occ.length === 0) return 0;
  for (const o of occ) if (o >= after) return o;
  return occ[0];
}

function weightOf(kind: QuotedKind, bits: number, keyLen: number): { w: number; changed: boolean } {
  if (kind === '@') return { w: 3, changed: false };
  const long = keyLen >= 12 ? 1 : keyLen >= 4 ? 0.5 : 0.1;
  if ((kind === '+' && bits & PLUS) || (kind === '-' && bits & MINUS)) return { w: long, changed: true };
  if (bits & CONTEXT || kind === '?' || kind === ' ') return { w: long / 2, changed: false };
  return { w: long / 4, changed: false };
}

/**
 * Match quoted lines to the hunks they reproduce. A quote may span several hunks; each
 * accepted anchor claims the lines it explains, best-scoring hunk first, so a second
 * version of the same patch only wins the lines the first did not explain.
 */
export function anchorQuote(lines: readonly AnchorLine[], index: HunkIndex, options: AnchorOptions = {}): Anchor[] {
  if (index.size === 0 || lines.length === 0) return [];
  const cands = new Map<number, Candidate>();
  const cache = options.keyCache;
  const keys = lines.map((l) => {
    if (!cache) return quotedKey(l.content);
    let k = cache.get(l.content);
    if (!k) {
      k = quotedKey(l.content);
      cache.set(l.content, k);
    }
    return k;
  });
  const consumed = new Uint8Array(lines.length);

  const credit = (pos: number, span: number, key: string, postings: readonly number[], kind: QuotedKind, keyLen: number): void => {
    const hl = index.linesOf(key);
    for (let n = 0; n < postings.length; n++) {
      const p = postings[n];
      const ordinal = Math.floor(p / 8);
      const { w, changed } = weightOf(kind, p & 7, keyLen);
      let c = cands.get(ordinal);
      if (!c) {
        // Short lines (`}`, `#endif`) may add to a candidate but never start one.
        if (keyLen < 4 && kind !== '@') continue;
        c = { ordinal, score: 0, at: [], len: [], weight: [], changed: [], hline: [], lastAt: -1, lastH: -2 };
        cands.set(ordinal, c);
      }
      if (c.lastAt >= pos) continue;
      c.at.push(pos);
      c.len.push(span);
      c.weight.push(w);
      c.changed.push(changed);
      c.hline.push(nextOccurrence(hl[n], c.lastH + 1));
      c.score += w;
      c.lastAt = pos + span - 1;
      c.lastH = c.hline[c.hline.length - 1];
    }
  };

  for (let i = 0; i < lines.length; i++) {
    if (consumed[i]) continue;
    const q = keys[i];
    if (!q.key) continue;
    let key = q.key;
    let postings = index.lookup(key);
    let kind = q.kind;
    if (!postings && q.kind !== '?' && q.loose !== q.key) {
      key = q.loose;
      postings = index.lookup(key);
      kind = '?';
    }
    if (postings) {
      if (postings.length <= MAX_POSTINGS) credit(i, 1, key, postings, kind, q.key.length);
      continue;
    }
    // Re-wrapped diff line: join the marker-less continuation lines that follow. Prose
    // (no diff marker) is not rejoined: it is most of what is quoted and never matches.
    if (q.kind === '?') continue;
    let joined = q.key;
    for (let n = 1; n < MAX_JOIN && i + n < lines.length; n++) {
      const next = keys[i + n];
      if (next.kind !== '?' || lines[i + n].depth !== lines[i].depth || !next.key) break;
      joined += next.key;
      const hit = index.lookup(joined);
      if (hit && hit.length <= MAX_POSTINGS) {
        credit(i, n + 1, joined, hit, q.kind, joined.length);
        for (let k = 1; k <= n; k++) consumed[i + k] = 1;
        break;
      }
    }
  }

  for (const c of cands.values()) inOrder(c);
  const rank = options.rank ?? (() => 1000);
  const ordered = [...cands.values()]
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
    for (let k = 0; k < c.at.length; k++) {
      const pos = c.at[k];
      if (claimed[pos]) continue;
      const tail = pos + c.len[k] - 1;
      score += c.weight[k];
      if (keys[pos].kind === '@') header += c.weight[k];
      if (c.changed[k]) changed++;
      if (c.weight[k] > 0) matched++;
      if (first < 0 || pos < first) first = pos;
      if (tail > last) last = tail;
    }
    // A hunk header helps choose between hunks but is no evidence alone: its numbers recur across versions.
    const content = score - header;
    if (content < 1 || (changed === 0 && content < 2)) continue;
    // Depths are counted for accepted candidates only, over the same unclaimed matches.
    const depths = new Map<number, number>();
    for (const pos of c.at) {
      if (claimed[pos]) continue;
      const d = lines[pos].depth;
      depths.set(d, (depths.get(d) ?? 0) + 1);
    }
    c.at.forEach((pos, k) => claimed.fill(1, pos, pos + c.len[k]));
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
 * Keep the heaviest run of matches that follows the hunk's own line order (increasing hunk
 * line as the quote goes on; a line quoted twice counts once). Lines such as `end_creating(work);` or a comment close recur in
 * neighbouring hunks; without this a hunk would be credited with its neighbours' lines too.
 * Weighted longest chain with a Fenwick tree of prefix maxima over hunk line numbers.
 */
function inOrder(c: Candidate): void {
  const n = c.at.length;
  if (n < 2) return;
  // Weights are positive, so a quote that follows the hunk strictly in order is its own
  // heaviest chain: the usual case, and it needs no tree.
  let ordered = true;
  for (let i = 1; i < n && ordered; i++) ordered = c.hline[i] > c.hline[i - 1];
  if (ordered) return;
  let top = 0;
  for (const h of c.hline) if (h + 2 > top) top = h + 2;
  const treeVal = new Float64Array(top + 1);
  const treeIdx = new Int32Array(top + 1).fill(-1);
  const best = new Float64Array(n);
  const prev = new Int32Array(n).fill(-1);
  let end = -1;
  for (let i = 0; i < n; i++) {
    const pos = c.hline[i] + 2; // header (-1) becomes 1
    let v = 0;
    let from = -1;
    for (let j = pos - 1; j > 0; j -= j & -j) {
      if (treeVal[j] > v) {
        v = treeVal[j];
        from = treeIdx[j];
      }
    }
    best[i] = v + c.weight[i];
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
  keep.reverse();
  c.at = keep.map((i) => c.at[i]);
  c.len = keep.map((i) => c.len[i]);
  c.weight = keep.map((i) => c.weight[i]);
  c.changed = keep.map((i) => c.changed[i]);
  c.hline = keep.map((i) => c.hline[i]);
  c.score = c.weight.reduce((a, b) => a + b, 0);
}

