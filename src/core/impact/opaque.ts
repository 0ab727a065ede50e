// Types known only by size and alignment (from BTF), in the form the layout engine reads:
// `unsigned char[size]` with an `aligned(align)` attribute lays out exactly like them.
import type { CType, Expr, FieldDecl, SourcePos } from '../c/ctypes';

export const num = (n: number): Expr => ({ kind: 'num', value: BigInt(n), unsigned: false, long: 0 });

const BYTES: CType = { kind: 'base', name: 'unsigned char' };

export function opaqueType(name: string, size: number, align: number): CType {
  return { kind: 'typedef', name, type: { kind: 'array', of: BYTES, length: num(size) }, aligned: num(align) };
}

export function opaqueField(name: string | undefined, size: number, align: number, pos: SourcePos, typeName = 'opaque'): FieldDecl {
  return { name, type: opaqueType(typeName, size, align), packed: false, pos };
}

const INT_OF_SIZE: Record<number, CType> = {
  1: { kind: 'base', name: 'unsigned char' },
  2: { kind: 'base', name: 'unsigned short' },
  4: { kind: 'base', name: 'unsigned int' },
  8: { kind: 'base', name: 'unsigned long long' },
};

/** A bit-field of the declared type's size (the unit GCC packs it into). */
export function bitField(name: string | undefined, typeSize: number, bits: number, pos: SourcePos): FieldDecl | undefined {
  const type = INT_OF_SIZE[typeSize];
  if (!type) return undefined;
  return { name, type, bitWidth: num(bits), packed: false, pos };
}
