import type { Btf } from './btf';
import { BtfError } from './btf-error';
import { BtfKind } from './btf-kinds';
import { alignOf } from './btf-align';
import { pointerSize, sizeOf } from './btf-resolve';

export interface SpelledTypeInfo {
  size: number;
  align: number;
  /** BTF id of the base type (before pointers and arrays); undefined for pointers to unknown types. */
  id?: number;
  pointer: boolean;
  /** Array dimensions applied to the base, outermost first. */
  dims: number[];
}

/** Annotations kernel headers put in declarations that do not change the type's layout. */
const IGNORED = new Set([
  'const', 'volatile', 'restrict', '__restrict', '__rcu', '__user', '__percpu', '__iomem', '__force',
  '__kernel', '__bitwise', '__private', '__randomize_layout', '__must_check', 'static', 'extern',
  'register', 'inline', '__always_inline', '__read_mostly', '__ro_after_init', '__nocast', '__safe',
]);

const INT_WORDS = new Set(['signed', 'unsigned', 'short', 'long', 'int', 'char']);

/** GCC's spelling of a C integer type (the name BTF carries), e.g. `unsigned long` → `long unsigned int`. */
export function canonicalIntName(words: readonly string[]): string | undefined {
  if (words.length === 0 || !words.every((w) => INT_WORDS.has(w))) return undefined;
  const longs = words.filter((w) => w === 'long').length;
  const unsigned = words.includes('unsigned');
  const signed = words.includes('signed');
  if (words.includes('char')) return unsigned ? 'unsigned char' : signed ? 'signed char' : 'char';
  if (words.includes('short')) return unsigned ? 'short unsigned int' : 'short int';
  if (longs >= 2) return unsigned ? 'long long unsigned int' : 'long long int';
  if (longs === 1) return unsigned ? 'long unsigned int' : 'long int';
  return unsigned ? 'unsigned int' : 'int';
}

/**
 * Size and alignment of a type as a hunk spells it: `struct bpf_local_storage __rcu *`,
 * `struct fsnotify_mark_connector`, `unsigned long`, `u8 [16]`, `spinlock_t`,
 * `void (*)(struct inode *)`. Throws BtfError naming the type when it is unknown.
 */
export function spelledType(btf: Btf, spelled: string): SpelledTypeInfo {
  let text = spelled
    .replace(/__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)/g, ' ')
    .replace(/\b(?:__aligned|__counted_by|__guarded_by|__counted_by_le|__counted_by_be)\s*\([^)]*\)/g, ' ')
    .trim();
  const dims: number[] = [];
  for (let m = /\[\s*([^\]]*)\s*\]\s*$/.exec(text); m; m = /\[\s*([^\]]*)\s*\]\s*$/.exec(text)) {
    const n = m[1] === '' ? 0 : Number(m[1]);
    if (!Number.isInteger(n) || n < 0) throw new BtfError(`array dimension "${m[1]}" of ${spelled} is not a number`);
    dims.unshift(n);
    text = text.slice(0, m.index).trim();
  }
  const count = dims.reduce((a, b) => a * b, 1);
  // Function pointers and any `*` make a pointer, whatever it points to.
  if (/\(\s*\*/.test(text) || text.includes('*')) {
    const ps = pointerSize(btf);
    return { size: ps * count, align: ps, pointer: true, dims };
  }
  const words = text.split(/\s+/).filter((w) => w !== '' && !IGNORED.has(w));
  const id = resolveBase(btf, words, spelled);
  const size = sizeOf(btf, id);
  return { size: size * count, align: alignOf(btf, id), id, pointer: false, dims };
}

function resolveBase(btf: Btf, words: string[], spelled: string): number {
  if (words.length === 0) throw new BtfError(`no type in "${spelled}"`);
  const tag = words[0];
  if ((tag === 'struct' || tag === 'union' || tag === 'enum') && words.length === 2) {
    const kinds = tag === 'struct' ? [BtfKind.Struct] : tag === 'union' ? [BtfKind.Union] : [BtfKind.Enum, BtfKind.Enum64];
    const id = btf.find(words[1], kinds);
    if (id !== undefined) return id;
    if (btf.find(words[1], [BtfKind.Fwd]) !== undefined) throw new BtfError(`${tag} ${words[1]} is only forward-declared in this BTF: its size is unknown`);
    throw new BtfError(`${tag} ${words[1]} is not in this BTF`);
  }
  const intName = canonicalIntName(words);
  if (intName) {
    const id = btf.find(intName, [BtfKind.Int]);
    if (id !== undefined) return id;
    throw new BtfError(`integer type ${intName} is not in this BTF`);
  }
  if (words.length === 1) {
    const id = btf.find(tag, [BtfKind.Typedef, BtfKind.Int, BtfKind.Float]);
    if (id !== undefined) return id;
  }
  throw new BtfError(`unknown type "${words.join(' ')}" (from "${spelled}")`);
}

/** sizeof() of a type as spelled in C. */
export function btfSizeof(btf: Btf, spelled: string): number {
  return spelledType(btf, spelled).size;
}
