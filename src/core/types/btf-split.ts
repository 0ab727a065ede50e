import { type Btf, readBtf } from './btf';
import { BtfError } from './btf-error';
import { elfSection, isElf } from './elf';
import { writeBtf, type WriteSource } from './btf-write';

/**
 * Read split BTF — a module's `.BTF` (from a `.ko` or /sys/kernel/btf/<module>) whose ids
 * and string offsets continue those of the vmlinux BTF `base`. The result is one
 * standalone Btf holding the base types followed by the module's.
 */
export function readSplitBtf(input: Uint8Array, base: Btf): Btf {
  const bytes = isElf(input) ? elfSection(input, '.BTF') : input;
  if (bytes.length < 24) throw new BtfError(`split BTF: blob too short for a header (${bytes.length} bytes)`);
  const le = base.littleEndian;
  const magicOk = le ? bytes[0] === 0x9f && bytes[1] === 0xeb : bytes[0] === 0xeb && bytes[1] === 0x9f;
  if (!magicOk) throw new BtfError('split BTF: bad magic or byte order different from the base BTF');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hdrLen = dv.getUint32(4, le);
  const typeStart = hdrLen + dv.getUint32(8, le);
  const typeLen = dv.getUint32(12, le);
  const strStart = hdrLen + dv.getUint32(16, le);
  const strLen = dv.getUint32(20, le);
  if (hdrLen < 24 || typeStart + typeLen > bytes.length || strStart + strLen > bytes.length) {
    throw new BtfError('split BTF: sections extend beyond the blob (truncated?)');
  }
  const b = base.sections;
  const out = new Uint8Array(24 + b.typeLen + typeLen + b.strLen + strLen);
  const odv = new DataView(out.buffer);
  odv.setUint16(0, 0xeb9f, le);
  out[2] = 1;
  odv.setUint32(4, 24, le);
  odv.setUint32(8, 0, le);
  odv.setUint32(12, b.typeLen + typeLen, le);
  odv.setUint32(16, b.typeLen + typeLen, le);
  odv.setUint32(20, b.strLen + strLen, le);
  // Split ids start at base.count and split string offsets at base's string length, so
  // appending each section to the base's yields a valid standalone blob.
  let p = 24;
  out.set(base.bytes.subarray(b.typeStart, b.typeStart + b.typeLen), p);
  p += b.typeLen;
  out.set(bytes.subarray(typeStart, typeStart + typeLen), p);
  p += typeLen;
  out.set(base.bytes.subarray(b.strStart, b.strStart + b.strLen), p);
  p += b.strLen;
  out.set(bytes.subarray(strStart, strStart + strLen), p);
  return readBtf(out);
}

/**
 * One standalone BTF from a base and several modules read with readSplitBtf(): base
 * types keep their ids, each module's own types follow, renumbered.
 */
export function mergeSplitBtfs(base: Btf, modules: readonly Btf[]): Uint8Array {
  const all: number[] = [];
  for (let id = 1; id < base.count; id++) all.push(id);
  const sources: WriteSource[] = [{ btf: base, ids: all, mapRef: (r) => r }];
  let next = base.count;
  for (const m of modules) {
    if (m.count < base.count) throw new BtfError('merge: a module BTF has fewer types than its base');
    const offset = next;
    const ids: number[] = [];
    for (let id = base.count; id < m.count; id++) ids.push(id);
    sources.push({ btf: m, ids, mapRef: (r) => (r < base.count ? r : offset + (r - base.count)) });
    next += ids.length;
  }
  return writeBtf(sources, { dropParamNames: false });
}
