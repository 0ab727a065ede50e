import type { Btf } from './btf';
import { BtfError } from './btf-error';
import { BtfKind } from './btf-kinds';
import { pointerSize, sizeOf, stripModifiers } from './btf-resolve';

/**
 * How an alignment was obtained. BTF carries no alignment attributes, so for aggregates
 * it is always inferred: `natural` from the members' types, `padding` when holes or
 * trailing padding prove a larger `__aligned()` (e.g. `____cacheline_aligned`), `packed`
 * when a member sits below its natural alignment or the size is not a multiple of it;
 * `compiler` when a table measured with the compiler (the embedded snapshot's) gives it.
 */
export type AlignBasis = 'natural' | 'padding' | 'packed' | 'compiler';

export interface AlignInfo {
  align: number;
  basis: AlignBasis;
  /** Why the basis is not `natural`, in words. */
  note?: string;
}

const caches = new WeakMap<Btf, Map<number, AlignInfo>>();
const known = new WeakMap<Btf, ReadonlyMap<number, number>>();

/**
 * Alignments measured by the compiler for some aggregates of this BTF (type id → align).
 * They replace inference for those types and for everything that contains them.
 */
export function setKnownAlignments(btf: Btf, aligns: ReadonlyMap<number, number>): void {
  known.set(btf, aligns);
  caches.delete(btf);
}
const MAX_ALIGN = 4096;
const CACHELINE = 64;
/** Marks a type whose alignment is being computed, to catch a struct that contains itself. */
const IN_PROGRESS: AlignInfo = { align: 0, basis: 'natural' };

function pow2Floor(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

function roundUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Alignment of a scalar of this size (x86_64 / arm64 rules; `long double` and __int128 are 16). */
function scalarAlign(btf: Btf, size: number): number {
  if (size <= 0) return 1;
  const ptr = pointerSize(btf);
  // ILP32 ABIs (i386) align 8-byte scalars to 4; BTF of such kernels has 4-byte longs.
  const cap = ptr === 4 && size >= 8 && size !== 16 ? 4 : 16;
  return Math.min(pow2Floor(size), cap);
}

export function alignOf(btf: Btf, id: number): number {
  return alignInfo(btf, id).align;
}

export function alignInfo(btf: Btf, id: number): AlignInfo {
  let cache = caches.get(btf);
  if (!cache) caches.set(btf, (cache = new Map()));
  const hit = cache.get(id);
  if (hit === IN_PROGRESS) throw new BtfError(`BTF: type ${id} contains itself`);
  if (hit) return hit;
  cache.set(id, IN_PROGRESS);
  try {
    const info = compute(btf, id);
    cache.set(id, info);
    return info;
  } catch (e) {
    cache.delete(id);
    throw e;
  }
}

function compute(btf: Btf, id: number): AlignInfo {
  const t = stripModifiers(btf, id);
  const measured = known.get(btf)?.get(t);
  if (measured !== undefined) return { align: measured, basis: 'compiler' };
  switch (btf.kind(t)) {
    case BtfKind.Int:
    case BtfKind.Enum:
    case BtfKind.Enum64:
    case BtfKind.Float:
      return { align: scalarAlign(btf, btf.rawSize(t)), basis: 'natural' };
    case BtfKind.Ptr:
      return { align: pointerSize(btf), basis: 'natural' };
    case BtfKind.Array: {
      const inner = alignInfo(btf, btf.arrayInfo(t).type);
      return inner;
    }
    case BtfKind.Struct:
    case BtfKind.Union:
      return aggregateAlign(btf, t);
    default:
      return { align: 1, basis: 'natural' };
  }
}

/**
 * The alignment an unexplained gap implies. Several powers of two often fit; kernel
 * over-alignment is nearly always a cache line (`____cacheline_aligned`), so prefer the
 * largest that fits up to 64, else the smallest above it.
 */
function likelyAlign(from: number, fits: (p: number) => boolean): number | undefined {
  let best: number | undefined;
  for (let p = from; p <= CACHELINE; p *= 2) if (fits(p)) best = p;
  if (best !== undefined) return best;
  for (let p = Math.max(from, CACHELINE * 2); p <= MAX_ALIGN; p *= 2) if (fits(p)) return p;
  return undefined;
}

function aggregateAlign(btf: Btf, id: number): AlignInfo {
  const size = btf.rawSize(id);
  const isUnion = btf.kind(id) === BtfKind.Union;
  const members = btf.members(id);
  let natural = 1;
  let implied = 1;
  let packedWhy: string | undefined;
  let paddedWhy: string | undefined;
  let prevEndBits = 0;
  let maxEndBits = 0;
  for (const m of members) {
    const a = alignOf(btf, m.type);
    natural = Math.max(natural, a);
    const msize = sizeOf(btf, m.type);
    const t = stripModifiers(btf, m.type);
    let bits = m.bitfieldSize;
    let start = m.bitOffset;
    if (bits === 0 && btf.kind(t) === BtfKind.Int) {
      const ii = btf.intInfo(t);
      if (ii.bits !== msize * 8 || ii.offset !== 0) {
        bits = ii.bits;
        start += ii.offset;
      }
    }
    const end = bits > 0 ? start + bits : start + msize * 8;
    if (bits === 0) {
      const off = start / 8;
      if (start % 8 !== 0 || off % a !== 0) packedWhy ??= `member ${m.name || '(anonymous)'} at offset ${start % 8 ? start / 8 : off} is below its natural alignment ${a}`;
      else if (!isUnion) {
        const expected = roundUp(Math.ceil(prevEndBits / 8), a);
        if (off > expected) {
          // A gap the member's natural alignment does not explain: an __aligned() member.
          const p = likelyAlign(a * 2, (q) => roundUp(Math.ceil(prevEndBits / 8), q) === off);
          if (p !== undefined) {
            implied = Math.max(implied, p);
            paddedWhy ??= `member ${m.name || '(anonymous)'} at ${off} implies alignment ${p}`;
          }
        }
      }
    }
    prevEndBits = isUnion ? 0 : end;
    maxEndBits = Math.max(maxEndBits, end);
  }
  if (packedWhy || (size % natural !== 0)) {
    return { align: 1, basis: 'packed', note: packedWhy ?? `size ${size} is not a multiple of the members' alignment ${natural}` };
  }
  let align = Math.max(natural, implied);
  const endBytes = Math.ceil(maxEndBits / 8);
  if (size > 0 && roundUp(endBytes, align) !== size) {
    const p = likelyAlign(align * 2, (q) => roundUp(endBytes, q) === size && size % q === 0);
    if (p !== undefined) {
      align = p;
      paddedWhy ??= `trailing padding to ${size} implies alignment ${p}`;
    }
  }
  if (align > natural) return { align, basis: 'padding', note: paddedWhy };
  return { align, basis: 'natural' };
}
