import type { Hunk } from '../patch/types';
import { hunkKey } from './hunk-key';
import { hunkHeaderKey, quotedKey, squash, type QuotedKey } from './normalize';

export interface IndexedHunk {
  key: string;
  hunk: Hunk;
  ordinal: number;
}

/**
 * Postings of one text (`ordinal * 8 + kind bits`, one per hunk) and, parallel to them, the
 * hunk lines with that text, ascending (-1 for the header): one number for a text the hunk
 * has once, as most are, so the index does not make an array per posting.
 */
export interface IndexEntry {
  postings: number[];
  lines: (number | number[])[];
}

/** A quoted line as read against an index: its key, and the entries of its text and of its loose text. */
export interface LineHit {
  q: QuotedKey;
  entry: IndexEntry | undefined;
  /** Set only when `entry` is not: the +/- line read as a context line that lost its leading space. */
  loose: IndexEntry | undefined;
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
  /** Entries by whitespace-free text; one map, so building the index hashes each line once. */
  private readonly byKey = new Map<string, IndexEntry>();
  /** Quoted lines already read, by content: quoted text recurs from reply to reply in a thread. */
  private readonly read = new Map<string, LineHit>();

  /**
   * @param keys whitespace-free text by line text, shared by the indexes of one linking: a
   * thread's hunks repeat their lines (the same hunk quoted reply after reply, context
   * shared by neighbouring hunks), so most lines are squashed once, not once per copy.
   */
  constructor(hunks: Iterable<Hunk> = [], private readonly keys: Map<string, string> = new Map()) {
    for (const h of hunks) this.add(h);
  }

  add(hunk: Hunk): IndexedHunk {
    this.read.clear();
    const ih: IndexedHunk = { key: hunkKey(hunk), hunk, ordinal: this.hunks.length };
    this.hunks.push(ih);
    if (!hunk.headerInferred) {
      this.post(hunkHeaderKey(hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines), ih.ordinal, HEADER, -1);
    }
    const lines = hunk.lines;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const k = this.squashed(l.text);
      if (k) this.post(k, ih.ordinal, l.kind === '+' ? PLUS : l.kind === '-' ? MINUS : CONTEXT, i);
    }
    return ih;
  }

  /** squash, memoized in the linking's shared map. */
  private readonly squashed = (text: string): string => {
    let k = this.keys.get(text);
    if (k === undefined) {
      k = squash(text);
      this.keys.set(text, k);
    }
    return k;
  };

  private post(key: string, ordinal: number, bits: number, line: number): void {
    const e = this.byKey.get(key);
    if (!e) {
      // Literals of one element: a first push into [] reserves 17 slots, and most texts
      // are in one hunk only.
      this.byKey.set(key, { postings: [ordinal * 8 + bits], lines: [line] });
      return;
    }
    const list = e.postings;
    const last = list.length - 1;
    if (last >= 0 && Math.floor(list[last] / 8) === ordinal) {
      list[last] |= bits;
      const seen = e.lines[last];
      if (typeof seen === 'number') e.lines[last] = [seen, line];
      else seen.push(line);
    } else {
      list.push(ordinal * 8 + bits);
      e.lines.push(line);
    }
  }

  entry(key: string): IndexEntry | undefined {
    return key ? this.byKey.get(key) : undefined;
  }

  /** One quoted line (quote markers removed) read against the index. */
  readLine(content: string): LineHit {
    let hit = this.read.get(content);
    if (!hit) {
      const q = quotedKey(content, this.squashed);
      const entry = this.entry(q.key);
      // A +/- line may be a context line that lost its leading space: its text with the
      // marker kept (squash leaves the marker, so that is the marker and the key).
      const loose = !entry && (q.kind === '+' || q.kind === '-') ? this.entry(q.kind + q.key) : undefined;
      hit = { q, entry, loose };
      this.read.set(content, hit);
    }
    return hit;
  }

  get size(): number {
    return this.hunks.length;
  }
}
