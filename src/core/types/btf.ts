import { BtfError } from './btf-error';
import { BtfKind, KIND_NAMES, extraBytes, hasTypeRef } from './btf-kinds';
import { elfSection, isElf } from './elf';

const MAGIC = 0xeb9f;
const MAX_KIND = BtfKind.Enum64;

export interface BtfMember {
  name: string;
  type: number;
  /** Bit offset of the member from the start of its aggregate. */
  bitOffset: number;
  /** Bit-field width from the kind_flag encoding; 0 for ordinary members. */
  bitfieldSize: number;
}

export interface BtfEnumValue {
  name: string;
  value: bigint;
}

// FNV-1a, 32-bit: cheap over short identifiers, and spreads them well enough for chains
const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * A parsed BTF blob. Records are indexed once (offsets and kinds, every reference
 * bounds-checked); names and members are decoded on demand so reading a whole kernel's
 * BTF stays cheap.
 */
export class Btf {
  /** Number of type ids including id 0 (void). */
  readonly count: number;
  readonly littleEndian: boolean;
  /** Where the type and string sections lie in `bytes` (split BTF is built on these). */
  readonly sections: { typeStart: number; typeLen: number; strStart: number; strLen: number };
  private readonly dv: DataView;
  private readonly recOff: Uint32Array;
  private readonly kinds: Uint8Array;
  private readonly strStart: number;
  private readonly strLen: number;
  private readonly strCache = new Map<number, string>();
  private readonly nameCache = new Map<string, number[]>();
  private nameIndex: { head: Int32Array; next: Int32Array; mask: number } | undefined;

  constructor(
    readonly bytes: Uint8Array,
    parts: { le: boolean; recOff: Uint32Array; kinds: Uint8Array; strStart: number; strLen: number; typeStart: number; typeLen: number },
  ) {
    this.sections = { typeStart: parts.typeStart, typeLen: parts.typeLen, strStart: parts.strStart, strLen: parts.strLen };
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.littleEndian = parts.le;
    this.recOff = parts.recOff;
    this.kinds = parts.kinds;
    this.strStart = parts.strStart;
    this.strLen = parts.strLen;
    this.count = parts.recOff.length;
  }

  private check(id: number): number {
    if (!Number.isInteger(id) || id <= 0 || id >= this.count) throw new BtfError(`BTF: type id ${id} out of range (1..${this.count - 1})`);
    return this.recOff[id];
  }

  private u32(o: number): number {
    return this.dv.getUint32(o, this.littleEndian);
  }

  /** The string at an offset of the string section (ASCII identifiers; other bytes kept as Latin-1). */
  str(off: number): string {
    const cached = this.strCache.get(off);
    if (cached !== undefined) return cached;
    if (off >= this.strLen) throw new BtfError(`BTF: string offset ${off} out of range`);
    const b = this.bytes;
    const end = this.strStart + this.strLen;
    let p = this.strStart + off;
    let s = '';
    while (p < end && b[p] !== 0) s += String.fromCharCode(b[p++]);
    this.strCache.set(off, s);
    return s;
  }

  kind(id: number): BtfKind {
    if (id === 0) return BtfKind.Unknown;
    this.check(id);
    return this.kinds[id] as BtfKind;
  }

  kindName(id: number): string {
    return KIND_NAMES[this.kind(id)] ?? 'UNKNOWN';
  }

  name(id: number): string {
    if (id === 0) return 'void';
    return this.str(this.u32(this.check(id)));
  }

  vlen(id: number): number {
    return this.u32(this.check(id) + 4) & 0xffff;
  }

  kindFlag(id: number): boolean {
    return (this.u32(this.check(id) + 4) & 0x80000000) !== 0;
  }

  /** The size word of sized kinds (INT, STRUCT, UNION, ENUM, ENUM64, FLOAT, DATASEC). */
  rawSize(id: number): number {
    return this.u32(this.check(id) + 8);
  }

  /** The referenced type of reference kinds (PTR, TYPEDEF, qualifiers, FUNC, VAR, tags…). */
  ref(id: number): number {
    const k = this.kind(id);
    if (!hasTypeRef(k)) throw new BtfError(`BTF: type ${id} (${KIND_NAMES[k]}) has no referenced type`);
    return this.u32(this.recOff[id] + 8);
  }

  /** INT details: encoding flags (1 signed, 2 char, 4 bool), bit offset and bit width. */
  intInfo(id: number): { encoding: number; offset: number; bits: number } {
    if (this.kind(id) !== BtfKind.Int) throw new BtfError(`BTF: type ${id} is not an INT`);
    const v = this.u32(this.recOff[id] + 12);
    return { encoding: (v >>> 24) & 0x0f, offset: (v >>> 16) & 0xff, bits: v & 0xff };
  }

  arrayInfo(id: number): { type: number; indexType: number; nelems: number } {
    if (this.kind(id) !== BtfKind.Array) throw new BtfError(`BTF: type ${id} is not an ARRAY`);
    const o = this.recOff[id] + 12;
    return { type: this.u32(o), indexType: this.u32(o + 4), nelems: this.u32(o + 8) };
  }

  members(id: number): BtfMember[] {
    const k = this.kind(id);
    if (k !== BtfKind.Struct && k !== BtfKind.Union) throw new BtfError(`BTF: type ${id} is not a struct or union`);
    const o = this.recOff[id];
    const info = this.u32(o + 4);
    const kflag = (info & 0x80000000) !== 0;
    const n = info & 0xffff;
    const out: BtfMember[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const m = o + 12 + i * 12;
      const off = this.u32(m + 8);
      out[i] = {
        name: this.str(this.u32(m)),
        type: this.u32(m + 4),
        bitOffset: kflag ? off & 0xffffff : off,
        bitfieldSize: kflag ? off >>> 24 : 0,
      };
    }
    return out;
  }

  /** Members without decoding their names (hot loops over every struct); `nameOff` indexes the string section. */
  forEachMember(id: number, fn: (nameOff: number, type: number, bitOffset: number, bitfieldSize: number) => void): void {
    const k = this.kind(id);
    if (k !== BtfKind.Struct && k !== BtfKind.Union) throw new BtfError(`BTF: type ${id} is not a struct or union`);
    const o = this.recOff[id];
    const info = this.u32(o + 4);
    const kflag = (info & 0x80000000) !== 0;
    const n = info & 0xffff;
    for (let i = 0; i < n; i++) {
      const m = o + 12 + i * 12;
      const off = this.u32(m + 8);
      fn(this.u32(m), this.u32(m + 4), kflag ? off & 0xffffff : off, kflag ? off >>> 24 : 0);
    }
  }

  /** True when the type has a non-empty name (no string decoding). */
  hasName(id: number): boolean {
    return id !== 0 && this.u32(this.check(id)) !== 0;
  }

  enumValues(id: number): BtfEnumValue[] {
    const k = this.kind(id);
    const o = this.recOff[id];
    const n = this.vlen(id);
    const signed = this.kindFlag(id);
    const out: BtfEnumValue[] = [];
    if (k === BtfKind.Enum) {
      for (let i = 0; i < n; i++) {
        const v = this.u32(o + 16 + i * 8);
        out.push({ name: this.str(this.u32(o + 12 + i * 8)), value: BigInt(signed ? v | 0 : v) });
      }
    } else if (k === BtfKind.Enum64) {
      for (let i = 0; i < n; i++) {
        const lo = BigInt(this.u32(o + 16 + i * 12));
        const hi = BigInt(this.u32(o + 20 + i * 12));
        const raw = (hi << 32n) | lo;
        out.push({ name: this.str(this.u32(o + 12 + i * 12)), value: signed ? BigInt.asIntN(64, raw) : raw });
      }
    } else {
      throw new BtfError(`BTF: type ${id} is not an enum`);
    }
    return out;
  }

  /** FUNC_PROTO parameters (name may be empty; a final type 0 means variadic). */
  params(id: number): { name: string; type: number }[] {
    if (this.kind(id) !== BtfKind.FuncProto) throw new BtfError(`BTF: type ${id} is not a FUNC_PROTO`);
    const o = this.recOff[id];
    const n = this.vlen(id);
    const out: { name: string; type: number }[] = [];
    for (let i = 0; i < n; i++) out.push({ name: this.str(this.u32(o + 12 + i * 8)), type: this.u32(o + 16 + i * 8) });
    return out;
  }

  /** DATASEC entries: variable type, offset and size. */
  datasecVars(id: number): { type: number; offset: number; size: number }[] {
    if (this.kind(id) !== BtfKind.Datasec) throw new BtfError(`BTF: type ${id} is not a DATASEC`);
    const o = this.recOff[id];
    const out: { type: number; offset: number; size: number }[] = [];
    for (let i = 0, n = this.vlen(id); i < n; i++) {
      const e = o + 12 + i * 12;
      out.push({ type: this.u32(e), offset: this.u32(e + 4), size: this.u32(e + 8) });
    }
    return out;
  }

  /** VAR linkage, or DECL_TAG component index (-1 for the whole declaration). */
  extraWord(id: number): number {
    const k = this.kind(id);
    if (k !== BtfKind.Var && k !== BtfKind.DeclTag) throw new BtfError(`BTF: type ${id} is not a VAR or DECL_TAG`);
    return this.dv.getInt32(this.recOff[id] + 12, this.littleEndian);
  }

  /**
   * Ids of every named type with this exact name (any kind), in id order. The first lookup
   * hashes every type's name bytes in place into chains (no string is decoded): on the
   * embedded snapshot's 42k types a cold worker spent 0.6 ms per new name scanning them
   * all, 28 ms for the 47 names of a 1 MB thread.
   */
  byName(name: string): readonly number[] {
    const hit = this.nameCache.get(name);
    if (hit) return hit;
    const q = new Uint8Array(name.length);
    for (let i = 0; i < name.length; i++) q[i] = name.charCodeAt(i) & 0xff;
    const ids: number[] = [];
    if (q.length > 0) {
      const index = (this.nameIndex ??= this.buildNameIndex());
      const b = this.bytes;
      const base = this.strStart;
      let h = FNV_BASIS;
      for (let i = 0; i < q.length; i++) h = Math.imul(h ^ q[i], FNV_PRIME);
      for (let id = index.head[(h >>> 0) & index.mask]; id !== 0; id = index.next[id]) {
        const p = base + this.u32(this.recOff[id]);
        let i = 0;
        while (i < q.length && b[p + i] === q[i]) i++;
        if (i === q.length && b[p + i] === 0) ids.push(id);
      }
    }
    this.nameCache.set(name, ids);
    return ids;
  }

  /** Chains of the named types by a hash of their name, each chain in id order. */
  private buildNameIndex(): { head: Int32Array; next: Int32Array; mask: number } {
    let size = 1024;
    while (size < this.count * 2) size *= 2;
    const head = new Int32Array(size);
    const next = new Int32Array(this.count);
    const mask = size - 1;
    const b = this.bytes;
    const base = this.strStart;
    // bounded by the string section: corrupt BTF may leave a name unterminated
    const end = base + this.strLen;
    // from the last id down, so that pushing at the head leaves each chain ascending
    for (let id = this.count - 1; id >= 1; id--) {
      const off = this.u32(this.recOff[id]);
      if (off === 0) continue;
      let h = FNV_BASIS;
      for (let p = base + off; p < end && b[p] !== 0; p++) h = Math.imul(h ^ b[p], FNV_PRIME);
      const k = (h >>> 0) & mask;
      next[id] = head[k];
      head[k] = id;
    }
    return { head, next, mask };
  }

  /** The first type of one of the given kinds with this name (complete definitions preferred over FWD). */
  find(name: string, kinds: readonly BtfKind[]): number | undefined {
    for (const id of this.byName(name)) if (kinds.includes(this.kinds[id] as BtfKind)) return id;
    return undefined;
  }
}

/**
 * Parse a raw BTF blob (e.g. /sys/kernel/btf/vmlinux) or an ELF file with a .BTF section.
 * Every record and every type/string reference is bounds-checked; problems throw BtfError.
 */
export function readBtf(input: Uint8Array): Btf {
  const bytes = isElf(input) ? elfSection(input, '.BTF') : input;
  if (bytes.length < 24) throw new BtfError(`BTF: blob too short for a header (${bytes.length} bytes)`);
  let le: boolean;
  if (bytes[0] === 0x9f && bytes[1] === 0xeb) le = true;
  else if (bytes[0] === 0xeb && bytes[1] === 0x9f) le = false;
  else throw new BtfError(`BTF: bad magic 0x${((bytes[0] << 8) | bytes[1]).toString(16)} (expected 0x${MAGIC.toString(16)})`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[2];
  if (version !== 1) throw new BtfError(`BTF: unsupported version ${version}`);
  const hdrLen = dv.getUint32(4, le);
  if (hdrLen < 24 || hdrLen > bytes.length) throw new BtfError(`BTF: header length ${hdrLen} invalid`);
  const typeOff = dv.getUint32(8, le);
  const typeLen = dv.getUint32(12, le);
  const strOff = dv.getUint32(16, le);
  const strLen = dv.getUint32(20, le);
  const typeStart = hdrLen + typeOff;
  const strStart = hdrLen + strOff;
  if (typeStart + typeLen > bytes.length) throw new BtfError(`BTF: type section (${typeLen} bytes at ${typeStart}) beyond end of blob (${bytes.length} bytes; truncated?)`);
  if (strStart + strLen > bytes.length) throw new BtfError(`BTF: string section (${strLen} bytes at ${strStart}) beyond end of blob (${bytes.length} bytes; truncated?)`);
  if (typeLen % 4 !== 0) throw new BtfError(`BTF: type section length ${typeLen} not a multiple of 4`);
  if (strLen === 0 || bytes[strStart] !== 0) throw new BtfError('BTF: string section does not start with an empty string (split BTF is not supported)');
  if (bytes[strStart + strLen - 1] !== 0) throw new BtfError('BTF: string section not NUL-terminated');

  // First pass: record offsets and kinds, with each record's extent checked.
  let offs = new Uint32Array(1 + (typeLen >>> 4));
  let kinds = new Uint8Array(offs.length);
  let n = 1;
  const typeEnd = typeStart + typeLen;
  for (let p = typeStart; p < typeEnd;) {
    if (p + 12 > typeEnd) throw new BtfError(`BTF: type ${n} header truncated at byte ${p}`);
    const info = dv.getUint32(p + 4, le);
    const kind = (info >>> 24) & 0x1f;
    const extra = kind === 0 || kind > MAX_KIND ? -1 : extraBytes(kind, info & 0xffff);
    if (extra < 0) throw new BtfError(`BTF: type ${n} has unknown kind ${kind}`);
    const next = p + 12 + extra;
    if (next > typeEnd) throw new BtfError(`BTF: type ${n} (${KIND_NAMES[kind]}) extends beyond the type section (truncated?)`);
    if (n === offs.length) {
      const grown = new Uint32Array(offs.length * 2);
      grown.set(offs);
      offs = grown;
      const gk = new Uint8Array(grown.length);
      gk.set(kinds);
      kinds = gk;
    }
    offs[n] = p;
    kinds[n] = kind;
    n++;
    p = next;
  }
  const recOff = offs.slice(0, n);
  validate(dv, le, recOff, kinds, strLen);
  return new Btf(bytes, { le, recOff, kinds: kinds.slice(0, n), strStart, strLen, typeStart, typeLen });
}

/** Second pass: every name offset inside the string section, every type id below the count. */
function validate(dv: DataView, le: boolean, recOff: Uint32Array, kinds: Uint8Array, strLen: number): void {
  const count = recOff.length;
  const badType = (id: number, what: string, ref: number): never => {
    throw new BtfError(`BTF: type ${id} (${KIND_NAMES[kinds[id]]}) ${what} refers to type ${ref}, beyond the last type ${count - 1}`);
  };
  const badStr = (id: number, off: number): never => {
    throw new BtfError(`BTF: type ${id} (${KIND_NAMES[kinds[id]]}) name offset ${off} beyond the string section (${strLen} bytes)`);
  };
  for (let id = 1; id < count; id++) {
    const o = recOff[id];
    const k = kinds[id];
    const nameOff = dv.getUint32(o, le);
    if (nameOff >= strLen) badStr(id, nameOff);
    const vlen = dv.getUint32(o + 4, le) & 0xffff;
    const w = dv.getUint32(o + 8, le);
    if (hasTypeRef(k) && w >= count) badType(id, 'type', w);
    switch (k) {
      case BtfKind.Array: {
        const t = dv.getUint32(o + 12, le);
        const it = dv.getUint32(o + 16, le);
        if (t >= count) badType(id, 'element', t);
        if (it >= count) badType(id, 'index', it);
        break;
      }
      case BtfKind.Struct:
      case BtfKind.Union:
      case BtfKind.Datasec:
        for (let i = 0; i < vlen; i++) {
          const m = o + 12 + i * 12;
          const a = dv.getUint32(m, le);
          const b = dv.getUint32(m + 4, le);
          if (k === BtfKind.Datasec) {
            if (a >= count) badType(id, `entry ${i}`, a);
          } else {
            if (a >= strLen) badStr(id, a);
            if (b >= count) badType(id, `member ${i}`, b);
          }
        }
        break;
      case BtfKind.Enum:
      case BtfKind.Enum64: {
        const step = k === BtfKind.Enum ? 8 : 12;
        for (let i = 0; i < vlen; i++) {
          const s = dv.getUint32(o + 12 + i * step, le);
          if (s >= strLen) badStr(id, s);
        }
        break;
      }
      case BtfKind.FuncProto:
        for (let i = 0; i < vlen; i++) {
          const s = dv.getUint32(o + 12 + i * 8, le);
          const t = dv.getUint32(o + 16 + i * 8, le);
          if (s >= strLen) badStr(id, s);
          if (t >= count) badType(id, `parameter ${i}`, t);
        }
        break;
      default:
        break;
    }
  }
}
