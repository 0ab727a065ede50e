/*
 * GCC's record layout (stor-layout.cc: layout_decl, update_alignment_for_field,
 * place_field, place_union_field) for PCC_BITFIELD_TYPE_MATTERS targets, which all four
 * ABIs are. Positions and alignments are in bits here, as in GCC, so packed bit-fields
 * and the "ordinary integer mode" bit-field rule come out exactly.
 */
import type { FieldDecl, RecordDecl } from '../c/ctypes';
import type { LayoutContext, TypeInfo } from './context';
import { LayoutError } from './errors';

export interface PlacedField {
  field: FieldDecl;
  info: TypeInfo;
  /** Bits from the start of this record. */
  bitPos: number;
  /** Bits occupied: the width for bit-fields, size * 8 otherwise. */
  bits: number;
  bitField: boolean;
}

export interface RecordInfo {
  size: number;
  align: number;
  userAlign: boolean;
  fields: PlacedField[];
}

function roundUp(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

function leastBit(x: number): number {
  let b = 1;
  while (x % (b * 2) === 0) b *= 2;
  return b;
}

export function layoutRecord(ctx: LayoutContext, decl: RecordDecl): RecordInfo {
  const isUnion = decl.kind === 'union';
  const attr = ctx.alignAttr(decl.aligned);
  let recordAlign = Math.max(8, (attr ?? 1) * 8);
  let recordUser = attr !== undefined;
  // GCC keeps a position as rli->offset (here in bits, a multiple of offset_align) plus
  // rli->bitpos, normalized below offset_align only after each field is placed; some
  // roundings apply to bitpos alone, which is visible with over-aligned bit-field types.
  const offsetAlign = Math.max(recordAlign, ctx.abi.biggestAlignment * 8);
  let offset = 0;
  let bitpos = 0;
  const normalize = (): void => {
    if (bitpos >= offsetAlign) {
      offset += Math.floor(bitpos / offsetAlign) * offsetAlign;
      bitpos %= offsetAlign;
    }
  };
  let unionSize = 0;
  const fields: PlacedField[] = [];
  const list = decl.fields ?? [];
  for (let i = 0; i < list.length; i++) {
    const f = list[i];
    const info = ctx.info(f.type);
    const what = `${decl.kind} ${decl.tag ?? '<anonymous>'} member '${f.name ?? '<anonymous>'}'`;
    const bitField = f.bitWidth !== undefined;
    const width = bitField ? ctx.evalNumber(f.bitWidth!, `width of bit-field ${what}`) : 0;
    if (bitField) {
      if (!info.integer) throw new LayoutError(`bit-field ${what} has non-integer type`);
      if (width < 0 || width > info.size * 8) throw new LayoutError(`width ${width} of bit-field ${what} exceeds its type`);
    }
    if (!bitField && info.size === 0 && i !== list.length - 1 && resolveFlexible(f)) {
      throw new LayoutError(`flexible array ${what} is not the last member`);
    }
    // DECL_PACKED: set by packed on the member, or on the struct for fields that could be misaligned.
    const declPacked = f.packed || (decl.packed && (bitField || info.align > 1));
    const userDecl = ctx.alignAttr(f.aligned);
    const oldUser = userDecl !== undefined;
    let declAlign = userDecl !== undefined ? userDecl * 8 : 1;
    let declUser = oldUser;
    let packedP = declPacked;
    const typeAlign = info.align * 8;

    // known_align: alignment of the next free position (0 = at the start).
    let known = bitpos !== 0 ? leastBit(bitpos) : offset !== 0 ? leastBit(offset) : 0;
    if (isUnion) known = 0;
    let bitFieldFlag = bitField;

    if (bitField) {
      if (width === 0) {
        packedP = false;
        if (typeAlign > declAlign) {
          declAlign = typeAlign;
          declUser = info.userAlign;
        }
      }
      // A bit-field of exactly a mode's width at a position aligned for that mode becomes an ordinary field.
      if (width === 8 || width === 16 || width === 32 || width === 64 || width === 128) {
        const xalign = width;
        if (!(xalign > 8 && declPacked) && (known === 0 || known >= xalign)) {
          declAlign = Math.max(xalign, declAlign);
          bitFieldFlag = false;
        }
      }
    } else if (!(packedP && declUser)) {
      if (typeAlign > declAlign) {
        declAlign = typeAlign;
        declUser = info.userAlign;
      }
    }
    if (packedP && !oldUser) declAlign = Math.min(declAlign, 8);
    if (!packedP && !declUser) declAlign = ctx.fieldAlign(info, declAlign);

    // update_alignment_for_field
    const desired = declAlign;
    let userAlign = declUser;
    if (bitField) {
      if (f.name !== undefined || ctx.abi.alignAnonBitfield) {
        let ta = info.userAlign ? typeAlign : ctx.fieldAlign(info, typeAlign);
        if (width !== 0 && declPacked) ta = Math.min(ta, 8);
        recordAlign = Math.max(recordAlign, desired, ta);
        userAlign = userAlign || info.userAlign;
      }
    } else {
      recordAlign = Math.max(recordAlign, desired);
    }
    recordUser = recordUser || userAlign;

    const bits = bitField ? width : info.size * 8;
    if (isUnion) {
      fields.push({ field: f, info, bitPos: 0, bits, bitField });
      unionSize = Math.max(unionSize, Math.ceil(bits / 8));
      continue;
    }

    if (known === 0) known = Math.max(ctx.abi.biggestAlignment * 8, recordAlign);
    if (known < desired) {
      if (desired < offsetAlign) bitpos = roundUp(bitpos, desired);
      else {
        offset = roundUp(offset + Math.ceil(bitpos / 8) * 8, desired);
        bitpos = 0;
      }
    }

    // PCC: a bit-field may not span more alignment units of its type than the type itself.
    if (bitFieldFlag && (!declPacked || typeAlign <= 8) && width !== 0) {
      const ta = info.userAlign ? typeAlign : ctx.fieldAlign(info, typeAlign);
      const typeBits = info.size * 8;
      const off = (offset + bitpos) % ta;
      if (Math.floor((off + width + ta - 1) / ta) > Math.floor(typeBits / ta) && !declPacked) {
        // Only bitpos is rounded: a bit-field type aligned beyond offset_align (BIGGEST_ALIGNMENT,
        // 8 bytes on arm) is not moved from a multiple of offset_align.
        bitpos = roundUp(bitpos, ta);
      }
      if (!declPacked) recordUser = recordUser || info.userAlign;
    }
    normalize();
    fields.push({ field: f, info, bitPos: offset + bitpos, bits, bitField });
    bitpos += bits;
    normalize();
  }
  const sizeBits = isUnion ? unionSize * 8 : offset + bitpos;
  const size = roundUp(sizeBits, recordAlign) / 8;
  return { size, align: recordAlign / 8, userAlign: recordUser, fields };
}

function resolveFlexible(f: FieldDecl): boolean {
  return f.type.kind === 'array' && f.type.length === undefined;
}
