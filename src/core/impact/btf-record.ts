// Turns a struct's BTF layout back into a declaration the layout engine can re-lay out
// after a hunk's members are inserted or removed. BTF has no alignment attributes, so
// each member's alignment is its type's natural one, raised where the BTF offsets prove
// an `__aligned()` (as `____cacheline_aligned` does); the re-laid-out base must equal
// the BTF layout exactly, or the basis is refused.
import type { CType, FieldDecl, RecordDecl, TranslationUnit } from '../c/ctypes';
import { LayoutContext, layoutRecordDecl } from '../layout';
import type { AbiName, MemberLayout, StructLayout } from '../layout/types';
import type { BtfTypeSource } from '../types/type-source';
import { bitField, num, opaqueField, opaqueType } from './opaque';

const BTF_POS = { file: '<btf>', offset: 0 };

function pow2Floor(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

/** Natural alignment of a member from its type name, falling back to its size. */
function memberAlign(src: BtfTypeSource, m: MemberLayout, children: MemberLayout[]): number {
  if (m.aggregate) {
    let a = 1;
    for (const c of children) if (!c.aggregate && c.bitSize === undefined) a = Math.max(a, leafAlign(src, c));
    return a;
  }
  return leafAlign(src, m);
}

function leafAlign(src: BtfTypeSource, m: MemberLayout): number {
  try {
    return src.typeInfo(m.type).align;
  } catch {
    return Math.min(pow2Floor(Math.max(1, m.size)), 8);
  }
}

export interface BaseRecord {
  decl: RecordDecl;
  /** Top-level member names in order (anonymous ones as ''). */
  names: string[];
  notes: string[];
}

/** Top-level members of a BTF layout with their nested children. */
function topLevel(layout: StructLayout): { m: MemberLayout; children: MemberLayout[] }[] {
  const out: { m: MemberLayout; children: MemberLayout[] }[] = [];
  for (const m of layout.members) {
    if (m.depth === 0) out.push({ m, children: [] });
    else if (out.length) out[out.length - 1].children.push(m);
  }
  return out;
}

/** Re-laid-out bases per BTF: every hunk of a thread and every slab row reuses them. */
const bases = new WeakMap<object, Map<string, BaseRecord>>();

export function baseRecord(src: BtfTypeSource, layout: StructLayout, abi: AbiName): BaseRecord {
  let perBtf = bases.get(src.btf);
  if (!perBtf) bases.set(src.btf, (perBtf = new Map()));
  const key = `${abi} ${layout.kind} ${layout.name} ${layout.size}`;
  let base = perBtf.get(key);
  if (!base) perBtf.set(key, (base = buildBaseRecord(src, layout, abi)));
  return base;
}

function buildBaseRecord(src: BtfTypeSource, layout: StructLayout, abi: AbiName): BaseRecord {
  const notes: string[] = [];
  const tops = topLevel(layout);
  const fields: FieldDecl[] = [];
  const aligns: number[] = [];
  for (const { m, children } of tops) {
    const name = m.name === '' ? undefined : m.name;
    if (m.bitSize !== undefined) {
      const f = bitField(name, m.size, m.bitSize, BTF_POS);
      if (!f) throw new Error(`member ${m.name} of struct ${layout.name}: bit-field of a ${m.size}-byte type`);
      fields.push(f);
      aligns.push(0);
    } else {
      const a = memberAlign(src, m, children);
      fields.push(opaqueField(name, m.size, a, BTF_POS, m.type));
      aligns.push(a);
    }
  }
  const decl: RecordDecl = { kind: layout.kind, tag: layout.name, fields, packed: false, pos: BTF_POS };
  try {
    pin(decl, tops.map((t) => t.m), aligns.slice(), layout, abi, notes);
  } catch (e) {
    // A member below its natural alignment, or a size that is no multiple of it: the
    // struct is __packed. Lay it out packed (byte alignment unless an offset proves more).
    const packed: RecordDecl = { ...decl, packed: true, aligned: undefined, fields: fields.map((f) => ({ ...f, packed: true, type: f.bitWidth ? f.type : opaqueType(typeNameOf(f), sizeOfOpaque(f), 1) })) };
    const packedNotes: string[] = [];
    try {
      pin(packed, tops.map((t) => t.m), aligns.map((a) => (a ? 1 : 0)), layout, abi, packedNotes);
    } catch {
      throw e;
    }
    notes.push(`struct ${layout.name} is packed (inferred from its BTF offsets)`, ...packedNotes);
    return { decl: packed, names: packed.fields!.map((f) => f.name ?? ''), notes };
  }
  return { decl, names: decl.fields!.map((f) => f.name ?? ''), notes };
}

function typeNameOf(f: FieldDecl): string {
  return f.type.kind === 'typedef' ? f.type.name : 'opaque';
}

function sizeOfOpaque(f: FieldDecl): number {
  const t = f.type.kind === 'typedef' ? f.type.type : f.type;
  return t.kind === 'array' && t.length?.kind === 'num' ? Number(t.length.value) : 0;
}

/**
 * Raises member (and struct) alignment until the re-laid-out offsets equal BTF's; gaps no
 * alignment explains are unnamed padding (BTF omits unnamed bit-fields such as `int :32`).
 */
function pin(decl: RecordDecl, want: MemberLayout[], aligns: number[], layout: StructLayout, abi: AbiName, notes: string[]): void {
  const unit = emptyUnitFor();
  const fields = decl.fields!;
  const relayout = () => layoutRecordDecl(new LayoutContext(unit, abi), decl, layout.name);
  for (let round = 0; round < 2 * want.length + 4; round++) {
    // Unnamed bit-fields take space but are not listed as members: compare the others.
    const listed = fields.map((f, i) => (f.bitWidth && f.name === undefined ? -1 : i)).filter((i) => i >= 0);
    const got = relayout().members.filter((m) => m.depth === 0);
    let changed = false;
    for (let j = 0; j < listed.length && j < got.length; j++) {
      const i = listed[j];
      const w = want[i], g = got[j];
      const wBit = w.bitOffset ?? w.offset * 8, gBit = g.bitOffset ?? g.offset * 8;
      if (wBit === gBit) continue;
      if (wBit < gBit) throw new Error(`struct ${layout.name}: member ${w.name || '(anonymous)'} sits at ${w.offset} in BTF but its type cannot be placed before ${g.offset} (packed?)`);
      let a = Math.max(1, aligns[i]);
      while (a < 4096 && Math.ceil(g.offset / a) * a < w.offset) a *= 2;
      if (w.bitSize === undefined && wBit % 8 === 0 && Math.ceil(g.offset / a) * a === w.offset) {
        // The smallest alignment that puts the member where BTF has it (an `__aligned()` or
        // a cacheline-aligned type); a larger one would also raise the struct's own.
        aligns[i] = a;
        fields[i] = decl.packed ? { ...fields[i], aligned: [num(a)] } : { ...fields[i], type: opaqueType(w.type, w.size, a) };
        notes.push(`${w.name || '(anonymous)'} is aligned to ${a} bytes (inferred from its BTF offset)`);
      } else if (w.bitSize !== undefined || wBit % 8 !== 0 || gBit % 8 !== 0) {
        const gap = bitField(undefined, w.bitSize !== undefined ? w.size : 4, wBit - gBit, BTF_POS);
        if (!gap) throw new Error(`struct ${layout.name}: cannot model the ${wBit - gBit}-bit gap before ${w.name || '(anonymous)'}`);
        fields.splice(i, 0, { ...gap, packed: decl.packed });
        want.splice(i, 0, { ...w, name: '', bitOffset: gBit, bitSize: wBit - gBit });
        aligns.splice(i, 0, 0);
      } else {
        fields.splice(i, 0, opaqueField(undefined, w.offset - g.offset, 1, BTF_POS, 'padding'));
        want.splice(i, 0, { ...w, name: '', offset: g.offset, size: w.offset - g.offset, bitOffset: undefined, bitSize: undefined });
        aligns.splice(i, 0, 1);
        notes.push(`${w.offset - g.offset} bytes of unnamed padding before ${w.name || '(anonymous)'} (not in BTF)`);
      }
      changed = true;
      break;
    }
    if (changed) continue;
    const size = relayout().size;
    if (size === layout.size) return;
    if (size > layout.size) throw new Error(`struct ${layout.name}: re-laid-out size ${size} exceeds BTF's ${layout.size}`);
    let a = 1;
    while (a <= 4096 && Math.ceil(size / a) * a < layout.size) a *= 2;
    if (Math.ceil(size / a) * a === layout.size) {
      decl.aligned = [num(a)];
      notes.push(`struct ${layout.name} is aligned to ${a} bytes (inferred from its BTF size)`);
    } else {
      const end = Math.max(0, ...want.map((m) => m.offset + m.size));
      fields.push(opaqueField(undefined, layout.size - end, 1, BTF_POS, 'padding'));
      want.push({ name: '', offset: end, size: layout.size - end, type: 'padding', depth: 0 });
      aligns.push(1);
      notes.push(`${layout.size - end} bytes of unnamed trailing padding (not in BTF)`);
    }
  }
  throw new Error(`struct ${layout.name}: cannot reproduce its BTF layout`);
}

export function emptyUnitFor(): TranslationUnit {
  return { structs: new Map(), unions: new Map(), enums: new Map(), typedefs: new Map(), enumConstants: new Map(), variables: new Map(), diagnostics: [] };
}

/**
 * Gives the types a snippet names but does not define (`__u32`, `struct hlist_node`,
 * `spinlock_t`) their size and alignment from BTF; pointers need nothing.
 */
export function resolveFromBtf(src: BtfTypeSource, fields: readonly FieldDecl[], missing: Set<string>): FieldDecl[] {
  const fix = (t: CType): CType => {
    switch (t.kind) {
      case 'unknown': {
        try {
          const info = src.typeInfo(t.name);
          return opaqueType(t.name, info.size, info.align);
        } catch {
          missing.add(t.name);
          return t;
        }
      }
      case 'array': return { ...t, of: fix(t.of) };
      case 'atomic': return { ...t, type: fix(t.type) };
      case 'record': {
        if (t.decl.fields) {
          t.decl.fields = t.decl.fields.map((f) => ({ ...f, type: fix(f.type) }));
          return t;
        }
        const spelled = `${t.decl.kind} ${t.decl.tag ?? ''}`;
        try {
          const info = src.typeInfo(spelled);
          t.decl.fields = [opaqueField('__bytes', info.size, info.align, t.decl.pos)];
        } catch {
          missing.add(spelled);
        }
        return t;
      }
      case 'enum': {
        if (t.decl.enumerators || !t.decl.tag) return t;
        try {
          const info = src.typeInfo(`enum ${t.decl.tag}`);
          return opaqueType(`enum ${t.decl.tag}`, info.size, info.align);
        } catch {
          missing.add(`enum ${t.decl.tag}`);
          return t;
        }
      }
      default: return t;
    }
  };
  return fields.map((f) => ({ ...f, type: fix(f.type) }));
}
