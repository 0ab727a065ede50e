import { BtfError } from './btf-error';

/** True when the bytes start with the ELF magic. */
export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

/**
 * The bytes of a named section of an ELF file (32/64-bit, either byte order), as a view
 * into the input. Throws BtfError when the file is malformed or has no such section.
 */
export function elfSection(bytes: Uint8Array, wanted: string): Uint8Array {
  if (!isElf(bytes) || bytes.length < 52) throw new BtfError('not an ELF file (or truncated ELF header)');
  const cls = bytes[4];
  const data = bytes[5];
  if (cls !== 1 && cls !== 2) throw new BtfError(`ELF: unknown class ${cls}`);
  if (data !== 1 && data !== 2) throw new BtfError(`ELF: unknown data encoding ${data}`);
  const is64 = cls === 2;
  const le = data === 1;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number): number => dv.getUint16(o, le);
  const u32 = (o: number): number => dv.getUint32(o, le);
  const word = (o: number): number => {
    if (!is64) return u32(o);
    const v = dv.getBigUint64(o, le);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new BtfError('ELF: 64-bit field out of range');
    return Number(v);
  };
  if (is64 && bytes.length < 64) throw new BtfError('ELF: truncated ELF64 header');
  const shoff = is64 ? word(0x28) : u32(0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  let shnum = u16(is64 ? 0x3c : 0x30);
  let shstrndx = u16(is64 ? 0x3e : 0x32);
  const minEnt = is64 ? 64 : 40;
  if (shoff === 0) throw new BtfError('ELF: no section header table');
  if (shentsize < minEnt) throw new BtfError(`ELF: section header entry size ${shentsize} too small`);
  const header = (i: number): { name: number; offset: number; size: number; link: number; type: number } => {
    const at = shoff + i * shentsize;
    if (at + minEnt > bytes.length) throw new BtfError(`ELF: section header ${i} beyond end of file`);
    return is64
      ? { name: u32(at), type: u32(at + 4), offset: word(at + 0x18), size: word(at + 0x20), link: u32(at + 0x28) }
      : { name: u32(at), type: u32(at + 4), offset: u32(at + 0x10), size: u32(at + 0x14), link: u32(at + 0x18) };
  };
  // Large section counts live in section 0 (ELF extended numbering).
  if (shnum === 0) shnum = header(0).size;
  if (shstrndx === 0xffff) shstrndx = header(0).link;
  if (shstrndx >= shnum) throw new BtfError(`ELF: section name table index ${shstrndx} out of range`);
  const strtab = header(shstrndx);
  if (strtab.offset + strtab.size > bytes.length) throw new BtfError('ELF: section name table beyond end of file');
  const nameAt = (off: number): string => {
    if (off >= strtab.size) throw new BtfError('ELF: section name offset out of range');
    let s = '';
    for (let p = strtab.offset + off; p < strtab.offset + strtab.size && bytes[p] !== 0; p++) s += String.fromCharCode(bytes[p]);
    return s;
  };
  for (let i = 0; i < shnum; i++) {
    const h = header(i);
    if (nameAt(h.name) !== wanted) continue;
    if (h.type === 8) throw new BtfError(`ELF: section ${wanted} has no data (NOBITS)`);
    if (h.offset + h.size > bytes.length) throw new BtfError(`ELF: section ${wanted} extends beyond end of file (truncated?)`);
    return bytes.subarray(h.offset, h.offset + h.size);
  }
  throw new BtfError(`ELF: no ${wanted} section (kernel built without CONFIG_DEBUG_INFO_BTF?)`);
}
