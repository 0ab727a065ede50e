import type { Btf } from './btf';
import { BtfError } from './btf-error';
import { BtfKind, extraBytes, hasTypeRef } from './btf-kinds';

/** Types to emit from one BTF, in order, with how its type references are renumbered. */
export interface WriteSource {
  btf: Btf;
  ids: readonly number[];
  mapRef: (ref: number) => number;
}

/**
 * Serialise types from one or more BTFs into a standalone little-endian BTF blob. New ids
 * follow the order of `sources`/`ids`; each source's mapRef must agree with that order.
 */
export function writeBtf(sources: readonly WriteSource[], opts: { dropParamNames?: boolean } = {}): Uint8Array {
  const strings = new StringTable();
  const words: number[] = [];
  for (const { btf, ids, mapRef } of sources) for (const id of ids) {
    const k = btf.kind(id);
    const vlen = btf.vlen(id);
    const info = (k << 24) | (btf.kindFlag(id) ? 0x80000000 : 0) | vlen;
    words.push(strings.add(btf.name(id)), info >>> 0);
    words.push(hasTypeRef(k) ? mapRef(btf.ref(id)) : btf.rawSize(id));
    const before = words.length;
    switch (k) {
      case BtfKind.Int: {
        const ii = btf.intInfo(id);
        words.push(((ii.encoding << 24) | (ii.offset << 16) | ii.bits) >>> 0);
        break;
      }
      case BtfKind.Array: {
        const a = btf.arrayInfo(id);
        words.push(mapRef(a.type), mapRef(a.indexType), a.nelems);
        break;
      }
      case BtfKind.Struct:
      case BtfKind.Union: {
        const kflag = btf.kindFlag(id);
        for (const m of btf.members(id)) {
          words.push(strings.add(m.name), mapRef(m.type), kflag ? ((m.bitfieldSize << 24) | m.bitOffset) >>> 0 : m.bitOffset);
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
        for (const p of btf.params(id)) words.push(opts.dropParamNames ? 0 : strings.add(p.name), mapRef(p.type));
        break;
      case BtfKind.Var:
      case BtfKind.DeclTag:
        words.push(btf.extraWord(id) >>> 0);
        break;
      case BtfKind.Datasec:
        for (const v of btf.datasecVars(id)) words.push(mapRef(v.type), v.offset, v.size);
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
  return out;
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
