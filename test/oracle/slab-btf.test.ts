import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readBtf } from '../../src/core/types/btf';
import { BtfKind } from '../../src/core/types/btf-kinds';
import { btfEmbedders } from '../../src/core/types/btf-embed';
import { cacheObjectName, matchCaches } from '../../src/core/impact/slab-match';

/**
 * Slab caches against BTF on this machine: the struct a cache is taken to hold must have
 * exactly the cache's object_size — that is what lets a struct's byte delta become a slab
 * delta. Caches sized beyond their struct by the code that creates them are listed with
 * the reason, and must then be larger.
 */
const SLAB = '/sys/kernel/slab';
const BTF = '/sys/kernel/btf/vmlinux';
const skip = existsSync(BTF) && existsSync(path.join(SLAB, 'kmalloc-64')) ? false : 'no BTF or SLUB sysfs on this machine';

const LARGER_THAN_STRUCT: Record<string, string> = {
  task_struct: 'arch_task_struct_size: the FPU xstate buffer follows the struct (arch/x86/kernel/fpu/init.c)',
  mm_struct: 'mm_cache_init(): + cpumask_size() + mm_cid_size() (kernel/fork.c)',
  kvm_vcpu: 'kvm_init(vcpu_size): the vendor struct (vcpu_vmx/vcpu_svm) embeds kvm_vcpu (virt/kvm/kvm_main.c)',
  proc_dir_entry: 'SIZEOF_PDE: the name is stored inline after the struct (fs/proc/internal.h)',
};

test('every slab cache that names a struct holds exactly sizeof(struct) bytes', { skip }, () => {
  const btf = readBtf(new Uint8Array(readFileSync(BTF)));
  const aggregates = (n: string): number[] => btf.byName(n).filter((id) => btf.kind(id) === BtfKind.Struct || btf.kind(id) === BtfKind.Union);
  const exists = (n: string): boolean => aggregates(n).length > 0;
  const problems: string[] = [];
  let equal = 0;
  let larger = 0;
  const caches: { name: string; objectSize: number }[] = [];
  for (const name of readdirSync(SLAB).sort()) {
    if (lstatSync(path.join(SLAB, name)).isSymbolicLink()) continue;
    const objectSize = Number(readFileSync(path.join(SLAB, name, 'object_size'), 'utf8'));
    caches.push({ name, objectSize });
    const struct = cacheObjectName(name, exists);
    if (!struct) continue;
    const sizes = aggregates(struct).map((id) => btf.rawSize(id));
    if (sizes.includes(objectSize)) {
      equal++;
      if (name in LARGER_THAN_STRUCT) problems.push(`${name}: listed as larger than struct ${struct} but equals it`);
    } else if (name in LARGER_THAN_STRUCT && sizes.every((s) => objectSize > s)) {
      larger++;
    } else {
      problems.push(`${name}: object_size ${objectSize}, struct ${struct} is ${sizes.join('/')} bytes`);
    }
  }
  // The inode containers of the filesystems: each one with a cache must match it by size.
  const inodeHolders = btfEmbedders(btf, 'inode').map((e) => ({ name: e.container, size: e.containerSize }));
  inodeHolders.push({ name: 'inode', size: btf.rawSize(aggregates('inode')[0]) });
  const matched = matchCaches(caches, inodeHolders, exists);
  for (const m of matched) if (!m.sizeAgrees) problems.push(`${m.cache.name}: holds ${m.struct} but sizes differ`);
  console.log(`slab/BTF oracle: ${equal} caches hold exactly sizeof(their struct), ${larger} larger by construction (${Object.keys(LARGER_THAN_STRUCT).join(', ')}); inode caches: ${matched.map((m) => `${m.cache.name}=${m.struct}`).join(' ')}; ${problems.length} problems`);
  for (const p of problems) console.log(`  ${p}`);
  assert.ok(equal > 10);
  assert.ok(matched.length >= 3, 'at least inode_cache, shmem and proc inode caches');
  assert.deepEqual(problems, []);
});
