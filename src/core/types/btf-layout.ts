import type { Hole, MemberLayout, StructLayout } from '../layout/types';
import type { Btf } from './btf';
import { BtfError } from './btf-error';
import { BtfKind } from './btf-kinds';
import { type AlignBasis, alignInfo } from './btf-align';
import { pointerSize, sizeOf, stripModifiers, stripQualifiers } from './btf-resolve';
import { typeName } from './btf-names';

/** A StructLayout read from BTF, with what BTF cannot say stated. */
export interface BtfStructLayout extends StructLayout {
  typeId: number;
  /** BTF has no alignment attributes: `align` is always inferred; this says how. */
  alignBasis: AlignBasis;
  alignNote?: string;
}

const CACHELINE = 64;

/**
 * Lay out the struct or union `name` (`inode`, `struct inode`, `union bpf_attr`, or a
 * typedef of one) from BTF. Members of anonymous nested aggregates are listed after their
 * aggregate with offsets from the outer start; bit-fields carry bitOffset/bitSize.
 */
export function btfStructLayout(btf: Btf, name: string): BtfStructLayout {
  return btfLayoutOf(btf, findAggregate(btf, name));
}

/** The id of a struct/union (or typedef of one) by name; `struct `/`union ` prefixes honoured. */
export function findAggregate(btf: Btf, name: string): number {
  const m = /^\s*(struct|union)\s+(\w+)\s*$/.exec(name);
  const bare = m ? m[2] : name.trim();
  const kinds = m ? [m[1] === 'union' ? BtfKind.Union : BtfKind.Struct] : [BtfKind.Struct, BtfKind.Union];
  const id = btf.find(bare, kinds);
  if (id !== undefined) return id;
  if (!m) {
    const td = btf.find(bare, [BtfKind.Typedef]);
    if (td !== undefined) {
      const t = stripModifiers(btf, td);
      const k = btf.kind(t);
      if (k === BtfKind.Struct || k === BtfKind.Union) return t;
    }
  }
  const fwd = btf.find(bare, [BtfKind.Fwd]);
  if (fwd !== undefined) throw new BtfError(`BTF: ${name} is only declared (forward declaration), not defined, in this BTF`);
  throw new BtfError(`BTF: no struct or union named ${name}`);
}

export function btfLayoutOf(btf: Btf, id: number): BtfStructLayout {
  const k = btf.kind(id);
  if (k !== BtfKind.Struct && k !== BtfKind.Union) throw new BtfError(`BTF: type ${id} is not a struct or union`);
  const size = btf.rawSize(id);
  const members: MemberLayout[] = [];
  const holes: Hole[] = [];
  const endBits = walk(btf, id, 0, 0, '', members, holes);
  const ai = alignInfo(btf, id);
  const layout: BtfStructLayout = {
    kind: k === BtfKind.Union ? 'union' : 'struct',
    name: btf.name(id),
    size,
    align: ai.align,
    members,
    holes,
    padding: Math.max(0, size - Math.ceil(endBits / 8)),
    cachelines: Math.ceil(size / CACHELINE),
    abi: pointerSize(btf) === 4 ? 'i386' : 'x86_64',
    typeId: id,
    alignBasis: ai.basis,
  };
  if (ai.note) layout.alignNote = ai.note;
  return layout;
}

/** The anonymous struct/union a member's type spells inline (through qualifiers and arrays), or 0. */
function inlineAggregate(btf: Btf, type: number): number {
  let t = stripQualifiers(btf, type);
  for (let i = 0; i < 8 && btf.kind(t) === BtfKind.Array; i++) t = stripQualifiers(btf, btf.arrayInfo(t).type);
  const k = btf.kind(t);
  return (k === BtfKind.Struct || k === BtfKind.Union) && btf.name(t) === '' ? t : 0;
}

/** Bit position and width of a member, old-style (INT-encoded) bit-fields included. */
function memberBits(btf: Btf, type: number, bitOffset: number, bitfieldSize: number): { start: number; bits: number } {
  if (bitfieldSize > 0) return { start: bitOffset, bits: bitfieldSize };
  const t = stripModifiers(btf, type);
  if (btf.kind(t) === BtfKind.Int) {
    const ii = btf.intInfo(t);
    if (ii.bits !== btf.rawSize(t) * 8 || ii.offset !== 0) return { start: bitOffset + ii.offset, bits: ii.bits };
  }
  return { start: bitOffset, bits: 0 };
}

/**
 * Append the members of aggregate `id` placed at bit `base`; returns the end bit of the
 * furthest member. Holes are found per struct level (a union level has none of its own).
 */
function walk(btf: Btf, id: number, base: number, depth: number, prefix: string, out: MemberLayout[], holes: Hole[]): number {
  if (depth > 32) throw new BtfError(`BTF: anonymous aggregates nested too deeply in type ${id}`);
  const isUnion = btf.kind(id) === BtfKind.Union;
  let cursor = base;
  let maxEnd = base;
  let prevName = '';
  for (const m of btf.members(id)) {
    const { start: rel, bits } = memberBits(btf, m.type, m.bitOffset, m.bitfieldSize);
    const start = base + rel;
    // Only aggregates spelled inline are expanded; a typedef'd anonymous struct (kuid_t) is a named type.
    // Arrays of inline aggregates (`struct {…} encap[2]`) list the members of element 0, as pahole does.
    const t = inlineAggregate(btf, m.type);
    const tk = t === 0 ? BtfKind.Unknown : btf.kind(t);
    const anonymous = t !== 0;
    const size = sizeOf(btf, m.type);
    const name = prefix + m.name;
    const entry: MemberLayout = { name, offset: Math.floor(start / 8), size, type: typeName(btf, m.type), depth };
    if (bits > 0) {
      entry.bitOffset = start;
      entry.bitSize = bits;
    }
    if (anonymous) entry.aggregate = tk === BtfKind.Union ? 'union' : 'struct';
    const extent = bits > 0 ? start + bits : start + size * 8;
    if (extent > base + btf.rawSize(id) * 8) throw new BtfError(`BTF: member ${name || '(anonymous)'} of type ${id} ends at bit ${extent - base}, beyond the aggregate's ${btf.rawSize(id)} bytes`);
    if (!isUnion && start > cursor) holes.push(hole(cursor, start, prevName));
    out.push(entry);
    let end = bits > 0 ? start + bits : start + size * 8;
    if (anonymous) {
      walk(btf, t, start, depth + 1, m.name ? `${name}.` : prefix, out, holes);
      end = start + size * 8;
    }
    if (!isUnion) cursor = Math.max(cursor, end);
    maxEnd = Math.max(maxEnd, end);
    prevName = name || (anonymous ? `(anonymous ${entry.aggregate})` : '');
  }
  return maxEnd;
}

function hole(fromBit: number, toBit: number, after: string): Hole {
  if (fromBit % 8 === 0 && toBit % 8 === 0) return { offset: fromBit / 8, size: (toBit - fromBit) / 8, after };
  return { offset: Math.floor(fromBit / 8), size: 0, bitOffset: fromBit, bits: toBit - fromBit, after };
}
