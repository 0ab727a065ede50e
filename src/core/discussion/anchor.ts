import type { HunkIndex, IndexedHunk } from './hunk-index';
import { CONTEXT, MINUS, PLUS } from './hunk-index';
import { quotedKey, type QuotedKind } from './normalize';
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
const MAX_POSTINGS = 64;
/** A wrapped diff line is rejoined from at most this many pieces. */
const MAX_JOIN = 4;
const ANCESTOR_BOOST = 1.25;

interface Candidate {
  ordinal: number;
  score: number;
  /** Positions (into the AnchorLine array) with their weights and whether they were +/- matches. */
  at: number[];
  weight: number[];
  changed: boolean[];
  lastAt: number;
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
  const keys = lines.map((l) => quotedKey(l.content));
  const consumed = new Uint8Array(lines.length);

  const credit = (pos: number, span: number, postings: readonly number[], kind: QuotedKind, keyLen: number): void => {
    for (const p of postings) {
      const ordinal = Math.floor(p / 8);
      const { w, changed } = weightOf(kind, p & 7, keyLen);
      let c = cands.get(ordinal);
      if (!c) {
        // Short lines (`}`, `#endif`) may add to a candidate but never start one.
        if (keyLen < 4 && kind !== '@') continue;
        c = { ordinal, score: 0, at: [], weight: [], changed: [], lastAt: -1 };
        cands.set(ordinal, c);
      }
      if (c.lastAt >= pos) continue;
      for (let k = 0; k < span; k++) {
        c.at.push(pos + k);
        c.weight.push(k === 0 ? w : 0);
        c.changed.push(changed && k === 0);
      }
      c.score += w;
      c.lastAt = pos + span - 1;
    }
  };

  for (let i = 0; i < lines.length; i++) {
    if (consumed[i]) continue;
    const q = keys[i];
    if (!q.key) continue;
    let postings = index.lookup(q.key);
    let kind = q.kind;
    if (!postings && q.kind !== '?' && q.loose !== q.key) {
      postings = index.lookup(q.loose);
      kind = '?';
    }
    if (postings) {
      if (postings.length <= MAX_POSTINGS) credit(i, 1, postings, kind, q.key.length);
      continue;
    }
    // Re-wrapped line: join the marker-less continuation lines that follow.
    let joined = q.key;
    for (let n = 1; n < MAX_JOIN && i + n < lines.length; n++) {
      const next = keys[i + n];
      if (next.kind !== '?' || lines[i + n].depth !== lines[i].depth || !next.key) break;
      joined += next.key;
      const hit = index.lookup(joined);
      if (hit && hit.length <= MAX_POSTINGS) {
        credit(i, n + 1, hit, q.kind, joined.length);
        for (let k = 1; k <= n; k++) consumed[i + k] = 1;
        break;
      }
    }
  }

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
    let changed = 0;
    let matched = 0;
    let first = -1;
    let last = -1;
    const depths = new Map<number, number>();
    for (let k = 0; k < c.at.length; k++) {
      const pos = c.at[k];
      if (claimed[pos]) continue;
      score += c.weight[k];
      if (c.changed[k]) changed++;
      if (c.weight[k] > 0) matched++;
      if (first < 0 || pos < first) first = pos;
      if (pos > last) last = pos;
      const d = lines[pos].depth;
      depths.set(d, (depths.get(d) ?? 0) + 1);
    }
    if (score < 1 || (changed === 0 && score < 2)) continue;
    for (const pos of c.at) claimed[pos] = 1;
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
