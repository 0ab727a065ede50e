import type { Btf } from './btf';
import { BtfKind } from './btf-kinds';

/**
 * A C spelling of a type, close to what kernel headers write:
 * `struct bpf_local_storage __rcu *`, `const struct inode_operations *`, `char[32]`,
 * `void (*)(struct callback_head *)`.
 */
export function typeName(btf: Btf, id: number): string {
  return render(btf, id, '', 0);
}

function tagName(tag: string): string {
  return tag.startsWith('__') ? tag : `__${tag}`;
}

/** `inner` is the declarator text built so far (e.g. `*`, `[4]`), C inside-out style. */
function render(btf: Btf, id: number, inner: string, depth: number): string {
  if (depth > 64) return '?';
  const join = (base: string): string => (inner === '' ? base : inner.startsWith('[') ? base + inner : `${base} ${inner}`);
  const k = btf.kind(id);
  switch (k) {
    case BtfKind.Unknown:
      return join('void');
    case BtfKind.Int:
    case BtfKind.Float:
    case BtfKind.Typedef:
      return join(btf.name(id));
    case BtfKind.Struct:
    case BtfKind.Union:
    case BtfKind.Enum:
    case BtfKind.Enum64: {
      const word = k === BtfKind.Struct ? 'struct' : k === BtfKind.Union ? 'union' : 'enum';
      return join(`${word} ${btf.name(id) || '{...}'}`);
    }
    case BtfKind.Fwd:
      return join(`${btf.kindFlag(id) ? 'union' : 'struct'} ${btf.name(id)}`);
    case BtfKind.Ptr:
      return render(btf, btf.ref(id), inner === '' ? '*' : inner.startsWith('[') ? `(*)${inner}` : `*${inner}`, depth + 1);
    case BtfKind.Array: {
      const a = btf.arrayInfo(id);
      return render(btf, a.type, `${inner}[${a.nelems}]`, depth + 1);
    }
    case BtfKind.Const:
    case BtfKind.Volatile:
    case BtfKind.Restrict: {
      const q = k === BtfKind.Const ? 'const' : k === BtfKind.Volatile ? 'volatile' : 'restrict';
      const target = btf.ref(id);
      // A qualified pointer reads `T *const`; a qualified object reads `const T`.
      if (btf.kind(target) === BtfKind.Ptr) return render(btf, target, inner === '' ? q : `${q} ${inner}`, depth + 1);
      const base = render(btf, target, '', depth + 1);
      return join(`${q} ${base}`);
    }
    case BtfKind.TypeTag: {
      const base = render(btf, btf.ref(id), '', depth + 1);
      return join(`${base} ${tagName(btf.name(id))}`);
    }
    case BtfKind.FuncProto: {
      const ps = btf.params(id).map((p, i, all) =>
        p.type === 0 && i === all.length - 1 ? '...' : render(btf, p.type, '', depth + 1));
      const args = ps.length === 0 ? 'void' : ps.join(', ');
      const decl = inner === '' ? `(${args})` : `(${inner})(${args})`;
      return render(btf, btf.ref(id), decl, depth + 1);
    }
    case BtfKind.Func:
    case BtfKind.Var:
    case BtfKind.DeclTag:
      return render(btf, btf.ref(id), inner, depth + 1);
    default:
      return join(btf.name(id) || '?');
  }
}
