/*
 * A struct's layout as the editor and reports show it: members in declaration order with
 * anonymous and inline-defined aggregates flattened (offsets from the outermost struct),
 * holes and bit holes at every struct level (the padding at the end of a nested struct is
 * not a hole, as in the BTF reader), trailing padding and cacheline crossings.
 */
import type { RecordDecl, TranslationUnit } from '../c/ctypes';
import { resolveType, typeName } from '../c/ctypes';
import { LayoutContext } from './context';
import { LayoutError } from './errors';
import type { AbiName, Hole, MemberLayout, StructLayout } from './types';

export const CACHELINE = 64;

/** Finds `name` (`inode`, `struct inode`, `union u`, or a typedef of a struct) in the unit. */
export function findRecord(unit: TranslationUnit, name: string): RecordDecl {
  const m = /^(struct|union)\s+(\S+)$/.exec(name.trim());
  if (m) {
    const decl = (m[1] === 'struct' ? unit.structs : unit.unions).get(m[2]);
    if (!decl) throw new LayoutError(`${m[1]} ${m[2]} is not declared in the input`);
    return decl;
  }
  const direct = unit.structs.get(name) ?? unit.unions.get(name);
  if (direct) return direct;
  const td = unit.typedefs.get(name);
  if (td) {
    const r = resolveType(td);
    if (r.kind === 'record') return r.decl;
    throw new LayoutError(`'${name}' is a typedef of '${typeName(r)}', not of a struct or union`);
  }
  throw new LayoutError(`struct ${name} is not declared in the input`);
}

export function layoutStruct(unit: TranslationUnit, name: string, abi: AbiName = 'x86_64', ctx?: LayoutContext): StructLayout {
  const decl = findRecord(unit, name);
  return layoutRecordDecl(ctx ?? new LayoutContext(unit, abi), decl, name.replace(/^(struct|union)\s+/, ''));
}

export function layoutRecordDecl(ctx: LayoutContext, decl: RecordDecl, name = decl.tag ?? '<anonymous>'): StructLayout {
  const rec = ctx.record(decl);
  const members: MemberLayout[] = [];
  const holes: Hole[] = [];
  emit(ctx, decl, 0, 0, '', members, holes);
  let end = 0;
  for (const m of members) if (m.depth === 0) end = Math.max(end, m.bitSize !== undefined ? Math.ceil((m.bitOffset! + m.bitSize) / 8) : m.offset + m.size);
  for (const m of members) {
    if (m.aggregate) continue;
    const from = m.bitOffset ?? m.offset * 8;
    const to = m.bitSize !== undefined ? from + m.bitSize : from + m.size * 8;
    if (to > from && Math.floor(from / (CACHELINE * 8)) !== Math.floor((to - 1) / (CACHELINE * 8))) m.crossesCacheline = true;
  }
  return {
    kind: decl.kind, name, size: rec.size, align: rec.align, members, holes,
    padding: rec.size - end, cachelines: Math.ceil(rec.size / CACHELINE), abi: ctx.abi.name,
  };
}

function emit(ctx: LayoutContext, decl: RecordDecl, base: number, depth: number, prefix: string, out: MemberLayout[], holes: Hole[]): void {
  const rec = ctx.record(decl);
  let end = 0;
  let last = '';
  let lastIndex = -1;
  for (const p of rec.fields) {
    const f = p.field;
    if (p.bitField && f.name === undefined) continue;
    const start = base + p.bitPos;
    if (decl.kind === 'struct' && start > base + end) addHole(holes, base + end, start, last, lastIndex);
    // Only aggregates written in place are expanded (as pahole does); typedef'd ones stay one member.
    // Arrays of an inline aggregate list the members of element 0, as pahole and the BTF reader do.
    let r = f.type;
    while (r.kind === 'array') r = r.of;
    const inline = r.kind === 'record' && !p.bitField && (f.name === undefined || r.decl.tag === undefined);
    const m: MemberLayout = {
      name: f.name === undefined ? '' : prefix + f.name,
      offset: Math.floor(start / 8), size: p.info.size, type: typeName(f.type), depth,
    };
    if (p.bitField) {
      m.bitOffset = start;
      m.bitSize = p.bits;
    }
    if (r.kind === 'record' && inline) m.aggregate = r.decl.kind;
    out.push(m);
    if (r.kind === 'record' && inline) emit(ctx, r.decl, start, depth + 1, f.name === undefined ? prefix : prefix + f.name + '.', out, holes);
    if (decl.kind === 'struct') {
      end = Math.max(end, p.bitPos + p.bits);
      last = m.name || (m.aggregate ? `(anonymous ${m.aggregate})` : '');
      lastIndex = out.length - 1;
    }
  }
}

/** One hole per gap, as the BTF reader reports them: whole bytes, or a bit hole when an end is mid-byte. */
function addHole(holes: Hole[], fromBit: number, toBit: number, after: string, afterIndex: number): void {
  if (fromBit % 8 === 0 && toBit % 8 === 0) holes.push({ offset: fromBit / 8, size: (toBit - fromBit) / 8, after, afterIndex });
  else holes.push({ offset: Math.floor(fromBit / 8), size: 0, bitOffset: fromBit, bits: toBit - fromBit, after, afterIndex });
}
