/*
 * GCC attributes as the declaration parser needs them: the ones that change layouts
 * (aligned, packed, mode, randomize_layout) are kept, the rest skipped, and those whose
 * effect is not modelled make the type refuse to lay out.
 */
import type { BaseName, CType, Expr, SourcePos } from './ctypes';
import { resolveType, typeName } from './ctypes';
import { type Cursor, describe } from './parse-cursor';
import type { ExprParser } from './parse-expr';

export interface Attrs {
  aligned: Expr[];
  packed: boolean;
  /** `mode(QI|HI|SI|DI|TI…)`: the declared integer type is replaced by one of that width. */
  mode?: string;
  /** Attributes that change a layout in ways not modelled (vector_size, ms_struct…): laying out must refuse. */
  unsupported?: string[];
  randomize?: boolean;
}

const MODE_BITS: Record<string, number> = { QI: 8, HI: 16, SI: 32, DI: 64, TI: 128, byte: 8 };
const UNSUPPORTED_ATTRS = new Set(['vector_size', 'ms_struct', 'scalar_storage_order']);

/** The marker `aligned` without an argument leaves for the ABI to fill in (BIGGEST_ALIGNMENT). */
export const BARE_ALIGNED: Expr = { kind: 'num', value: 0n, unsigned: false, long: -1 };

export function emptyAttrs(): Attrs {
  return { aligned: [], packed: false };
}

export function parseAttributes(c: Cursor, ex: ExprParser, into: Attrs): void {
  c.next();
  c.expect('(', 'after __attribute__');
  c.expect('(', 'after __attribute__(');
  while (!c.is(')')) {
    if (c.accept(',')) continue;
    const t = c.next();
    if (t.kind !== 'ident') throw c.error(`expected an attribute name but found ${describe(t)}`, t);
    const w = t.text;
    const name = w.length > 4 && w.startsWith('__') && w.endsWith('__') ? w.slice(2, -2) : w;
    if (name === 'aligned') {
      if (c.accept('(')) {
        into.aligned.push(ex.assignment());
        c.expect(')', 'after aligned(');
      } else into.aligned.push(BARE_ALIGNED);
    } else if (name === 'packed') {
      into.packed = true;
      if (c.is('(')) c.skipGroup(false);
    } else if (name === 'mode' && c.is('(')) {
      const arg = c.skipGroup();
      into.mode = arg.length === 1 ? arg[0].text.replace(/^__(.*)__$/, '$1') : '?';
    } else if (name === 'randomize_layout') {
      into.randomize = true;
    } else if (UNSUPPORTED_ATTRS.has(name)) {
      (into.unsupported ??= []).push(name);
      if (c.is('(')) c.skipGroup(false);
    } else if (c.is('(')) c.skipGroup(false);
  }
  c.expect(')');
  c.expect(')', 'closing __attribute__');
}

/** Applies `mode(...)` and refuses unmodelled layout attributes by turning the type into an unknown one. */
export function withTypeAttrs(t: CType, a: Attrs | undefined, pos: SourcePos): CType {
  if (!a) return t;
  if (a.unsupported?.length) return { kind: 'unknown', name: `${typeName(t)} __attribute__((${a.unsupported.join(', ')}))`, pos, reason: `attribute ${a.unsupported.join(', ')} is not modelled` };
  if (a.mode) {
    const bits = MODE_BITS[a.mode];
    const r = resolveType(t);
    if (!bits || r.kind !== 'base') return { kind: 'unknown', name: `${typeName(t)} __attribute__((mode(${a.mode})))`, pos, reason: `mode(${a.mode}) is not modelled` };
    const u = r.name.startsWith('unsigned') ? 'unsigned ' : bits === 8 ? 'signed ' : '';
    const base = bits === 8 ? 'char' : bits === 16 ? 'short' : bits === 32 ? 'int' : bits === 64 ? 'long long' : '__int128';
    return { kind: 'base', name: `${u}${base}` as BaseName };
  }
  return t;
}
