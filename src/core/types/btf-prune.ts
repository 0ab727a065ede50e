import type { Btf } from './btf';
import { BtfKind, hasTypeRef } from './btf-kinds';
import { writeBtf } from './btf-write';

export interface PruneOptions {
  /** Roots: types to keep with everything they reference. Default: every type that describes data. */
  keep?: (btf: Btf, id: number) => boolean;
  /** Drop FUNC_PROTO parameter names (not needed for layouts). Default true. */
  dropParamNames?: boolean;
}

export interface PruneResult {
  bytes: Uint8Array;
  /** Old id → new id (0 when dropped). */
  newIds: Uint32Array;
  kept: number;
  total: number;
}

/** Types that describe data layouts: everything but functions, variables, sections and decl tags. */
export function isDataType(btf: Btf, id: number): boolean {
  const k = btf.kind(id);
  return k !== BtfKind.Func && k !== BtfKind.Var && k !== BtfKind.Datasec && k !== BtfKind.DeclTag && k !== BtfKind.FuncProto;
}

/** Type ids a record refers to. */
function refs(btf: Btf, id: number): number[] {
  const k = btf.kind(id);
  if (hasTypeRef(k)) {
    const out = [btf.ref(id)];
    if (k === BtfKind.FuncProto) for (const p of btf.params(id)) out.push(p.type);
    return out;
  }
  if (k === BtfKind.Array) {
    const a = btf.arrayInfo(id);
    return [a.type, a.indexType];
  }
  if (k === BtfKind.Struct || k === BtfKind.Union) return btf.members(id).map((m) => m.type);
  if (k === BtfKind.Datasec) return btf.datasecVars(id).map((v) => v.type);
  return [];
}

/**
 * A smaller, self-contained BTF (little-endian) holding the kept types and everything they
 * reference, ids renumbered in their original order and the string section rebuilt.
 * Layouts read from it are the same as from the original.
 */
export function pruneBtf(btf: Btf, opts: PruneOptions = {}): PruneResult {
  const keepRoot = opts.keep ?? isDataType;
  const dropParams = opts.dropParamNames ?? true;
  const kept = new Uint8Array(btf.count);
  const stack: number[] = [];
  for (let id = 1; id < btf.count; id++) if (keepRoot(btf, id)) stack.push(id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === 0 || kept[id]) continue;
    kept[id] = 1;
    for (const r of refs(btf, id)) if (r !== 0 && !kept[r]) stack.push(r);
  }
  const newId = new Uint32Array(btf.count);
  let n = 1;
  for (let id = 1; id < btf.count; id++) if (kept[id]) newId[id] = n++;

  const items: number[] = [];
  for (let id = 1; id < btf.count; id++) if (kept[id]) items.push(id);
  const bytes = writeBtf([{ btf, ids: items, mapRef: (r) => newId[r] }], { dropParamNames: dropParams });
  return { bytes, newIds: newId, kept: n - 1, total: btf.count - 1 };
}

