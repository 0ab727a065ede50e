import type { TranslationUnit } from './ctypes';

/*
 * The undo log of one declaration parse. A patched header changes the tokens only from
 * some point on; with this log the unit can be taken back to the last file-scope
 * declaration before that point, the rest parsed anew, and the unit then put back as it
 * was — the same objects a full parse of the patched tokens would build, at a tenth of
 * the work.
 */

type Op =
  | { map: Map<string, unknown>; key: string; had: boolean; prev: unknown }
  | { obj: Record<string, unknown>; prev: Record<string, unknown> };

/** What rewind() took away, to put back with replay(). */
export interface Rewound {
  ops: Op[];
  /** The state each op produced, parallel to `ops`. */
  after: unknown[];
  diagnostics: TranslationUnit['diagnostics'];
}

/** Tokens the parser may look at past the end of a declaration (`}` `;`, `( *`). */
export const LOOKAHEAD = 4;

export class UnitJournal {
  /** Token index where each file-scope declaration starts, ascending. */
  readonly starts: number[] = [];
  /** Log length and diagnostics count at each of those starts. */
  private readonly marks: number[] = [];
  private readonly diagMarks: number[] = [];
  private readonly ops: Op[] = [];

  private readonly diagnosticsAtStart: number;

  constructor(private readonly unit: TranslationUnit) {
    this.diagnosticsAtStart = unit.diagnostics.length;
  }

  mark(token: number): void {
    this.starts.push(token);
    this.marks.push(this.ops.length);
    this.diagMarks.push(this.unit.diagnostics.length);
  }

  set<V>(map: Map<string, V>, key: string, value: V): void {
    this.ops.push({ map: map as Map<string, unknown>, key, had: map.has(key), prev: map.get(key) });
    map.set(key, value);
  }

  /** Before an object already in the unit (a forward-declared tag) is completed. */
  touch(obj: object): void {
    const o = obj as Record<string, unknown>;
    this.ops.push({ obj: o, prev: { ...o } });
  }

  /** The last declaration start that tokens before `same` alone decide, or -1. */
  boundaryBefore(same: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] + LOOKAHEAD <= same) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Takes the unit back to how it stood at declaration start `k` (an index into `starts`; -1: when the log began). */
  rewind(k: number): Rewound {
    const from = k < 0 ? 0 : this.marks[k];
    const ops = this.ops.slice(from);
    const after: unknown[] = new Array(ops.length);
    for (let j = ops.length - 1; j >= 0; j--) {
      const op = ops[j];
      if ('map' in op) {
        after[j] = op.map.has(op.key) ? { v: op.map.get(op.key) } : undefined;
        if (op.had) op.map.set(op.key, op.prev);
        else op.map.delete(op.key);
      } else {
        after[j] = { ...op.obj };
        assignExactly(op.obj, op.prev);
      }
    }
    const diagnostics = this.unit.diagnostics.splice(k < 0 ? this.diagnosticsAtStart : this.diagMarks[k]);
    return { ops, after, diagnostics };
  }

  /** Undoes everything this log holds (a parse on a unit lent to it). */
  discard(): void {
    this.rewind(-1);
    this.ops.length = 0;
    this.starts.length = 0;
    this.marks.length = 0;
    this.diagMarks.length = 0;
  }

  /** Redoes what rewind() took away. */
  replay(r: Rewound): void {
    for (let j = 0; j < r.ops.length; j++) {
      const op = r.ops[j];
      const a = r.after[j];
      if ('map' in op) {
        if (a) op.map.set(op.key, (a as { v: unknown }).v);
        else op.map.delete(op.key);
      } else assignExactly(op.obj, a as Record<string, unknown>);
    }
    this.unit.diagnostics.push(...r.diagnostics);
  }
}

function assignExactly(obj: Record<string, unknown>, state: Record<string, unknown>): void {
  for (const key of Object.keys(obj)) if (!(key in state)) delete obj[key];
  Object.assign(obj, state);
}
