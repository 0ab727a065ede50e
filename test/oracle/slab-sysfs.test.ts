import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type SlabCacheSpec, type SlabEnv, slabGeometry } from '../../src/core/impact/slab';

/**
 * The slab model against the kernel itself: for every cache in /sys/kernel/slab, the
 * geometry computed from object_size, align and flags must equal the kernel's own
 * slab_size, objs_per_slab and order.
 */
const SLAB = '/sys/kernel/slab';
const skip = existsSync(path.join(SLAB, 'kmalloc-64', 'slab_size')) ? false : `no SLUB sysfs at ${SLAB}`;

/**
 * Caches created with kmem_cache_args.use_freeptr_offset in Linux 6.12–6.18 (sysfs does
 * not show it): fs/file_table.c files_init() (filp, bfilp), mm/vma_init.c (vm_area_struct),
 * io_uring/io_uring.c (io_kiocb). Their RCU free pointer stays inside the object.
 */
const FREEPTR_IN_OBJECT = new Set(['filp', 'bfilp', 'vm_area_struct', 'io_kiocb']);

/** Count of CPUs in a sysfs cpu list such as `0-3,8`. */
function cpuCount(file: string): number {
  const text = readFileSync(file, 'utf8').trim();
  let n = 0;
  for (const part of text.split(',').filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    n += b === undefined ? 1 : b - a + 1;
  }
  return n;
}

function readNum(dir: string, f: string): number {
  return Number(readFileSync(path.join(dir, f), 'utf8').trim().split(/\s+/)[0]);
}

function readFlag(dir: string, f: string): boolean {
  const p = path.join(dir, f);
  return existsSync(p) && readFileSync(p, 'utf8').trim() === '1';
}

test('the SLUB model reproduces slab_size, objs_per_slab and order of every cache on this machine', { skip }, () => {
  const cmdline = readFileSync('/proc/cmdline', 'utf8');
  const param = (name: string): number | undefined => {
    const m = new RegExp(`\\b(?:slab|slub)_${name}=(\\d+)`).exec(cmdline);
    return m ? Number(m[1]) : undefined;
  };
  const env: SlabEnv = {
    pageSize: 4096,
    presentCpus: cpuCount('/sys/devices/system/cpu/present'),
    nrCpuIds: cpuCount('/sys/devices/system/cpu/possible'),
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
    const spec: SlabCacheSpec = {
      objectSize: readNum(dir, 'object_size'),
      align: readNum(dir, 'align'),
      ctor: readFileSync(path.join(dir, 'ctor'), 'utf8').trim() !== '',
      typesafeByRcu: readFlag(dir, 'destroy_by_rcu'),
      freeptrInObject: FREEPTR_IN_OBJECT.has(name),
      poison: readFlag(dir, 'poison'),
      redZone: readFlag(dir, 'red_zone'),
      storeUser: readFlag(dir, 'store_user'),
      kmalloc: name.includes('kmalloc-'),
    };
    const want = { size: readNum(dir, 'slab_size'), objsPerSlab: readNum(dir, 'objs_per_slab'), order: readNum(dir, 'order') };
    const got = slabGeometry(spec, env);
    compared++;
    if (got.size !== want.size || got.objsPerSlab !== want.objsPerSlab || got.order !== want.order) {
      mismatches.push(`${name}: object_size ${spec.objectSize} align ${spec.align}: ours ${got.size}/${got.objsPerSlab}/${got.order}, kernel ${want.size}/${want.objsPerSlab}/${want.order}`);
    }
  }
  console.log(`slab oracle: ${compared} caches compared (present cpus ${env.presentCpus}, nr_cpu_ids ${env.nrCpuIds}); ${mismatches.length} mismatches`);
  for (const m of mismatches) console.log(`  ${m}`);
  assert.ok(compared > 10, `only ${compared} caches found`);
  assert.deepEqual(mismatches, []);
});
