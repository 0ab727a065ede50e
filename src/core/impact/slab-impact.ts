// The figure reviewers argue with: what a struct's new size does to the slab caches that
// hold it, directly or embedded (ext4_inode_info holds an inode), as SLUB lays them out.
import { LayoutContext, layoutRecordDecl } from '../layout';
import type { AbiName } from '../layout/types';
import type { BtfTypeSource } from '../types/type-source';
import { baseRecord, emptyUnitFor } from './btf-record';
import { opaqueField } from './opaque';
import { type SlabCacheSpec, type SlabEnv, SlabFitError, maxPageOrder, resizedSpec, slabGeometry, slabSize } from './slab';
import { slabMemoryImpact } from './slab-memory';
import type { SlabinfoRow, SlabSysfsCache } from './slab-sysfs';
import { KNOWN_CACHES, knownCacheSpec, knownCachesOf } from './slab-known';
import type { Scenario, SlabRow } from './types';

/** What the front end read on this machine (/sys/kernel/slab, /proc/slabinfo, CPU counts). */
export interface SlabMachine {
  env: SlabEnv;
  caches: ReadonlyMap<string, SlabSysfsCache>;
  active?: ReadonlyMap<string, SlabinfoRow>;
}

/** Without a machine to read, SLUB's order choice is modelled for this many CPUs. */
export const DEFAULT_CPUS = 8;

/** Size of `container` after the `inner` struct it embeds (at top-level member `path`) changes size. */
function resizedContainer(src: BtfTypeSource, container: string, path: string, inner: { size: number; align: number }, abi: AbiName): number | undefined {
  if (path.includes('.') || path.includes('[')) return undefined;
  const layout = src.structLayout(container);
  const base = baseRecord(src, layout, abi);
  const i = base.names.indexOf(path);
  if (i < 0) return undefined;
  const fields = base.decl.fields!.slice();
  fields[i] = opaqueField(path, inner.size, inner.align, fields[i].pos);
  return layoutRecordDecl(new LayoutContext(emptyUnitFor(), abi), { ...base.decl, fields }, container).size;
}

/** The cache's geometry for an object of `size`, or undefined where no slab order holds it. */
function fitted(spec: SlabCacheSpec, size: number, hw: boolean, env: SlabEnv): ReturnType<typeof slabGeometry> | undefined {
  try {
    return slabGeometry(resizedSpec(spec, size, hw), env);
  } catch (e) {
    if (e instanceof SlabFitError) return undefined;
    throw e;
  }
}

export function slabRows(struct: string, sc: Scenario, src: BtfTypeSource, abi: AbiName, machine?: SlabMachine): { rows: SlabRow[]; notes: string[] } {
  const notes: string[] = [];
  if (!sc.before || !sc.after) return { rows: [], notes };
  const env: SlabEnv = machine?.env ?? { pageSize: 4096, presentCpus: DEFAULT_CPUS, nrCpuIds: DEFAULT_CPUS };
  if (!machine) notes.push(`slab orders modelled for ${DEFAULT_CPUS} CPUs and 4 KiB pages (no /sys/kernel/slab read)`);
  const holders: { container: string; before: number; after: number | undefined }[] = [{ container: struct, before: sc.before.size, after: sc.after.size }];
  let embedders: ReturnType<BtfTypeSource['embedders']> = [];
  try {
    embedders = src.embedders(struct, { transitive: false });
  } catch {
    embedders = [];
  }
  for (const e of embedders) {
    if (e.count !== 1) continue;
    let after: number | undefined;
    try {
      after = resizedContainer(src, e.container, e.path, sc.after, abi);
    } catch {
      after = undefined;
    }
    holders.push({ container: e.container, before: e.containerSize, after });
  }
  const rows: SlabRow[] = [];
  for (const h of holders) {
    for (const cache of knownCachesOf(h.container)) {
      const known = KNOWN_CACHES[cache];
      if (h.after === undefined) {
        notes.push(`${cache}: struct ${h.container} holds ${struct} inside a nested member; not re-laid out`);
        continue;
      }
      if (known.dynamicSize) notes.push(`${cache}: ${known.dynamicSize}; the figures are for the struct alone`);
      const seen = machine?.caches.get(cache);
      const hw = seen ? seen.hwcacheAlign : known.hwcacheAlign;
      const spec: SlabCacheSpec | undefined = seen ? { ...seen.spec, objectSize: h.before } : knownCacheSpec(cache, h.before);
      if (!spec) continue;
      const before = fitted(spec, h.before, hw, env);
      const after = fitted(spec, h.after, hw, env);
      if (!before || !after) {
        // SLUB refuses such a cache (kmem_cache_create fails): no geometry to compare
        const size = before ? h.after : h.before;
        notes.push(`${cache}: struct ${h.container} of ${size} B does not fit SLUB's largest slab (order ${maxPageOrder(env)}, ${slabSize(env.pageSize, maxPageOrder(env))} B); kmem_cache_create would fail`);
        continue;
      }
      const row: SlabRow = {
        cache, object: h.container,
        objectSizeBefore: h.before, objectSizeAfter: h.after,
        slabSizeBefore: before.size, slabSizeAfter: after.size,
        objsPerSlabBefore: before.objsPerSlab, objsPerSlabAfter: after.objsPerSlab,
        orderBefore: before.order, orderAfter: after.order,
      };
      const active = machine?.active?.get(cache);
      if (active) {
        row.activeObjects = active.activeObjs;
        row.pagesDelta = slabMemoryImpact(before, after, active.activeObjs, env.pageSize).deltaPages;
      }
      rows.push(row);
    }
  }
  return { rows, notes };
}
