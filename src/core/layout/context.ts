/*
 * Sizes and alignments of C types under one ABI, mirroring GCC's TYPE_SIZE/TYPE_ALIGN
 * and the flags its field layout consults (TYPE_USER_ALIGN, TYPE_ATOMIC, scalar modes).
 */
import type { CType, EnumDecl, Expr, RecordDecl, TranslationUnit } from '../c/ctypes';
import { resolveType, typeName } from '../c/ctypes';
import { ABIS, type Abi } from './abi';
import { LayoutError } from './errors';
import { evalExpr, exprType } from './eval';
import { layoutRecord, type RecordInfo } from './record';
import type { AbiName } from './types';

export interface TypeInfo {
  /** Bytes; 0 for `[]` arrays. */
  size: number;
  /** Bytes (TYPE_ALIGN). */
  align: number;
  /** Alignment came from an `aligned` attribute somewhere (TYPE_USER_ALIGN). */
  userAlign: boolean;
  /**
   * GCC's machine mode class: `int` (integer modes), `capfloat` (DFmode/DCmode) — both capped
   * at 4 as i386 fields — `float` (other float modes), `blk` (no scalar mode).
   */
  mode: Mode;
  /** Mode of the innermost array element (the type itself when not an array): what i386 caps by. */
  elemMode: Mode;
  atomic: boolean;
  /** Integer types (including enums and _Bool) that may be bit-fields. */
  integer?: { signed: boolean };
}

export type Mode = 'int' | 'capfloat' | 'float' | 'blk';

/**
 * Lays out the types of one translation unit under one ABI. Results are cached by
 * declaration, so a declaration must not change after a context has laid it out: build
 * a new context (cheap) to lay out an edited struct.
 */
export class LayoutContext {
  readonly abi: Abi;
  private readonly infos = new Map<CType, TypeInfo>();
  private readonly records = new Map<RecordDecl, RecordInfo>();
  private readonly enums = new Map<EnumDecl, { info: TypeInfo; values: bigint[] }>();
  private readonly busy = new Set<object>();

  constructor(readonly unit: TranslationUnit, abi: AbiName) {
    this.abi = ABIS[abi];
  }

  info(t: CType): TypeInfo {
    let r = this.infos.get(t);
    if (!r) {
      r = this.compute(t);
      this.infos.set(t, r);
    }
    return r;
  }

  /** Alignment a field of this type gets when nothing overrides it (ADJUST_FIELD_ALIGN). */
  fieldAlign(info: TypeInfo, alignBits: number): number {
    const cap = this.abi.fieldAlignCap;
    if (cap && (info.elemMode === 'int' || info.elemMode === 'capfloat') && !info.atomic) return Math.min(alignBits, cap * 8);
    return alignBits;
  }

  /** Sizes with an integer machine mode (MAX_FIXED_MODE_SIZE is 64 bits on 32-bit targets). */
  intModeSize(size: number): boolean {
    return size === 1 || size === 2 || size === 4 || size === 8 || (size === 16 && this.abi.pointer === 8);
  }

  /** compute_record_mode: BLKmode if a member is; a member covering the whole record lends its mode. */
  private recordMode(kind: 'struct' | 'union', r: RecordInfo): Mode {
    let whole: Mode | undefined;
    for (const f of r.fields) {
      const flexible = f.field.type.kind === 'array' && f.field.type.length === undefined;
      if (flexible || (f.info.mode === 'blk' && f.info.size > 0)) return 'blk';
      if (whole === undefined && f.bits === r.size * 8 && r.size > 0) whole = f.bitField ? 'int' : f.info.mode;
    }
    if (whole !== undefined && whole !== 'blk' && (kind === 'struct' || whole === 'int')) return whole;
    return this.intModeSize(r.size) ? 'int' : 'blk';
  }

  eval(e: Expr): bigint {
    return evalExpr(this, e);
  }

  evalNumber(e: Expr, what: string): number {
    const v = this.eval(e);
    if (v < -(2n ** 52n) || v > 2n ** 52n) throw new LayoutError(`${what} out of range: ${v}`);
    return Number(v);
  }

  /** Largest of several `aligned(N)` attributes, in bytes; undefined when none. */
  alignAttr(list: Expr[] | undefined): number | undefined {
    if (!list || list.length === 0) return undefined;
    let a = 0;
    for (const e of list) {
      const v = e.kind === 'num' && e.value === 0n && e.long === -1 ? this.abi.biggestAlignment : this.evalNumber(e, 'alignment');
      if (v <= 0 || (v & (v - 1)) !== 0) throw new LayoutError(`requested alignment ${v} is not a positive power of 2`);
      a = Math.max(a, v);
    }
    return a;
  }

  record(decl: RecordDecl): RecordInfo {
    let r = this.records.get(decl);
    if (r) return r;
    if (decl.error) throw new LayoutError(`${decl.kind} ${decl.tag ?? '<anonymous>'} could not be parsed: ${decl.error}`);
    if (decl.randomized) {
      throw new LayoutError(`${decl.kind} ${decl.tag ?? '<anonymous>'} is __randomize_layout with CONFIG_RANDSTRUCT on: its member order depends on the build's random seed`);
    }
    if (!decl.fields) throw new LayoutError(`incomplete type '${decl.kind} ${decl.tag ?? '<anonymous>'}' (no definition seen)`);
    if (this.busy.has(decl)) throw new LayoutError(`'${decl.kind} ${decl.tag ?? '<anonymous>'}' contains itself`);
    this.busy.add(decl);
    try {
      r = layoutRecord(this, decl);
    } finally {
      this.busy.delete(decl);
    }
    this.records.set(decl, r);
    return r;
  }

  enumInfo(decl: EnumDecl): { info: TypeInfo; values: bigint[] } {
    let r = this.enums.get(decl);
    if (r) return r;
    if (!decl.enumerators) throw new LayoutError(`incomplete type 'enum ${decl.tag ?? '<anonymous>'}' (no definition seen)`);
    if (this.busy.has(decl)) throw new LayoutError(`enum ${decl.tag ?? '<anonymous>'} depends on itself`);
    this.busy.add(decl);
    try {
      r = this.computeEnum(decl, decl.enumerators.length);
    } finally {
      this.busy.delete(decl);
    }
    this.enums.set(decl, r);
    return r;
  }

  /** Value of enumerator `index`, computing only the ones before it (they may be used inside the enum). */
  enumValue(decl: EnumDecl, index: number): bigint {
    const done = this.enums.get(decl);
    if (done) return done.values[index];
    const list = decl.enumerators ?? [];
    let v = -1n;
    for (let i = 0; i <= index; i++) {
      const e = list[i];
      v = e.value ? this.eval(e.value) : v + 1n;
    }
    return v;
  }

  private computeEnum(decl: EnumDecl, count: number): { info: TypeInfo; values: bigint[] } {
    const values: bigint[] = [];
    for (let i = 0; i < count; i++) values.push(this.enumValue(decl, i));
    let min = 0n;
    let max = 0n;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const unsigned = min >= 0n;
    const prec = Math.max(minPrecision(min, unsigned), minPrecision(max, unsigned));
    let size = 4;
    if (decl.packed || prec > 32) {
      size = prec <= 8 ? 1 : prec <= 16 ? 2 : prec <= 32 ? 4 : prec <= 64 ? 8 : 16;
    }
    const base = this.abi.base[size === 1 ? 'char' : size === 2 ? 'short' : size === 4 ? 'int' : size === 8 ? 'long long' : '__int128'];
    if (!base) throw new LayoutError(`enum ${decl.tag ?? '<anonymous>'} needs ${size * 8}-bit values, unsupported on ${this.abi.name}`);
    const info: TypeInfo = { size, align: base.align, userAlign: false, mode: 'int', elemMode: 'int', atomic: false, integer: { signed: !unsigned } };
    const a = this.alignAttr(decl.aligned);
    if (a !== undefined) {
      info.align = Math.max(info.align, a);
      info.userAlign = true;
    }
    return { info, values };
  }

  private compute(t: CType): TypeInfo {
    switch (t.kind) {
      case 'base': {
        const b = this.abi.base[t.name];
        if (!b) throw new LayoutError(`type '${t.name}' is not supported on ${this.abi.name}`);
        const integer = /float|double|void|Complex|Float|_float/.test(t.name) ? undefined : { signed: !/unsigned|_Bool/.test(t.name) };
        // i386 caps integer, DFmode and DCmode fields; __float128 (TFmode) keeps its 16.
        const mode: Mode = integer ? 'int' : t.name === 'double' || t.name === 'double _Complex' ? 'capfloat' : t.name === 'void' ? 'blk' : 'float';
        return { size: b.size, align: b.align, userAlign: false, mode, elemMode: mode, atomic: false, integer };
      }
      case 'pointer':
        return { size: this.abi.pointer, align: this.abi.pointer, userAlign: false, mode: 'int', elemMode: 'int', atomic: false };
      case 'function':
        return { size: 1, align: 1, userAlign: false, mode: 'blk', elemMode: 'blk', atomic: false };
      case 'array': {
        let el = this.info(t.of);
        // GCC lays arrays of an _Atomic struct or union out with the unqualified element's alignment.
        const elt = resolveType(t.of);
        if (elt.kind === 'atomic' && resolveType(elt.type).kind === 'record') el = { ...this.info(elt.type), atomic: true };
        const n = t.length ? this.evalNumber(t.length, 'array length') : 0;
        if (n < 0) throw new LayoutError(`array '${typeName(t)}' has negative length ${n}`);
        if (el.size > 0 && el.size % el.align !== 0) throw new LayoutError(`alignment of array elements is greater than element size in '${typeName(t)}'`);
        const size = el.size * n;
        if (size > 2 ** 48) throw new LayoutError(`array '${typeName(t)}' is too large (${size} bytes)`);
        // mode_for_array: one element keeps the element's mode, otherwise an integer mode of the size.
        const mode: Mode = el.mode === 'blk' ? 'blk' : n === 1 ? el.mode : this.intModeSize(size) ? 'int' : 'blk';
        return { ...el, integer: undefined, size, mode };
      }
      case 'record': {
        const r = this.record(t.decl);
        // GCC gives a record an integer mode (which i386 caps as a field) unless a member has no size.
        const mode = this.recordMode(t.decl.kind, r);
        return { size: r.size, align: r.align, userAlign: r.userAlign, mode, elemMode: mode, atomic: false };
      }
      case 'enum':
        return this.enumInfo(t.decl).info;
      case 'typedef': {
        const inner = this.info(t.type);
        if (!t.aligned) return inner;
        const a = this.alignAttr([t.aligned]);
        return { ...inner, align: a ?? inner.align, userAlign: true };
      }
      case 'atomic': {
        const inner = this.info(t.type);
        // Sizes with an atomic machine mode get that alignment (16 bytes: TImode, which 32-bit arm lacks).
        const lockFree = [1, 2, 4, 8].includes(inner.size) || (inner.size === 16 && this.abi.name !== 'arm');
        return { ...inner, atomic: true, align: lockFree ? Math.max(inner.align, inner.size) : inner.align };
      }
      case 'typeof':
        return this.info(exprType(this, t.expr));
      case 'unknown':
        if (t.reason) throw new LayoutError(`cannot lay out '${t.name}': ${t.reason} (${t.pos.file}:${t.pos.offset})`);
        throw new LayoutError(`unknown type '${t.name}' (${t.pos.file}:${t.pos.offset})`);
    }
  }
}

function minPrecision(v: bigint, unsigned: boolean): number {
  if (v < 0n) v = -v - 1n;
  let bits = 0;
  while (v > 0n) {
    bits++;
    v >>= 1n;
  }
  return Math.max(bits, 1) + (unsigned ? 0 : 1);
}
