/*
 * Output forms of a StructLayout (from C source or BTF alike): the versioned JSON object
 * of `kernel-patch-lens layout --format json`, and text laid out like pahole's.
 */
import type { Hole, MemberLayout, StructLayout } from './types';
import { CACHELINE } from './struct';

export const LAYOUT_SCHEMA = 'kernel-patch-lens.layout@1';

export interface LayoutJson {
  schema: typeof LAYOUT_SCHEMA;
  kind: 'struct' | 'union';
  name: string;
  abi: string;
  size: number;
  align: number;
  members: {
    name: string; type: string; offset: number; size: number; depth: number;
    bitOffset?: number; bitSize?: number; aggregate?: 'struct' | 'union'; crossesCacheline?: boolean;
  }[];
  holes: { offset: number; size: number; bitOffset?: number; bits?: number; after: string }[];
  padding: number;
  cachelines: number;
  /** Where the layout came from (`source`: a C file; `btf`: a BTF blob), and notes that qualify it. */
  basis?: string;
  notes?: string[];
}

export function layoutToJson(l: StructLayout, basis?: string, notes?: string[]): LayoutJson {
  const out: LayoutJson = {
    schema: LAYOUT_SCHEMA, kind: l.kind, name: l.name, abi: l.abi, size: l.size, align: l.align,
    members: l.members.map((m) => {
      const j: LayoutJson['members'][number] = { name: m.name, type: m.type, offset: m.offset, size: m.size, depth: m.depth };
      if (m.bitSize !== undefined) {
        j.bitOffset = m.bitOffset;
        j.bitSize = m.bitSize;
      }
      if (m.aggregate) j.aggregate = m.aggregate;
      if (m.crossesCacheline) j.crossesCacheline = true;
      return j;
    }),
    holes: l.holes.map((h) => {
      const j: LayoutJson['holes'][number] = { offset: h.offset, size: h.size, after: h.after };
      if (h.bits !== undefined) {
        j.bitOffset = h.bitOffset;
        j.bits = h.bits;
      }
      return j;
    }),
    padding: l.padding,
    cachelines: l.cachelines,
  };
  if (basis) out.basis = basis;
  if (notes?.length) out.notes = notes;
  return out;
}

function leaf(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? name : name.slice(i + 1);
}

/** `type name` as C writes it: the name goes inside function-pointer parentheses and before array bounds. */
export function declText(type: string, name: string): string {
  const [t, n] = declParts(type, name);
  return t.endsWith('*') || !n ? `${t}${n}` : `${t} ${n}`;
}

/** The type column and the name column of a member line, split as pahole does. */
export function declParts(type: string, name: string): [string, string] {
  if (!name) return [type, ''];
  const fp = type.indexOf('(*');
  if (fp >= 0) return [type.slice(0, fp).trimEnd(), `(*${name}${type.slice(fp + 2)}`];
  const arr = /^(.*?)\s*((?:\[[^\]]*\])+)$/.exec(type);
  if (arr) return [arr[1], `${name}${arr[2]}`];
  return [type, name];
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function comment(m: MemberLayout): string {
  if (m.bitSize !== undefined && m.bitOffset !== undefined) {
    // pahole shows the storage unit's offset, the bit inside it, and the unit's size.
    const unitBits = Math.max(8, m.size * 8);
    const unit = Math.floor(m.bitOffset / unitBits) * (unitBits / 8);
    return `/* ${String(unit).padStart(5)}:${String(m.bitOffset - unit * 8).padStart(2)} ${String(m.size).padStart(2)} */`;
  }
  return `/* ${String(m.offset).padStart(5)} ${String(m.size).padStart(5)} */`;
}

function holeText(h: Hole): string {
  if (h.bits !== undefined && h.size === 0) return `/* XXX ${h.bits} bit${h.bits === 1 ? '' : 's'} hole, try to pack */`;
  return `/* XXX ${h.size} byte${h.size === 1 ? '' : 's'} hole, try to pack */`;
}

/** Text like `pahole -C NAME`: offsets and sizes, holes, cacheline boundaries and a summary. */
export function formatLayoutText(l: StructLayout): string {
  const lines: string[] = [`${l.kind} ${l.name} {`];
  const holesAfter = new Map<number, Hole[]>();
  for (const h of l.holes) {
    const k = h.afterIndex ?? l.members.findIndex((m) => m.name === h.after);
    holesAfter.set(k, [...(holesAfter.get(k) ?? []), h]);
  }
  const open: MemberLayout[] = [];
  let line = 0;
  const closeTo = (depth: number): void => {
    while (open.length > depth) {
      const a = open.pop()!;
      const ind = '\t'.repeat(open.length + 1);
      lines.push(`${ind}${pad(`}${a.name ? ' ' + leaf(a.name) : ''};`, Math.max(8, 48 - 8 * open.length))} ${comment(a)}`);
    }
  };
  l.members.forEach((m, i) => {
    closeTo(m.depth);
    const ind = '\t'.repeat(m.depth + 1);
    const cl = Math.floor(m.offset / CACHELINE);
    if (cl > line && m.bitSize === undefined) {
      line = cl;
      const ago = m.offset - cl * CACHELINE;
      lines.push(ago === 0
        ? `${ind}/* --- cacheline ${cl} boundary (${cl * CACHELINE} bytes) --- */`
        : `${ind}/* --- cacheline ${cl} boundary (${cl * CACHELINE} bytes) was ${ago} bytes ago --- */`);
    }
    if (m.aggregate) {
      lines.push(`${ind}${m.aggregate} {`);
      open.push(m);
    } else {
      // pahole's columns: the type in 26 characters (less 8 per nesting level), the comment after 48.
      const bits = m.bitSize !== undefined ? `:${m.bitSize}` : '';
      const [ty, nm] = declParts(m.type, leaf(m.name));
      const text = `${pad(ty, Math.max(1, 26 - 8 * m.depth))} ${nm}${bits};`;
      const width = Math.max(8, 48 - 8 * m.depth);
      lines.push(`${ind}${pad(text, width)} ${comment(m)}${m.crossesCacheline ? ' /* crosses a cacheline */' : ''}`);
    }
    for (const h of holesAfter.get(i) ?? []) lines.push('', `${ind}${holeText(h)}`, '');
  });
  closeTo(0);
  // pahole's summary speaks of the outer struct only: holes inside nested aggregates are not counted.
  const topLevel = (h: Hole): boolean => {
    const k = h.afterIndex ?? l.members.findIndex((m) => m.name === h.after);
    return k < 0 || l.members[k].depth === 0;
  };
  const byteHoles = l.holes.filter((h) => h.size > 0 && topLevel(h));
  const bitHoles = l.holes.filter((h) => h.size === 0 && h.bits && topLevel(h));
  const sumHoles = byteHoles.reduce((a, h) => a + h.size, 0);
  const direct = l.members.filter((m) => m.depth === 0).length;
  lines.push('', `\t/* size: ${l.size}, cachelines: ${l.cachelines}, members: ${direct} */`);
  if (l.kind === 'struct') {
    // As pahole: bytes of the direct members, bit-fields counted apart in bits.
    const top = l.members.filter((m) => m.depth === 0);
    const sum = top.filter((m) => m.bitSize === undefined).reduce((a, m) => a + m.size, 0);
    const bitSum = top.reduce((a, m) => a + (m.bitSize ?? 0), 0);
    if (byteHoles.length) lines.push(`\t/* sum members: ${sum}, holes: ${byteHoles.length}, sum holes: ${sumHoles} */`);
    else if (bitHoles.length) lines.push(`\t/* sum members: ${sum} */`);
    if (bitSum && bitHoles.length) {
      lines.push(`\t/* sum bitfield members: ${bitSum} bits, bit holes: ${bitHoles.length}, sum bit holes: ${bitHoles.reduce((a, h) => a + (h.bits ?? 0), 0)} bits */`);
    }
  }
  if (l.padding) lines.push(`\t/* padding: ${l.padding} */`);
  const last = l.size % CACHELINE;
  if (last) lines.push(`\t/* last cacheline: ${last} bytes */`);
  lines.push('};');
  return lines.join('\n') + '\n';
}
