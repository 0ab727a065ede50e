import type { BaseName } from '../c/ctypes';
import type { AbiName } from './types';

/** Size and alignment in bytes, as GCC's TYPE_SIZE / TYPE_ALIGN give them. */
export interface SizeAlign {
  size: number;
  align: number;
}

export interface Abi {
  name: AbiName;
  pointer: number;
  base: Partial<Record<BaseName, SizeAlign>>;
  /**
   * i386's ADJUST_FIELD_ALIGN: inside a struct, scalar-mode fields (long long, double…)
   * not explicitly aligned get at most this alignment, although `__alignof__` says 8.
   */
  fieldAlignCap?: number;
  /** AAPCS and AAPCS64: unnamed bit-fields (also :0) still raise the struct alignment to their type's. */
  alignAnonBitfield: boolean;
  /** What a bare `__attribute__((aligned))` means (BIGGEST_ALIGNMENT). */
  biggestAlignment: number;
  bigEndian: false;
}

const common: Partial<Record<BaseName, SizeAlign>> = {
  void: { size: 1, align: 1 },
  _Bool: { size: 1, align: 1 },
  char: { size: 1, align: 1 },
  'signed char': { size: 1, align: 1 },
  'unsigned char': { size: 1, align: 1 },
  short: { size: 2, align: 2 },
  'unsigned short': { size: 2, align: 2 },
  int: { size: 4, align: 4 },
  'unsigned int': { size: 4, align: 4 },
  'long long': { size: 8, align: 8 },
  'unsigned long long': { size: 8, align: 8 },
  float: { size: 4, align: 4 },
  double: { size: 8, align: 8 },
  _Float16: { size: 2, align: 2 },
  'float _Complex': { size: 8, align: 4 },
  'double _Complex': { size: 16, align: 8 },
};

const lp64: Partial<Record<BaseName, SizeAlign>> = {
  ...common,
  long: { size: 8, align: 8 },
  'unsigned long': { size: 8, align: 8 },
  __int128: { size: 16, align: 16 },
  'unsigned __int128': { size: 16, align: 16 },
  'long double': { size: 16, align: 16 },
  'long double _Complex': { size: 32, align: 16 },
  __float128: { size: 16, align: 16 },
};

const ilp32: Partial<Record<BaseName, SizeAlign>> = {
  ...common,
  long: { size: 4, align: 4 },
  'unsigned long': { size: 4, align: 4 },
};

export const ABIS: Record<AbiName, Abi> = {
  x86_64: { name: 'x86_64', pointer: 8, base: lp64, alignAnonBitfield: false, biggestAlignment: 16, bigEndian: false },
  arm64: { name: 'arm64', pointer: 8, base: lp64, alignAnonBitfield: true, biggestAlignment: 16, bigEndian: false },
  i386: {
    name: 'i386', pointer: 4,
    base: {
      ...ilp32,
      'long double': { size: 12, align: 4 },
      'long double _Complex': { size: 24, align: 4 },
      __float128: { size: 16, align: 16 },
    },
    fieldAlignCap: 4, alignAnonBitfield: false, biggestAlignment: 16, bigEndian: false,
  },
  arm: {
    name: 'arm', pointer: 4,
    base: { ...ilp32, 'long double': { size: 8, align: 8 }, 'long double _Complex': { size: 16, align: 8 } },
    alignAnonBitfield: true, biggestAlignment: 8, bigEndian: false,
  },
};

export const ABI_NAMES = Object.keys(ABIS) as AbiName[];

export function isAbiName(s: string): s is AbiName {
  return Object.prototype.hasOwnProperty.call(ABIS, s);
}
