// Reads this machine's slab caches (/sys/kernel/slab, /proc/slabinfo) for the slab table.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SlabMachine } from '../core/impact';
import { KNOWN_CACHES } from '../core/impact/slab-known';
import { cpuListCount, parseSlabinfo, slabCacheFromSysfs, type SlabSysfsCache, type SlabSysfsFiles } from '../core/impact/slab-sysfs';

const SLAB = '/sys/kernel/slab';
const FILES = ['object_size', 'slab_size', 'align', 'objs_per_slab', 'order', 'ctor', 'destroy_by_rcu', 'hwcache_align',
  'poison', 'red_zone', 'store_user', 'reclaim_account', 'cache_dma'] as const;

function read(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** undefined when this is not a Linux machine with SLUB's sysfs. */
export function readSlabMachine(): SlabMachine | undefined {
  if (!existsSync(path.join(SLAB, 'kmalloc-64'))) return undefined;
  const present = read('/sys/devices/system/cpu/present');
  const possible = read('/sys/devices/system/cpu/possible');
  if (!present || !possible) return undefined;
  const cmdline = read('/proc/cmdline') ?? '';
  const param = (name: string): number | undefined => {
    const m = new RegExp(`\\b(?:slab|slub)_${name}=(\\d+)`).exec(cmdline);
    return m ? Number(m[1]) : undefined;
  };
  const caches = new Map<string, SlabSysfsCache>();
  for (const cache of Object.keys(KNOWN_CACHES)) {
    const dir = path.join(SLAB, cache);
    if (!existsSync(dir)) continue;
    const files: SlabSysfsFiles = {};
    for (const f of FILES) {
      const t = read(path.join(dir, f));
      if (t !== undefined) files[f] = t;
    }
    try {
      caches.set(cache, slabCacheFromSysfs(cache, files));
    } catch {
      // An unreadable cache directory is left out rather than guessed.
    }
  }
  const info = read('/proc/slabinfo');
  return {
    env: { pageSize: 4096, presentCpus: cpuListCount(present), nrCpuIds: cpuListCount(possible), minObjects: param('min_objects'), minOrder: param('min_order'), maxOrder: param('max_order') },
    caches,
    active: info ? parseSlabinfo(info) : undefined,
  };
}
