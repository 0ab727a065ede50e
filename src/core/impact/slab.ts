/**
 * SLUB's cache geometry: object size → slab_size, objects per slab and order, as
 * mm/slub.c computes them (calculate_alignment(), calculate_sizes(), calculate_order(),
 * calc_slab_order() of Linux 6.x, KASAN off).
 */

export interface SlabCacheSpec {
  /** kmem_cache->object_size: what the cache was created with (sizeof the struct). */
  objectSize: number;
  /** Final kmem_cache->align (what /sys/kernel/slab/<cache>/align shows); see slabAlign(). */
  align: number;
  /** A constructor: the free pointer cannot live inside the object. */
  ctor?: boolean;
  /** SLAB_TYPESAFE_BY_RCU: likewise, unless the cache names a free-pointer offset. */
  typesafeByRcu?: boolean;
  /** kmem_cache_args.use_freeptr_offset (filp, vm_area_struct…): free pointer stays inside the object. */
  freeptrInObject?: boolean;
  /** SLUB debug flags (slub_debug=…): poison, red zone, store user. */
  poison?: boolean;
  redZone?: boolean;
  storeUser?: boolean;
  /** SLAB_KMALLOC caches keep the original request size when storing users. */
  kmalloc?: boolean;
}

export interface SlabEnv {
  pageSize: number;
  /** num_present_cpus() (calculate_order falls back to nr_cpu_ids when it is 1). */
  presentCpus: number;
  /** nr_cpu_ids: possible CPUs. */
  nrCpuIds: number;
  /** Boot parameters slab_min_objects / slab_min_order / slab_max_order (0, 0, 3 when unset). */
  minObjects?: number;
  minOrder?: number;
  maxOrder?: number;
  /** sizeof(void *). */
  pointerSize?: number;
  /** sizeof(struct track) of mm/slub.c (32 on 64-bit with CONFIG_STACKDEPOT). */
  trackSize?: number;
  /** MAX_PAGE_ORDER (10 on x86_64). */
  maxPageOrder?: number;
}

export interface SlabGeometry {
  /** kmem_cache->size: bytes per object in the slab (`slab_size` in sysfs). */
  size: number;
  objsPerSlab: number;
  order: number;
  /** Bytes of one slab: PAGE_SIZE << order. */
  slabBytes: number;
  /** Where the free pointer lives: inside the object (reused) or appended after it. */
  freePointer: 'inside' | 'after';
  /** Unused bytes at the end of each slab. */
  leftover: number;
}

/** Defaults of an x86_64 kernel with 4 KiB pages. */
export const X86_64_SLAB_ENV: SlabEnv = { pageSize: 4096, presentCpus: 1, nrCpuIds: 1 };

const MAX_OBJS_PER_PAGE = 32767;

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

function fls(n: number): number {
  return n <= 0 ? 0 : 32 - Math.clz32(n);
}

/** MAX_PAGE_ORDER (x86_64's default) unless the machine said otherwise: SLUB's largest slab. */
export function maxPageOrder(env: SlabEnv): number {
  return env.maxPageOrder ?? 10;
}

/** calculate_sizes() fails for such an object, and so does kmem_cache_create(). */
export class SlabFitError extends RangeError {
  constructor(readonly size: number, readonly maxPageOrder: number) {
    super(`slab object of ${size} bytes does not fit any page order`);
  }
}

/** get_order(): the smallest order whose slab holds `bytes`. */
export function getOrder(bytes: number, pageSize: number): number {
  let order = 0;
  // multiplied, not shifted: `pageSize << order` wraps past 2 GiB and never reaches a bigger object
  while (slabSize(pageSize, order) < bytes) order++;
  return order;
}

/** PAGE_SIZE << order, exact beyond 32 bits. */
export function slabSize(pageSize: number, order: number): number {
  return pageSize * 2 ** order;
}

/**
 * calculate_alignment(): SLAB_HWCACHE_ALIGN halves the cache line while the object fits
 * in half of it; the result is at least the arch minimum and a multiple of a pointer.
 */
export function slabAlign(objectSize: number, requested: number, hwcacheAlign: boolean, cacheLine = 64, minAlign = 8, pointerSize = 8): number {
  let align = requested;
  if (hwcacheAlign) {
    let ralign = cacheLine;
    while (objectSize <= ralign / 2) ralign /= 2;
    align = Math.max(align, ralign);
  }
  align = Math.max(align, minAlign);
  return alignUp(align, pointerSize);
}

/** calculate_sizes() up to s->size: object, free pointer, debug metadata, alignment. */
export function slabObjectSize(spec: SlabCacheSpec, env: SlabEnv): { size: number; freePointer: 'inside' | 'after' } {
  const ptr = env.pointerSize ?? 8;
  const track = env.trackSize ?? 32;
  let size = alignUp(spec.objectSize, ptr);
  if (spec.redZone && size === spec.objectSize) size += ptr;
  const origSize = !!(spec.storeUser && spec.kmalloc);
  let freePointer: 'inside' | 'after' = 'inside';
  if ((spec.typesafeByRcu && !spec.freeptrInObject) || spec.poison || spec.ctor ||
    (spec.redZone && (spec.objectSize < ptr || origSize))) {
    freePointer = 'after';
    size += ptr;
  }
  if (spec.storeUser) {
    size += 2 * track;
    if (origSize) size += 4;
  }
  if (spec.redZone) {
    size += ptr;
    size += alignUp(ptr, spec.align);
  }
  return { size: alignUp(size, spec.align), freePointer };
}

function orderObjects(order: number, size: number, pageSize: number): number {
  return Math.floor(slabSize(pageSize, order) / size);
}

function calcSlabOrder(size: number, minOrder: number, maxOrder: number, fract: number, pageSize: number): number {
  let order = minOrder;
  for (; order <= maxOrder; order++) {
    const slab = slabSize(pageSize, order);
    if (slab % size <= slab / fract) break;
  }
  return order;
}

/** calculate_order(): the smallest order with at most 1/16 (then 1/8, 1/4) waste. */
export function slabOrder(size: number, env: SlabEnv): number {
  const page = env.pageSize;
  const maxOrder = env.maxOrder ?? 3;
  let minObjects = env.minObjects ?? 0;
  if (!minObjects) {
    const cpus = env.presentCpus <= 1 ? env.nrCpuIds : env.presentCpus;
    minObjects = 4 * (fls(cpus) + 1);
  }
  const maxObjects = Math.max(orderObjects(maxOrder, size, page), 1);
  minObjects = Math.min(minObjects, maxObjects);
  const minOrder = Math.max(env.minOrder ?? 0, getOrder(minObjects * size, page));
  if (orderObjects(minOrder, size, page) > MAX_OBJS_PER_PAGE) return getOrder(size * MAX_OBJS_PER_PAGE, page) - 1;
  for (let fraction = 16; fraction > 1; fraction /= 2) {
    const order = calcSlabOrder(size, minOrder, maxOrder, fraction, page);
    if (order <= maxOrder) return order;
  }
  const order = getOrder(size, page);
  if (order <= maxPageOrder(env)) return order;
  throw new SlabFitError(size, maxPageOrder(env));
}

/** The whole geometry of a cache as SLUB sets it up. */
export function slabGeometry(spec: SlabCacheSpec, env: SlabEnv): SlabGeometry {
  const { size, freePointer } = slabObjectSize(spec, env);
  const order = slabOrder(size, env);
  const slabBytes = slabSize(env.pageSize, order);
  const objsPerSlab = orderObjects(order, size, env.pageSize);
  return { size, objsPerSlab, order, slabBytes, freePointer, leftover: slabBytes - objsPerSlab * size };
}

/**
 * The cache after its object changes size: SLAB_HWCACHE_ALIGN caches recompute their
 * alignment from the new size (calculate_alignment); others keep theirs.
 */
export function resizedSpec(spec: SlabCacheSpec, objectSize: number, hwcacheAlign: boolean, requestedAlign = 0): SlabCacheSpec {
  const align = hwcacheAlign ? slabAlign(objectSize, requestedAlign, true) : spec.align;
  return { ...spec, objectSize, align };
}
