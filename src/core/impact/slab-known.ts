import { type SlabCacheSpec, slabAlign } from './slab';
import { FREEPTR_IN_OBJECT } from './slab-sysfs';

/**
 * How the kernel creates the caches reviewers argue about (kmem_cache_create() flags and
 * constructor in Linux 6.12–6.18), for when there is no /sys/kernel/slab to read — the
 * browser, or a kernel other than the running one. The slab oracle checks these against
 * every listed cache present on the machine.
 */
export interface KnownCache {
  struct: string;
  ctor: boolean;
  typesafeByRcu: boolean;
  hwcacheAlign: boolean;
  /** Alignment passed to kmem_cache_create(), when not 0. */
  align?: number;
  /** The object is bigger than the struct by a run-time amount (arch_task_struct_size…). */
  dynamicSize?: string;
}

const inode = (struct: string, hwcacheAlign = false): KnownCache => ({ struct, ctor: true, typesafeByRcu: false, hwcacheAlign });

export const KNOWN_CACHES: Readonly<Record<string, KnownCache>> = {
  inode_cache: inode('inode'),
  ext4_inode_cache: inode('ext4_inode_info'),
  xfs_inode: inode('xfs_inode', true),
  btrfs_inode: inode('btrfs_inode'),
  shmem_inode_cache: inode('shmem_inode_info'),
  proc_inode_cache: inode('proc_inode'),
  sock_inode_cache: inode('socket_alloc', true),
  fuse_inode: inode('fuse_inode', true),
  ovl_inode: inode('ovl_inode'),
  hugetlbfs_inode_cache: inode('hugetlbfs_inode_info'),
  squashfs_inode_cache: inode('squashfs_inode_info', true),
  erofs_inode: inode('erofs_inode'),
  bdev_cache: inode('bdev_inode', true),
  mqueue_inode_cache: inode('mqueue_inode_info', true),
  nfs_inode_cache: inode('nfs_inode'),
  filp: { struct: 'file', ctor: false, typesafeByRcu: true, hwcacheAlign: true },
  bfilp: { struct: 'backing_file', ctor: false, typesafeByRcu: true, hwcacheAlign: true },
  dentry: { struct: 'dentry', ctor: false, typesafeByRcu: false, hwcacheAlign: false },
  vm_area_struct: { struct: 'vm_area_struct', ctor: false, typesafeByRcu: true, hwcacheAlign: true },
  sighand_cache: { struct: 'sighand_struct', ctor: true, typesafeByRcu: true, hwcacheAlign: true },
  anon_vma: { struct: 'anon_vma', ctor: true, typesafeByRcu: true, hwcacheAlign: false },
  radix_tree_node: { struct: 'radix_tree_node', ctor: true, typesafeByRcu: false, hwcacheAlign: false },
  skbuff_head_cache: { struct: 'sk_buff', ctor: false, typesafeByRcu: false, hwcacheAlign: true },
  TCP: { struct: 'tcp_sock', ctor: false, typesafeByRcu: true, hwcacheAlign: true },
  TCPv6: { struct: 'tcp6_sock', ctor: false, typesafeByRcu: true, hwcacheAlign: true },
  mm_struct: { struct: 'mm_struct', ctor: false, typesafeByRcu: false, hwcacheAlign: true, dynamicSize: 'cpumask and mm_cid storage follow the struct' },
  task_struct: { struct: 'task_struct', ctor: false, typesafeByRcu: false, hwcacheAlign: false, align: 64, dynamicSize: 'the FPU xstate buffer follows the struct' },
};

/** The caches known to hold `struct` (directly). */
export function knownCachesOf(struct: string): string[] {
  return Object.keys(KNOWN_CACHES).filter((c) => KNOWN_CACHES[c].struct === struct);
}

/** A model input for a known cache whose object is `objectSize` bytes. */
export function knownCacheSpec(cache: string, objectSize: number): SlabCacheSpec | undefined {
  const k = KNOWN_CACHES[cache];
  if (!k) return undefined;
  return {
    objectSize,
    align: slabAlign(objectSize, k.align ?? 0, k.hwcacheAlign),
    ctor: k.ctor,
    typesafeByRcu: k.typesafeByRcu,
    freeptrInObject: FREEPTR_IN_OBJECT.has(cache),
  };
}
