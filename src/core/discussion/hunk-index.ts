import type { Hunk } from '../patch/types';
import { hunkKey } from './hunk-key';
import { hunkHeaderKey, squash } from './normalize';

export interface IndexedHunk {
  key: string;
  hunk: Hunk;
  ordinal: number;
}

/** Bits of a posting: which kinds of line the hunk has with that text. */
export const PLUS = 1;
export const MINUS = 2;
export const CONTEXT = 4;
export const HEADER = 0;

/**
 * Hunk lines by whitespace-free text, so a quoted line finds the hunks holding it in one
 * map lookup. A posting is `ordinal * 8 + kind bits`, one per (text, hunk).
 */
export class HunkIndex {
  readonly hunks: IndexedHunk[] = [];
  private readonly postings = new Map<string, number[]>();

  constructor(hunks: Iterable<Hunk> = []) {
    for (const h of hunks) this.add(h);
  }

  add(hunk: Hunk): IndexedHunk {
    const ih: IndexedHunk = { key: hunkKey(hunk), hunk, ordinal: this.hunks.length };
    this.hunks.push(ih);
    if (!hunk.headerInferred) {
      this.post(hunkHeaderKey(hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines), ih.ordinal, HEADER);
    }
    for (const l of hunk.lines) {
      const k = squash(l.text);
      if (k) this.post(k, ih.ordinal, l.kind === '+' ? PLUS : l.kind === '-' ? MINUS : CONTEXT);
    }
    return ih;
  }

  private post(key: string, ordinal: number, bits: number): void {
    let list = this.postings.get(key);
    if (!list) {
      list = [];
      this.postings.set(key, list);
    }
    const last = list.length - 1;
    if (last >= 0 && Math.floor(list[last] / 8) === ordinal) list[last] |= bits;
    else list.push(ordinal * 8 + bits);
  }

  lookup(key: string): readonly number[] | undefined {
    return key ? this.postings.get(key) : undefined;
  }

  get size(): number {
    return this.hunks.length;
  }
}
