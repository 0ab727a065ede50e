import type { Btf } from './btf';
import { BtfKind } from './btf-kinds';
import { stripModifiers, stripQualifiers } from './btf-resolve';

/** One place where a struct/union holds another by value (not through a pointer). */
export interface Embedding {
  /** The containing struct or union, e.g. `ext4_inode_info`. */
  container: string;
  containerKind: 'struct' | 'union';
  containerSize: number;
  /** Member path inside the container, e.g. `vfs_inode`, `u.inode`, `slots[0]`. */
  path: string;
  /** Byte offset of the embedded object in the container (first element for arrays). */
  offset: number;
  /** Element count when embedded as an array. */
  count: number;
  /** 1 for a direct container; 2 when the container is itself embedded in one, and so on. */
  level: number;
}

interface Edge { container: number; path: string; offset: number; count: number }

const reverse = new WeakMap<Btf, Map<number, Edge[]>>();

/** For every named struct/union, what it embeds; inverted once per BTF. */
function edges(btf: Btf): Map<number, Edge[]> {
  let map = reverse.get(btf);
  if (map) return map;
  map = new Map();
  for (let id = 1; id < btf.count; id++) {
    const k = btf.kind(id);
    if ((k !== BtfKind.Struct && k !== BtfKind.Union) || !btf.hasName(id)) continue;
    collect(btf, id, id, 0, '', map, 0);
  }
  reverse.set(btf, map);
  return map;
}

function collect(btf: Btf, container: number, agg: number, base: number, prefix: string, map: Map<number, Edge[]>, depth: number): void {
  if (depth > 32) return;
  btf.forEachMember(agg, (nameOff, type, bitOffset, bitfieldSize) => {
    if (bitfieldSize > 0) return;
    let t = stripModifiers(btf, type);
    let count = 1;
    for (let i = 0; i < 8 && btf.kind(t) === BtfKind.Array; i++) {
      const a = btf.arrayInfo(t);
      count *= a.nelems;
      t = stripModifiers(btf, a.type);
    }
    const k = btf.kind(t);
    if (k !== BtfKind.Struct && k !== BtfKind.Union) return;
    const offset = base + Math.floor(bitOffset / 8);
    const path = prefix + (nameOff ? btf.str(nameOff) : '');
    if (!btf.hasName(t)) {
      // Inline anonymous aggregate (not via a typedef): its members belong to this container.
      const spelled = stripQualifiers(btf, type);
      if (spelled === t || btf.kind(spelled) === BtfKind.Array) collect(btf, container, t, offset, path ? `${path}.` : prefix, map, depth + 1);
      return;
    }
    const list = map.get(t);
    const edge = { container, path: path || '(anonymous)', offset, count };
    if (list) list.push(edge);
    else map.set(t, [edge]);
  });
}

/**
 * The structs and unions that hold `name` by value — for `inode`: ext4_inode_info,
 * xfs_inode, shmem_inode_info, proc_inode, socket_alloc… With `transitive`, containers of
 * containers too (level 2, 3…), each reported once at its lowest level.
 */
export function btfEmbedders(btf: Btf, name: string, opts: { transitive?: boolean } = {}): Embedding[] {
  const map = edges(btf);
  const targets = btf.byName(name.replace(/^\s*(struct|union)\s+/, '').trim())
    .filter((id) => btf.kind(id) === BtfKind.Struct || btf.kind(id) === BtfKind.Union);
  const out: Embedding[] = [];
  // Module BTFs repeat shared types (netfs_inode in every network filesystem): report each once.
  const reported = new Set<string>();
  const seen = new Set<number>(targets);
  let frontier = targets;
  for (let level = 1; frontier.length > 0; level++) {
    const next: number[] = [];
    for (const t of frontier) {
      for (const e of map.get(t) ?? []) {
        if (!seen.has(e.container)) {
          seen.add(e.container);
          next.push(e.container);
        }
        const key = `${btf.name(e.container)}\0${e.path}\0${e.offset}\0${btf.rawSize(e.container)}`;
        if (reported.has(key)) continue;
        reported.add(key);
        out.push({
          container: btf.name(e.container),
          containerKind: btf.kind(e.container) === BtfKind.Union ? 'union' : 'struct',
          containerSize: btf.rawSize(e.container),
          path: e.path,
          offset: e.offset,
          count: e.count,
          level,
        });
      }
    }
    if (!opts.transitive) break;
    frontier = next;
  }
  return out;
}
