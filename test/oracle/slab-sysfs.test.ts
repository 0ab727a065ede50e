import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type SlabEnv, slabAlign, slabGeometry } from '../../src/core/impact/slab';
import { type SlabSysfsFiles, cpuListCount, slabCacheFromSysfs } from '../../src/core/impact/slab-sysfs';
import { KNOWN_CACHES, knownCacheSpec } from '../../src/core/impact/slab-known';

/**
 * The slab model against the kernel itself: for every cache in /sys/kernel/slab, the
 * geometry computed from object_size, align and flags must equal the kernel's own
 * slab_size, objs_per_slab and order.
 */
const SLAB = '/sys/kernel/slab';
const skip = existsSync(path.join(SLAB, 'kmalloc-64', 'slab_size')) ? false : `no SLUB sysfs at ${SLAB}`;

const FILES = ['object_size', 'slab_size', 'align', 'objs_per_slab', 'order', 'ctor', 'destroy_by_rcu', 'hwcache_align',
  'poison', 'red_zone', 'store_user', 'reclaim_account', 'cache_dma'] as const;

function readCache(dir: string): SlabSysfsFiles {
  const files: SlabSysfsFiles = {};
  for (const f of FILES) {
    const p = path.join(dir, f);
    if (existsSync(p)) files[f] = readFileSync(p, 'utf8');
  }
  return files;
}

test('the SLUB model reproduces slab_size, objs_per_slab and order of every cache on this machine', { skip }, () => {
  const cmdline = readFileSync('/proc/cmdline', 'utf8');
  const param = (name: string): number | undefined => {
    const m = new RegExp(`\\b(?:slab|slub)_${name}=(\\d+)`).exec(cmdline);
    return m ? Number(m[1]) : undefined;
  };
  const env: SlabEnv = {
    pageSize: 4096,
    presentCpus: cpuListCount(readFileSync('/sys/devices/system/cpu/present', 'utf8')),
    nrCpuIds: cpuListCount(readFileSync('/sys/devices/system/cpu/possible', 'utf8')),
    minObjects: param('min_objects'),
    minOrder: param('min_order'),
    maxOrder: param('max_order'),
  };
  const mismatches: string[] = [];
  let compared = 0;
  for (const name of readdirSync(SLAB).sort()) {
    const dir = path.join(SLAB, name);
    // Aliases of merged caches are symlinks to the cache that holds them.
    if (lstatSync(dir).isSymbolicLink()) continue;
    const { spec, kernel: want, hwcacheAlign } = slabCacheFromSysfs(name, readCache(dir));
    // calculate_alignment(): SLAB_HWCACHE_ALIGN caches must get their align from the object size.
    if (hwcacheAlign && slabAlign(spec.objectSize, 0, true) !== spec.align) {
      mismatches.push(`${name}: hwcache alignment of ${spec.objectSize} bytes: ours ${slabAlign(spec.objectSize, 0, true)}, kernel ${spec.align}`);
    }
    const got = slabGeometry(spec, env);
    compared++;
    if (got.size !== want.size || got.objsPerSlab !== want.objsPerSlab || got.order !== want.order) {
      mismatches.push(`${name}: object_size ${spec.objectSize} align ${spec.align}: ours ${got.size}/${got.objsPerSlab}/${got.order}, kernel ${want.size}/${want.objsPerSlab}/${want.order}`);
    }
  }
  // The built-in table of well-known caches (used when there is no sysfs) against this kernel.
  let known = 0;
  for (const [name, k] of Object.entries(KNOWN_CACHES)) {
    const dir = path.join(SLAB, name);
    if (!existsSync(dir) || lstatSync(dir).isSymbolicLink()) continue;
    const { spec, hwcacheAlign } = slabCacheFromSysfs(name, readCache(dir));
    const model = knownCacheSpec(name, spec.objectSize)!;
    known++;
    if (k.ctor !== spec.ctor || k.typesafeByRcu !== spec.typesafeByRcu || k.hwcacheAlign !== hwcacheAlign || model.align !== spec.align) {
      mismatches.push(`${name}: known-cache table says ctor=${k.ctor} rcu=${k.typesafeByRcu} hwcache=${k.hwcacheAlign} align=${model.align}; kernel ctor=${spec.ctor} rcu=${spec.typesafeByRcu} hwcache=${hwcacheAlign} align=${spec.align}`);
    }
  }
  console.log(`slab oracle: ${known} entries of the known-cache table checked against the kernel`);
  console.log(`slab oracle: ${compared} caches compared (present cpus ${env.presentCpus}, nr_cpu_ids ${env.nrCpuIds}); ${mismatches.length} mismatches`);
  for (const m of mismatches) console.log(`  ${m}`);
  assert.ok(compared > 10, `only ${compared} caches found`);
  assert.deepEqual(mismatches, []);
});
