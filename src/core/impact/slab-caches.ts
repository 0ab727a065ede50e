// The slab caches that hold kernel structs reviewers argue about, with the flags their
// kmem_cache_create() calls pass in Linux 6.12 (fs/inode.c, fs/ext4/super.c,
// fs/xfs/xfs_super.c, mm/shmem.c, fs/proc/inode.c, net/socket.c, fs/file_table.c,
// fs/dcache.c, fs/btrfs/inode.c, fs/fuse/inode.c, fs/nfs/inode.c, kernel/fork.c).
// On a machine with /sys/kernel/slab the flags read there win over these.

export interface KnownCache {
  cache: string;
  /** The struct the cache allocates (which may embed the changed one). */
  struct: string;
  ctor: boolean;
  hwcacheAlign: boolean;
  typesafeByRcu: boolean;
  freeptrInObject?: boolean;
}

export const KNOWN_CACHES: readonly KnownCache[] = [
  { cache: 'inode_cache', struct: 'inode', ctor: true, hwcacheAlign: false, typesafeByRcu: false },
  { cache: 'ext4_inode_cache', struct: 'ext4_inode_info', ctor: true, hwcacheAlign: false, typesafeByRcu: false },
  { cache: 'xfs_inode', struct: 'xfs_inode', ctor: true, hwcacheAlign: true, typesafeByRcu: false },
  { cache: 'shmem_inode_cache', struct: 'shmem_inode_info', ctor: true, hwcacheAlign: false, typesafeByRcu: false },
  { cache: 'proc_inode_cache', struct: 'proc_inode', ctor: true, hwcacheAlign: false, typesafeByRcu: false },
  { cache: 'sock_inode_cache', struct: 'socket_alloc', ctor: true, hwcacheAlign: true, typesafeByRcu: false },
  { cache: 'btrfs_inode', struct: 'btrfs_inode', ctor: true, hwcacheAlign: false, typesafeByRcu: false },
  { cache: 'fuse_inode', struct: 'fuse_inode', ctor: true, hwcacheAlign: false, typesafeByRcu: false },
  { cache: 'nfs_inode_cache', struct: 'nfs_inode', ctor: true, hwcacheAlign: false, typesafeByRcu: false },
  { cache: 'filp', struct: 'file', ctor: false, hwcacheAlign: true, typesafeByRcu: true, freeptrInObject: true },
  { cache: 'dentry', struct: 'dentry', ctor: false, hwcacheAlign: false, typesafeByRcu: false },
  { cache: 'vm_area_struct', struct: 'vm_area_struct', ctor: false, hwcacheAlign: true, typesafeByRcu: true, freeptrInObject: true },
  { cache: 'task_struct', struct: 'task_struct', ctor: false, hwcacheAlign: false, typesafeByRcu: false },
  { cache: 'mm_struct', struct: 'mm_struct', ctor: false, hwcacheAlign: true, typesafeByRcu: false },
];
