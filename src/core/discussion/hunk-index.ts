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
  /** Parallel to `postings`: the hunk lines with that text, ascending (-1 for the header). */
  private readonly lineOf = new Map<string, number[][]>();

  constructor(hunks: Iterable<Hunk> = []) {
    for (const h of hunks) this.add(h);
  }

  add(hunk: Hunk): IndexedHunk {
    const ih: IndexedHunk = { key: hunkKey(hunk), hunk, ordinal: this.hunks.length };
    this.hunks.push(ih);
    if (!hunk.headerInferred) {
      this.post(hunkHeaderKey(hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines), ih.ordinal, HEADER, -1);
    }
    hunk.lines.forEach((l, i) => {
      const k = squash(l.text);
      if (k) this.post(k, ih.ordinal, l.kind === '+' ? PLUS : l.kind === '-' ? MINUS : CONTEXT, i);
    });
    return ih;
  }

  private post(key: string, ordinal: number, bits: number, line: number): void {
    let list = this.postings.get(key);
    let lines = this.lineOf.get(key);
    if (!list || !lines) {
      list = [];
      lines = [];
      this.postings.set(key, list);
      this.lineOf.set(key, lines);
    }
    const last = list.length - 1;
    if (last >= 0 && Math.floor(list[last] / 8) === ordinal) {
      list[last] |= bits;
      lines[last].push(line);
    } else {
      list.push(ordinal * 8 + bits);
      lines.push([line]);
    }
  }

  lookup(key: string): readonly number[] | undefined {
    return key ? this.postings.get(key) : undefined;
  }

  /** For each posting of `lookup(key)`, the hunk lines holding that text. */
  linesOf(key: string): readonly (readonly number[])[] {
    return this.lineOf.get(key) ?? [];
  }

  get size(): number {
    return this.hunks.length;
  }
}
