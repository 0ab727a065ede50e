/**
 * Which slab caches hold which struct. Cache names mostly follow the struct they hold
 * (`ext4_inode_cache` → `ext4_inode_info`, `proc_inode_cache` → `proc_inode`); the few
 * that do not are listed from the kernel sources that create them.
 */

/** Cache → struct where the names do not say it (fs/file_table.c, net/socket.c, block/bdev.c, fs/dcache.c…). */
export const CACHE_OBJECTS: Readonly<Record<string, string>> = {
  filp: 'file',
  bfilp: 'backing_file',
  sock_inode_cache: 'socket_alloc',
  bdev_cache: 'bdev_inode',
  dentry: 'dentry',
  names_cache: '',
  files_cache: 'files_struct',
  fs_cache: 'fs_struct',
  signal_cache: 'signal_struct',
  sighand_cache: 'sighand_struct',
  mm_struct: 'mm_struct',
  task_struct: 'task_struct',
  dax_cache: 'dax_device',
  nfs_inode_cache: 'nfs_inode',
  ovl_inode: 'ovl_inode',
  skbuff_head_cache: 'sk_buff',
  skbuff_fclone_cache: 'sk_buff_fclones',
  nf_conntrack: 'nf_conn',
  TCP: 'tcp_sock',
  TCPv6: 'tcp6_sock',
  UDP: 'udp_sock',
  UDPv6: 'udp6_sock',
};

/**
 * Structs a cache may hold, most likely first: `X_inode_cache` holds `X_inode_info` when
 * that exists (ext4, squashfs: `X_inode` is then the on-disk inode), else `X_inode`; a
 * cache without the suffix (`btrfs_inode`) holds the struct of its own name first.
 */
export function cacheStructCandidates(cache: string): string[] {
  if (cache in CACHE_OBJECTS) return CACHE_OBJECTS[cache] ? [CACHE_OBJECTS[cache]] : [];
  if (cache.startsWith(':') || /kmalloc-|^(memdup_user|msg_msg|bio)-/.test(cache)) return [];
  const base = cache.replace(/(_cachep?|-cache)$/, '');
  // A cache named exactly after a struct (btrfs_inode, xfs_inode) holds that struct.
  return base === cache ? [base, `${base}_info`, `${base}_struct`] : [`${base}_info`, base, `${base}_struct`];
}

/** The struct a cache holds, given which struct names exist (e.g. in BTF). */
export function cacheObjectName(cache: string, exists: (struct: string) => boolean): string | undefined {
  return cacheStructCandidates(cache).find(exists);
}

/** Whether a cache holds this struct, given which struct names exist. */
export function cacheHolds(cache: string, struct: string, exists: (struct: string) => boolean): boolean {
  return cacheObjectName(cache, exists) === struct;
}

export interface CacheMatch<C> {
  cache: C;
  struct: string;
  /** Object size agrees with sizeof(struct): the cache really holds it on this kernel. */
  sizeAgrees: boolean;
}

/**
 * Caches holding any of `structs` (a struct and its embedders, with their sizes), matched by
 * name; `sizeAgrees` says whether object_size equals the struct's size here.
 */
export function matchCaches<C extends { name: string; objectSize: number }>(
  caches: readonly C[], structs: readonly { name: string; size: number }[], exists: (struct: string) => boolean,
): CacheMatch<C>[] {
  const out: CacheMatch<C>[] = [];
  for (const c of caches) {
    const held = cacheObjectName(c.name, exists);
    const s = structs.find((x) => x.name === held);
    if (s) out.push({ cache: c, struct: s.name, sizeAgrees: c.objectSize === s.size });
  }
  return out;
}
