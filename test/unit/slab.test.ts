import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type SlabEnv, SlabFitError, getOrder, resizedSpec, slabAlign, slabGeometry, slabObjectSize, slabOrder } from '../../src/core/impact/slab';
import { cpuListCount, parseSlabinfo, slabCacheFromSysfs } from '../../src/core/impact/slab-sysfs';
import { cacheObjectName, matchCaches } from '../../src/core/impact/slab-match';
import { knownCacheSpec, knownCachesOf } from '../../src/core/impact/slab-known';
import { slabMemoryImpact } from '../../src/core/impact/slab-memory';

const TWO_CPUS: SlabEnv = { pageSize: 4096, presentCpus: 2, nrCpuIds: 2 };

test('calculate_alignment: SLAB_HWCACHE_ALIGN halves the line for small objects', () => {
  assert.equal(slabAlign(184, 0, true), 64);
  assert.equal(slabAlign(24, 0, true), 32);
  assert.equal(slabAlign(16, 0, true), 16);
  assert.equal(slabAlign(8, 0, true), 8);
  assert.equal(slabAlign(616, 0, false), 8);
  assert.equal(slabAlign(100, 4, false), 8);
  assert.equal(slabAlign(100, 128, true), 128);
});

test('free pointer: inside the object unless a ctor, RCU without freeptr offset, or poisoning', () => {
  assert.deepEqual(slabObjectSize({ objectSize: 616, align: 8 }, TWO_CPUS), { size: 616, freePointer: 'inside' });
  assert.deepEqual(slabObjectSize({ objectSize: 616, align: 8, ctor: true }, TWO_CPUS), { size: 624, freePointer: 'after' });
  assert.deepEqual(slabObjectSize({ objectSize: 192, align: 64, typesafeByRcu: true }, TWO_CPUS), { size: 256, freePointer: 'after' });
  assert.deepEqual(slabObjectSize({ objectSize: 192, align: 64, typesafeByRcu: true, freeptrInObject: true }, TWO_CPUS), { size: 192, freePointer: 'inside' });
  assert.deepEqual(slabObjectSize({ objectSize: 61, align: 8 }, TWO_CPUS), { size: 64, freePointer: 'inside' });
  // Red zone on an 8-aligned object: a word after it, the free pointer stays in, left pad of a word.
  assert.deepEqual(slabObjectSize({ objectSize: 64, align: 8, redZone: true }, TWO_CPUS), { size: 64 + 8 + 8 + 8, freePointer: 'inside' });
  // Store user: two tracks (and the kmalloc original size, 4 bytes, then aligned).
  assert.equal(slabObjectSize({ objectSize: 64, align: 8, storeUser: true }, { ...TWO_CPUS, trackSize: 32 }).size, 64 + 64);
  assert.equal(slabObjectSize({ objectSize: 64, align: 8, storeUser: true, kmalloc: true }, { ...TWO_CPUS, trackSize: 32 }).size, 64 + 64 + 8);
});

test('calculate_order: worked examples from the kernel rules (2 CPUs: min_objects 12)', () => {
  // 624-byte objects: 12 need 7488 bytes → order 1; 8192 % 624 = 80 ≤ 8192/16.
  assert.deepEqual(slabGeometry({ objectSize: 616, align: 8, ctor: true }, TWO_CPUS), { size: 624, objsPerSlab: 13, order: 1, slabBytes: 8192, freePointer: 'after', leftover: 80 });
  // 5888 bytes: at most 5 per order-3 slab, waste 3328 > 1/16 but ≤ 1/8 of 32 KiB.
  assert.equal(slabOrder(5888, TWO_CPUS), 3);
  // Bigger than slub_max_order allows several of: one object, smallest order that fits.
  assert.equal(slabOrder(40000, TWO_CPUS), 4);
  assert.equal(slabOrder(8, TWO_CPUS), 0);
  // More CPUs want more objects per slab: 64 CPUs → min_objects 4 * (7 + 1) = 32.
  assert.equal(slabOrder(624, { pageSize: 4096, presentCpus: 64, nrCpuIds: 64 }), 3);
  assert.equal(getOrder(4097, 4096), 1);
});

test('regression (fuzz): objects past 2 GiB get an order instead of a shift that wraps forever', () => {
  // 4096 << 19 is negative in 32 bits; get_order of 8 GiB is 21 (4096 * 2^21 = 2^33).
  assert.equal(getOrder(2 ** 33, 4096), 21);
  assert.equal(getOrder(2 ** 43 + 1, 4096), 32);
  // The largest slab SLUB makes is order 10 (MAX_PAGE_ORDER): 4 MiB holds one 3 MiB object.
  assert.deepEqual(slabGeometry({ objectSize: 3 << 20, align: 8 }, TWO_CPUS), { size: 3 << 20, objsPerSlab: 1, order: 10, slabBytes: 4 << 20, freePointer: 'inside', leftover: 1 << 20 });
  for (const size of [(4 << 20) + 8, 2 ** 33]) {
    assert.throws(() => slabOrder(size, TWO_CPUS), (e: unknown) => e instanceof SlabFitError && e.size === size && e.maxPageOrder === 10);
  }
});

test('geometry invariants hold for any object size and flags', () => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 65536 }), fc.constantFrom(8, 16, 32, 64, 128), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 256 }),
    (objectSize, align, ctor, rcu, cpus) => {
      const env: SlabEnv = { pageSize: 4096, presentCpus: cpus, nrCpuIds: cpus };
      const g = slabGeometry({ objectSize, align, ctor, typesafeByRcu: rcu }, env);
      assert.ok(g.size >= objectSize && g.size % align === 0);
      assert.ok(g.objsPerSlab >= 1 && g.objsPerSlab * g.size + g.leftover === g.slabBytes);
      assert.ok(g.leftover < g.size);
      if (g.order <= 3 && g.objsPerSlab > 1) assert.ok(g.leftover <= g.slabBytes / 2);
    }));
});

test('memory impact of a geometry change for a population of objects', () => {
  const before = slabGeometry({ objectSize: 616, align: 8, ctor: true }, TWO_CPUS);
  const after = slabGeometry({ objectSize: 624, align: 8, ctor: true }, TWO_CPUS);
  assert.equal(before.objsPerSlab, 13);
  // 632 bytes: 12 per 8 KiB wastes 608 > 512, so SLUB moves to order 2 with 25 per slab.
  assert.deepEqual([after.size, after.objsPerSlab, after.order], [632, 25, 2]);
  const m = slabMemoryImpact(before, after, 1300);
  assert.equal(m.slabsBefore, 100);
  assert.equal(m.slabsAfter, 52);
  assert.equal(m.deltaBytes, 52 * 16384 - 100 * 8192);
  assert.equal(m.deltaPages, 8);
  assert.throws(() => slabMemoryImpact(before, after, -1), RangeError);
});

test('sysfs and /proc/slabinfo readers', () => {
  assert.equal(cpuListCount('0-3,8\n'), 5);
  assert.equal(cpuListCount('0'), 1);
  assert.throws(() => cpuListCount('3-1'), RangeError);
  const c = slabCacheFromSysfs('filp', {
    object_size: '184\n', slab_size: '192\n', align: '64\n', objs_per_slab: '21\n', order: '0\n', ctor: '\n', destroy_by_rcu: '1\n', hwcache_align: '1\n',
  });
  assert.deepEqual(c.kernel, { size: 192, objsPerSlab: 21, order: 0 });
  assert.equal(c.spec.freeptrInObject, true);
  assert.equal(c.spec.typesafeByRcu, true);
  assert.equal(c.spec.ctor, false);
  assert.throws(() => slabCacheFromSysfs('x', { object_size: 'abc' }), RangeError);
  const rows = parseSlabinfo([
    'slabinfo - version: 2.1',
    '# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>',
    'ext4_inode_cache    3075   3164   1128   14    4 : tunables    0    0    0 : slabdata    226    226      0',
    'inode_cache        12844  13026    624   13    2 : tunables    0    0    0 : slabdata   1002   1002      0',
  ].join('\n'));
  assert.deepEqual(rows.get('inode_cache'), { name: 'inode_cache', activeObjs: 12844, numObjs: 13026, objSize: 624, objPerSlab: 13, pagesPerSlab: 2 });
  assert.equal(rows.size, 2);
});

test('a hwcache-aligned cache recomputes its alignment when the object grows', () => {
  const spec = { objectSize: 184, align: 64, typesafeByRcu: true, freeptrInObject: true };
  assert.deepEqual(resizedSpec(spec, 30, true), { ...spec, objectSize: 30, align: 32 });
  assert.deepEqual(resizedSpec({ objectSize: 616, align: 8, ctor: true }, 624, false), { objectSize: 624, align: 8, ctor: true });
});

test('caches are matched to the structs they hold by name', () => {
  const structs = new Set(['ext4_inode', 'ext4_inode_info', 'btrfs_inode', 'btrfs_inode_info', 'inode', 'proc_inode', 'file', 'socket_alloc']);
  const exists = (n: string): boolean => structs.has(n);
  assert.equal(cacheObjectName('ext4_inode_cache', exists), 'ext4_inode_info');
  assert.equal(cacheObjectName('btrfs_inode', exists), 'btrfs_inode');
  assert.equal(cacheObjectName('inode_cache', exists), 'inode');
  assert.equal(cacheObjectName('proc_inode_cache', exists), 'proc_inode');
  assert.equal(cacheObjectName('filp', exists), 'file');
  assert.equal(cacheObjectName('sock_inode_cache', exists), 'socket_alloc');
  assert.equal(cacheObjectName('kmalloc-64', exists), undefined);
  assert.equal(cacheObjectName(':0000192', exists), undefined);
  const m = matchCaches([{ name: 'ext4_inode_cache', objectSize: 1120 }, { name: 'inode_cache', objectSize: 600 }, { name: 'dentry', objectSize: 192 }],
    [{ name: 'ext4_inode_info', size: 1120 }, { name: 'inode', size: 616 }], exists);
  assert.deepEqual(m.map((x) => [x.cache.name, x.struct, x.sizeAgrees]), [['ext4_inode_cache', 'ext4_inode_info', true], ['inode_cache', 'inode', false]]);
});

test('known caches give a model input without sysfs', () => {
  assert.deepEqual(knownCachesOf('inode'), ['inode_cache']);
  assert.deepEqual(knownCacheSpec('filp', 184), { objectSize: 184, align: 64, ctor: false, typesafeByRcu: true, freeptrInObject: true });
  assert.equal(knownCacheSpec('ext4_inode_cache', 1120)?.align, 8);
  assert.equal(knownCacheSpec('nope', 8), undefined);
  assert.equal(slabGeometry(knownCacheSpec('inode_cache', 616)!, TWO_CPUS).objsPerSlab, 13);
});
