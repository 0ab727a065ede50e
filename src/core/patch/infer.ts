import type { Hunk, MessagePatches } from './types';

/**
 * Finds, in the patches being answered, the hunk a quote came from: quoted lines are
 * looked up whitespace-insensitively (mail clients turn tabs into spaces and re-indent),
 * and each hit votes for a (hunk, line shift) pair. Indexes are built once per answered
 * message and kept beside it.
 */
export interface Match {
  hunk: Hunk;
  /** Index in `hunk.lines` of the quote's first line. */
  at: number;
  votes: number;
}

type Index = Map<string, [number, number][]>;
const indexes = new WeakMap<MessagePatches, Index>();

/** Whitespace runs to one space, ends trimmed: quotes re-indent and turn tabs into spaces. */
export function normalize(text: string): string {
  // Most lines are already normal (no whitespace at the ends, single spaces inside, or
  // whitespace only at the start): then the text (or its tail) is the answer itself.
  {
    const n = text.length;
    let i = 0;
    while (i < n && isWs(text.charCodeAt(i))) i++;
    let ok = true;
    for (let k = i; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c === 32) {
        if (k + 1 >= n || isWs(text.charCodeAt(k + 1))) { ok = false; break; }
      } else if (isWs(c)) { ok = false; break; }
    }
    if (ok) return i === 0 ? text : text.slice(i);
  }
  let out = '';
  let space = false;
  let from = 0;
  let i = 0;
  const n = text.length;
  while (i < n && isWs(text.charCodeAt(i))) i++;
  from = i;
  for (; i < n; i++) {
    const ws = isWs(text.charCodeAt(i));
    if (ws && !space) { out += text.slice(from, i); space = true; }
    else if (!ws && space) { out += ' '; from = i; space = false; }
  }
  if (!space) out += text.slice(from);
  return out;
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 160;
}

function indexOf(mp: MessagePatches): Index {
  let idx = indexes.get(mp);
  if (idx) return idx;
  idx = new Map();
  // Changed lines identify a hunk; context lines would only add noise and cost. A message
  // with its own patch is matched on that patch, not on what it quotes.
  mp.hunks.forEach((h, hi) => {
    if (mp.hasPatch && h.quoted) return;
    h.lines.forEach((l, li) => {
      if (l.kind === ' ') return;
      const key = l.kind + normalize(l.text);
      if (key.length < 5) return;
      let list = idx!.get(key);
      if (!list) idx!.set(key, (list = []));
      if (list.length < 64) list.push([hi, li]);
    });
  });
  indexes.set(mp, idx);
  return idx;
}

export function findSource(quote: Hunk, answered: readonly MessagePatches[]): Match | undefined {
  let best: Match | undefined;
  for (const mp of answered) {
    if (mp.hunks.length === 0) continue;
    const idx = indexOf(mp);
    // Key: hunk index and line shift packed in one number.
    const SHIFT = 1 << 20;
    const votes = new Map<number, number>();
    quote.lines.forEach((l, qi) => {
      if (l.kind === ' ') return;
      const hits = idx.get(l.kind + normalize(l.text));
      if (!hits) return;
      for (const [hi, li] of hits) {
        const key = hi * 2 * SHIFT + (li - qi + SHIFT);
        votes.set(key, (votes.get(key) ?? 0) + 2);
      }
    });
    for (const [key, v] of votes) {
      const hi = Math.floor(key / (2 * SHIFT));
      const shift = (key % (2 * SHIFT)) - SHIFT;
      const h = mp.hunks[hi];
      // Same @@ numbers are strong evidence even for a short quote.
      const bonus = quote.oldStart > 0 && h.oldStart === quote.oldStart && h.newStart === quote.newStart ? 3 : 0;
      if (!best || v + bonus > best.votes) best = { hunk: h, at: shift, votes: v + bonus };
    }
    if (best && best.votes >= 4) break;
  }
  return best;
}

/** Old/new line numbers of the quote's first line, from its place in the source hunk. */
export function startsAt(m: Match): { oldStart: number; newStart: number } {
  let o = m.hunk.oldStart;
  let n = m.hunk.newStart;
  for (let i = 0; i < m.at && i < m.hunk.lines.length; i++) {
    const k = m.hunk.lines[i].kind;
    if (k !== '+') o++;
    if (k !== '-') n++;
  }
  return { oldStart: o, newStart: n };
}
