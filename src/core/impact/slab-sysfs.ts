import type { SlabCacheSpec } from './slab';

/**
 * Caches created with kmem_cache_args.use_freeptr_offset (Linux 6.12–6.18): their RCU free
 * pointer lives inside the object, which /sys/kernel/slab does not show.
 * fs/file_table.c files_init() (filp, bfilp), mm/vma_init.c (vm_area_struct),
 * io_uring/io_uring.c (io_kiocb).
 */
export const FREEPTR_IN_OBJECT: ReadonlySet<string> = new Set(['filp', 'bfilp', 'vm_area_struct', 'io_kiocb']);

/** The files of one /sys/kernel/slab/<cache>/ directory, as text (read by the caller). */
export type SlabSysfsFiles = Partial<Record<
  'object_size' | 'slab_size' | 'align' | 'objs_per_slab' | 'order' | 'ctor' | 'destroy_by_rcu' |
  'hwcache_align' | 'poison' | 'red_zone' | 'store_user' | 'reclaim_account' | 'cache_dma',
  string>>;

export interface SlabSysfsCache {
  name: string;
  spec: SlabCacheSpec;
  hwcacheAlign: boolean;
  /** What the kernel reports, to compare with the model. */
  kernel: { size: number; objsPerSlab: number; order: number };
}

function num(files: SlabSysfsFiles, key: keyof SlabSysfsFiles, cache: string): number {
  const text = files[key];
  const n = text === undefined ? NaN : Number(text.trim().split(/\s+/)[0]);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`/sys/kernel/slab/${cache}/${key}: not a number`);
  return n;
}

const flag = (files: SlabSysfsFiles, key: keyof SlabSysfsFiles): boolean => (files[key] ?? '').trim() === '1';

/** A cache's model input and kernel figures from its sysfs files. */
export function slabCacheFromSysfs(name: string, files: SlabSysfsFiles): SlabSysfsCache {
  return {
    name,
    spec: {
      objectSize: num(files, 'object_size', name),
      align: num(files, 'align', name),
      ctor: (files.ctor ?? '').trim() !== '',
      typesafeByRcu: flag(files, 'destroy_by_rcu'),
      freeptrInObject: FREEPTR_IN_OBJECT.has(name),
      poison: flag(files, 'poison'),
      redZone: flag(files, 'red_zone'),
      storeUser: flag(files, 'store_user'),
      kmalloc: name.includes('kmalloc-'),
    },
    hwcacheAlign: flag(files, 'hwcache_align'),
    kernel: { size: num(files, 'slab_size', name), objsPerSlab: num(files, 'objs_per_slab', name), order: num(files, 'order', name) },
  };
}

/** Number of CPUs in a sysfs CPU list such as `0-3,8` (/sys/devices/system/cpu/present). */
export function cpuListCount(text: string): number {
  let n = 0;
  for (const part of text.trim().split(',').filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    if (!Number.isInteger(a) || (b !== undefined && !(Number.isInteger(b) && b >= a))) throw new RangeError(`bad CPU list "${text.trim()}"`);
    n += b === undefined ? 1 : b - a + 1;
  }
  return n;
}

export interface SlabinfoRow {
  name: string;
  activeObjs: number;
  numObjs: number;
  objSize: number;
  objPerSlab: number;
  pagesPerSlab: number;
}

/** /proc/slabinfo (version 2.1) rows by cache name. */
export function parseSlabinfo(text: string): Map<string, SlabinfoRow> {
  const rows = new Map<string, SlabinfoRow>();
  for (const line of text.split('\n')) {
    if (line.startsWith('slabinfo') || line.startsWith('#') || !line.trim()) continue;
    const f = line.trim().split(/\s+/);
    if (f.length < 6) continue;
    const [name, active, total, size, perSlab, pages] = f;
    const nums = [active, total, size, perSlab, pages].map(Number);
    if (nums.some((n) => !Number.isInteger(n))) continue;
    rows.set(name, { name, activeObjs: nums[0], numObjs: nums[1], objSize: nums[2], objPerSlab: nums[3], pagesPerSlab: nums[4] });
  }
  return rows;
}
