import { BtfError } from './btf-error';
import { decodeBytes } from '../mail/bytes';

/**
 * The embedded snapshot container (before gzip): an 8-byte magic, a u32 (LE) header
 * length, a JSON header (ASCII), then the sections the header lists, back to back.
 */
export const SNAPSHOT_MAGIC = 'KPLSNAP1';
export const SNAPSHOT_FORMAT = 'kernel-patch-lens-snapshot@1';

export interface SnapshotHeader {
  format: string;
  /** The kernel described: uname -r, package version, architecture. */
  kernel: { release: string; version: string; arch: string };
  /** Where it came from: the distribution package and its sha256. */
  source: { distribution: string; package: string; version: string; file: string; sha256: string };
  generated: string;
  generator: string;
  btf: { originalBytes: number; originalTypes: number; keptTypes: number; modules?: string[]; moduleRoots?: string[]; alignments?: string; note: string };
  sections: { name: string; length: number }[];
}

export interface SnapshotParts {
  header: SnapshotHeader;
  sections: Map<string, Uint8Array>;
}

function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7e) throw new BtfError('snapshot: header must be ASCII');
    out[i] = c;
  }
  return out;
}

export function latin1(bytes: Uint8Array): string {
  // The config and alignment sections are ASCII, for which UTF-8 decoding is the same and
  // much faster than building the string from char codes: 26 ms of a fresh worker's
  // snapshot load went to the loop below.
  let k = 0;
  while (k < bytes.length && bytes[k] < 0x80) k++;
  if (k === bytes.length) return decodeBytes(bytes);
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

export function encodeSnapshot(header: Omit<SnapshotHeader, 'sections'>, sections: [string, Uint8Array][]): Uint8Array {
  const full: SnapshotHeader = { ...header, sections: sections.map(([name, b]) => ({ name, length: b.length })) };
  const json = ascii(JSON.stringify(full).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  const total = 12 + json.length + sections.reduce((s, [, b]) => s + b.length, 0);
  const out = new Uint8Array(total);
  out.set(ascii(SNAPSHOT_MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  let p = 12 + json.length;
  for (const [, b] of sections) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}

export function decodeSnapshot(raw: Uint8Array): SnapshotParts {
  if (raw.length < 12 || latin1(raw.subarray(0, 8)) !== SNAPSHOT_MAGIC) throw new BtfError('snapshot: bad magic (not a Kernel Patch Lens snapshot)');
  const hlen = new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getUint32(8, true);
  if (12 + hlen > raw.length) throw new BtfError('snapshot: header extends beyond the data (truncated?)');
  let header: SnapshotHeader;
  try {
    header = JSON.parse(latin1(raw.subarray(12, 12 + hlen))) as SnapshotHeader;
  } catch {
    throw new BtfError('snapshot: header is not valid JSON');
  }
  if (header.format !== SNAPSHOT_FORMAT) throw new BtfError(`snapshot: unsupported format ${String(header.format)}`);
  if (!Array.isArray(header.sections)) throw new BtfError('snapshot: header lists no sections');
  const sections = new Map<string, Uint8Array>();
  let p = 12 + hlen;
  for (const s of header.sections) {
    if (typeof s.name !== 'string' || !Number.isInteger(s.length) || s.length < 0) throw new BtfError('snapshot: bad section entry');
    if (p + s.length > raw.length) throw new BtfError(`snapshot: section ${s.name} extends beyond the data (truncated?)`);
    sections.set(s.name, raw.subarray(p, p + s.length));
    p += s.length;
  }
  return { header, sections };
}
