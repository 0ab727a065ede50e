/** BTF_KIND_* values from include/uapi/linux/btf.h. */
export const enum BtfKind {
  Unknown = 0,
  Int = 1,
  Ptr = 2,
  Array = 3,
  Struct = 4,
  Union = 5,
  Enum = 6,
  Fwd = 7,
  Typedef = 8,
  Volatile = 9,
  Const = 10,
  Restrict = 11,
  Func = 12,
  FuncProto = 13,
  Var = 14,
  Datasec = 15,
  Float = 16,
  DeclTag = 17,
  TypeTag = 18,
  Enum64 = 19,
}

export const KIND_NAMES: readonly string[] = [
  'UNKNOWN', 'INT', 'PTR', 'ARRAY', 'STRUCT', 'UNION', 'ENUM', 'FWD', 'TYPEDEF', 'VOLATILE',
  'CONST', 'RESTRICT', 'FUNC', 'FUNC_PROTO', 'VAR', 'DATASEC', 'FLOAT', 'DECL_TAG', 'TYPE_TAG',
  'ENUM64',
];

/** Bytes that follow the 12-byte common header of a type record, per kind (vlen = entries). */
export function extraBytes(kind: number, vlen: number): number {
  switch (kind) {
    case BtfKind.Int: return 4;
    case BtfKind.Array: return 12;
    case BtfKind.Struct:
    case BtfKind.Union: return 12 * vlen;
    case BtfKind.Enum: return 8 * vlen;
    case BtfKind.FuncProto: return 8 * vlen;
    case BtfKind.Var: return 4;
    case BtfKind.Datasec: return 12 * vlen;
    case BtfKind.DeclTag: return 4;
    case BtfKind.Enum64: return 12 * vlen;
    case BtfKind.Ptr:
    case BtfKind.Fwd:
    case BtfKind.Typedef:
    case BtfKind.Volatile:
    case BtfKind.Const:
    case BtfKind.Restrict:
    case BtfKind.Func:
    case BtfKind.Float:
    case BtfKind.TypeTag: return 0;
    default: return -1;
  }
}

/** Kinds whose third header word is a type id rather than a size. */
export function hasTypeRef(kind: number): boolean {
  return kind === BtfKind.Ptr || kind === BtfKind.Typedef || kind === BtfKind.Volatile ||
    kind === BtfKind.Const || kind === BtfKind.Restrict || kind === BtfKind.Func ||
    kind === BtfKind.FuncProto || kind === BtfKind.Var || kind === BtfKind.DeclTag ||
    kind === BtfKind.TypeTag;
}
