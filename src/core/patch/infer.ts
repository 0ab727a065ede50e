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

export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function indexOf(mp: MessagePatches): Index {
  let idx = indexes.get(mp);
  if (idx) return idx;
  idx = new Map();
  mp.hunks.forEach((h, hi) => {
    h.lines.forEach((l, li) => {
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
    const votes = new Map<string, number>();
    quote.lines.forEach((l, qi) => {
      const hits = idx.get(l.kind + normalize(l.text));
      if (!hits) return;
      for (const [hi, li] of hits) {
        const key = `${hi}:${li - qi}`;
        votes.set(key, (votes.get(key) ?? 0) + (l.kind === ' ' ? 1 : 2));
      }
    });
    for (const [key, v] of votes) {
      const [hi, shift] = key.split(':').map(Number);
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
