import type { Btf } from './btf';
import { BtfError } from './btf-error';
import { BtfKind } from './btf-kinds';

/** Reference chains longer than this are treated as cycles (real BTF nests a few levels). */
const MAX_CHAIN = 64;

/** Follow qualifiers and type tags (not typedefs): what a member declaration spells inline. */
export function stripQualifiers(btf: Btf, id: number): number {
  for (let i = 0; i < MAX_CHAIN; i++) {
    const k = btf.kind(id);
    if (k !== BtfKind.Const && k !== BtfKind.Volatile && k !== BtfKind.Restrict && k !== BtfKind.TypeTag) return id;
    id = btf.ref(id);
  }
  throw new BtfError(`BTF: reference cycle through type ${id}`);
}

/** Follow typedefs, qualifiers and type tags down to the type that has a layout. */
export function stripModifiers(btf: Btf, id: number): number {
  for (let i = 0; i < MAX_CHAIN; i++) {
    const k = btf.kind(id);
    if (k !== BtfKind.Typedef && k !== BtfKind.Const && k !== BtfKind.Volatile &&
      k !== BtfKind.Restrict && k !== BtfKind.TypeTag) return id;
    id = btf.ref(id);
  }
  throw new BtfError(`BTF: reference cycle through type ${id}`);
}

const ptrSizes = new WeakMap<Btf, number>();

/**
 * Pointer width of the target. BTF records no pointer size, so take it from `long`
 * (LP64 and ILP32 alike make the two equal); 8 when the blob has no `long`.
 */
export function pointerSize(btf: Btf): number {
  let size = ptrSizes.get(btf);
  if (size === undefined) {
    const id = btf.find('long unsigned int', [BtfKind.Int]) ?? btf.find('long int', [BtfKind.Int]);
    size = id === undefined ? 8 : btf.rawSize(id);
    ptrSizes.set(btf, size);
  }
  return size;
}

/** sizeof() of a type id; throws BtfError for incomplete types (void, FWD, functions). */
export function sizeOf(btf: Btf, id: number, depth = 0): number {
  if (depth > MAX_CHAIN) throw new BtfError(`BTF: type nesting too deep at type ${id}`);
  const k = btf.kind(id);
  switch (k) {
    case BtfKind.Int:
    case BtfKind.Enum:
    case BtfKind.Enum64:
    case BtfKind.Struct:
    case BtfKind.Union:
    case BtfKind.Float:
    case BtfKind.Datasec:
      return btf.rawSize(id);
    case BtfKind.Ptr:
      return pointerSize(btf);
    case BtfKind.Array: {
      const a = btf.arrayInfo(id);
      return a.nelems === 0 ? 0 : a.nelems * sizeOf(btf, a.type, depth + 1);
    }
    case BtfKind.Typedef:
    case BtfKind.Const:
    case BtfKind.Volatile:
    case BtfKind.Restrict:
    case BtfKind.TypeTag:
    case BtfKind.Var:
      return sizeOf(btf, btf.ref(id), depth + 1);
    default:
      throw new BtfError(`BTF: type ${id} (${btf.kindName(id)}${btf.name(id) ? ' ' + btf.name(id) : ''}) has no size (incomplete type)`);
  }
}
