import type { Btf } from './btf';
import { BtfError } from './btf-error';
import { BtfKind, extraBytes, hasTypeRef } from './btf-kinds';

export interface PruneOptions {
  /** Roots: types to keep with everything they reference. Default: every type that describes data. */
  keep?: (btf: Btf, id: number) => boolean;
  /** Drop FUNC_PROTO parameter names (not needed for layouts). Default true. */
  dropParamNames?: boolean;
}

export interface PruneResult {
  bytes: Uint8Array;
  kept: number;
  total: number;
}

/** Types that describe data layouts: everything but functions, variables, sections and decl tags. */
export function isDataType(btf: Btf, id: number): boolean {
  const k = btf.kind(id);
  return k !== BtfKind.Func && k !== BtfKind.Var && k !== BtfKind.Datasec && k !== BtfKind.DeclTag && k !== BtfKind.FuncProto;
}

/** Type ids a record refers to. */
function refs(btf: Btf, id: number): number[] {
  const k = btf.kind(id);
  if (hasTypeRef(k)) {
    const out = [btf.ref(id)];
    if (k === BtfKind.FuncProto) for (const p of btf.params(id)) out.push(p.type);
    return out;
  }
  if (k === BtfKind.Array) {
    const a = btf.arrayInfo(id);
    return [a.type, a.indexType];
  }
  if (k === BtfKind.Struct || k === BtfKind.Union) return btf.members(id).map((m) => m.type);
  if (k === BtfKind.Datasec) return btf.datasecVars(id).map((v) => v.type);
  return [];
}

/**
 * A smaller, self-contained BTF (little-endian) holding the kept types and everything they
 * reference, ids renumbered in their original order and the string section rebuilt.
 * Layouts read from it are the same as from the original.
 */
export function pruneBtf(btf: Btf, opts: PruneOptions = {}): PruneResult {
  const keepRoot = opts.keep ?? isDataType;
  const dropParams = opts.dropParamNames ?? true;
  const kept = new Uint8Array(btf.count);
  const stack: number[] = [];
  for (let id = 1; id < btf.count; id++) if (keepRoot(btf, id)) stack.push(id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === 0 || kept[id]) continue;
    kept[id] = 1;
    for (const r of refs(btf, id)) if (r !== 0 && !kept[r]) stack.push(r);
  }
  const newId = new Uint32Array(btf.count);
  let n = 1;
  for (let id = 1; id < btf.count; id++) if (kept[id]) newId[id] = n++;

  const strings = new StringTable();
  const words: number[] = [];
  for (let id = 1; id < btf.count; id++) {
    if (!kept[id]) continue;
    const k = btf.kind(id);
    const vlen = btf.vlen(id);
    const info = (k << 24) | (btf.kindFlag(id) ? 0x80000000 : 0) | vlen;
    words.push(strings.add(btf.name(id)), info >>> 0);
    words.push(hasTypeRef(k) ? newId[btf.ref(id)] : btf.rawSize(id));
    const before = words.length;
    switch (k) {
      case BtfKind.Int: {
        const ii = btf.intInfo(id);
        words.push(((ii.encoding << 24) | (ii.offset << 16) | ii.bits) >>> 0);
        break;
      }
      case BtfKind.Array: {
        const a = btf.arrayInfo(id);
        words.push(newId[a.type], newId[a.indexType], a.nelems);
        break;
      }
      case BtfKind.Struct:
      case BtfKind.Union: {
        const kflag = btf.kindFlag(id);
        for (const m of btf.members(id)) {
          words.push(strings.add(m.name), newId[m.type], kflag ? ((m.bitfieldSize << 24) | m.bitOffset) >>> 0 : m.bitOffset);
        }
        break;
      }
      case BtfKind.Enum:
        for (const v of btf.enumValues(id)) words.push(strings.add(v.name), Number(BigInt.asUintN(32, v.value)));
        break;
      case BtfKind.Enum64:
        for (const v of btf.enumValues(id)) {
          const u = BigInt.asUintN(64, v.value);
          words.push(strings.add(v.name), Number(u & 0xffffffffn), Number(u >> 32n));
        }
        break;
      case BtfKind.FuncProto:
        for (const p of btf.params(id)) words.push(dropParams ? 0 : strings.add(p.name), newId[p.type]);
        break;
      case BtfKind.Var:
      case BtfKind.DeclTag:
        words.push(btf.extraWord(id) >>> 0);
        break;
      case BtfKind.Datasec:
        for (const v of btf.datasecVars(id)) words.push(newId[v.type], v.offset, v.size);
        break;
      default:
        break;
    }
    if ((words.length - before) * 4 !== extraBytes(k, vlen)) throw new BtfError(`BTF prune: wrote a bad record for type ${id}`);
  }
  const str = strings.bytes();
  const typeLen = words.length * 4;
  const out = new Uint8Array(24 + typeLen + str.length);
  const dv = new DataView(out.buffer);
  dv.setUint16(0, 0xeb9f, true);
  out[2] = 1;
  out[3] = 0;
  dv.setUint32(4, 24, true);
  dv.setUint32(8, 0, true);
  dv.setUint32(12, typeLen, true);
  dv.setUint32(16, typeLen, true);
  dv.setUint32(20, str.length, true);
  for (let i = 0; i < words.length; i++) dv.setUint32(24 + i * 4, words[i], true);
  out.set(str, 24 + typeLen);
  return { bytes: out, kept: n - 1, total: btf.count - 1 };
}

/** A deduplicating BTF string section (offset 0 is the empty string). */
class StringTable {
  private readonly offsets = new Map<string, number>([['', 0]]);
  private readonly chunks: number[] = [0];

  add(s: string): number {
    const hit = this.offsets.get(s);
    if (hit !== undefined) return hit;
    const off = this.chunks.length;
    for (let i = 0; i < s.length; i++) this.chunks.push(s.charCodeAt(i) & 0xff);
    this.chunks.push(0);
    this.offsets.set(s, off);
    return off;
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}
