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
  /**
   * Per text: its postings and, parallel to them, the hunk lines with that text, ascending
   * (-1 for the header). One map, so building the index hashes each line once.
   */
  private readonly byKey = new Map<string, { postings: number[]; lines: number[][] }>();

  constructor(hunks: Iterable<Hunk> = []) {
    for (const h of hunks) this.add(h);
  }

  add(hunk: Hunk): IndexedHunk {
    const ih: IndexedHunk = { key: hunkKey(hunk), hunk, ordinal: this.hunks.length };
    this.hunks.push(ih);
    if (!hunk.headerInferred) {
      this.post(hunkHeaderKey(hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines), ih.ordinal, HEADER, -1);
    }
    const lines = hunk.lines;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const k = squash(l.text);
      if (k) this.post(k, ih.ordinal, l.kind === '+' ? PLUS : l.kind === '-' ? MINUS : CONTEXT, i);
    }
    return ih;
  }

  private post(key: string, ordinal: number, bits: number, line: number): void {
    let e = this.byKey.get(key);
    if (!e) {
      e = { postings: [], lines: [] };
      this.byKey.set(key, e);
    }
    const list = e.postings;
    const last = list.length - 1;
    if (last >= 0 && Math.floor(list[last] / 8) === ordinal) {
      list[last] |= bits;
      e.lines[last].push(line);
    } else {
      list.push(ordinal * 8 + bits);
      e.lines.push([line]);
    }
  }

  lookup(key: string): readonly number[] | undefined {
    return key ? this.byKey.get(key)?.postings : undefined;
  }

  /** For each posting of `lookup(key)`, the hunk lines holding that text. */
  linesOf(key: string): readonly (readonly number[])[] {
    return this.byKey.get(key)?.lines ?? [];
  }

  get size(): number {
    return this.hunks.length;
  }
}
