/*
 * Scenarios the impact stage runs, against the kernel's own build: options flipped in
 * autoconf.h and a patched include/linux/fs.h, given to KernelTree as a Kconfig and an
 * in-memory overlay, and to kbuild as the overlay directory of layout-oracles.md.
 * Expected numbers come from the build at test time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDeclarations } from '../../src/core/c/parse';
import { parseKconfig, renderAutoconf, withOption, type Kconfig } from '../../src/core/c/kconfig';
import { KernelTree } from '../../src/core/c/tree';
import { layoutStruct, type StructLayout } from '../../src/core/layout';
import { findKernelHeaders, linux61Release, kbuildLayout, type KernelHeaders } from './kbuild';
import { nodeTree } from '../../src/node/tree';

const LINUX_61 = linux61Release();

const MODULE_DEFINES: [string, string][] = [['MODULE', '1'], ['KBUILD_MODNAME', '"probe"']];

interface Scenario {
  name: string;
  config?: (c: Kconfig) => Kconfig;
  patch?: (fsh: string) => string;
}

const BPF_STORAGE = (fsh: string): string => {
  // The i_bpf_storage patch from the seeds: a pointer under CONFIG_BPF_SYSCALL after i_security.
  const anchor = /\tvoid\s+\*i_security;\n#endif\n/;
  assert.match(fsh, anchor, 'fs.h has i_security under CONFIG_SECURITY');
  return fsh.replace(anchor, (m) => `${m}#ifdef CONFIG_BPF_SYSCALL\n\tstruct bpf_local_storage __rcu\t*i_bpf_storage;\n#endif\n`);
};

const SCENARIOS: Scenario[] = [
  { name: 'as configured' },
  { name: 'CONFIG_FSNOTIFY=n', config: (c) => withOption(c, 'FSNOTIFY', 'n') },
  { name: 'CONFIG_SECURITY=n', config: (c) => withOption(c, 'SECURITY', 'n') },
  { name: 'fs.h + i_bpf_storage', patch: BPF_STORAGE },
  { name: 'fs.h + i_bpf_storage, CONFIG_BPF_SYSCALL=n', patch: BPF_STORAGE, config: (c) => withOption(c, 'BPF_SYSCALL', 'n') },
];

function ours(h: KernelHeaders, s: Scenario, base: Kconfig, fsh: string): StructLayout {
  const overlay = new Map<string, string>();
  const srctree = h.srctree;
  if (s.patch) overlay.set(`${srctree}/include/linux/fs.h`, s.patch(fsh));
  const kt = new KernelTree({ tree: nodeTree, objtree: h.objtree, config: s.config ? s.config(base) : undefined, overlay, defines: MODULE_DEFINES });
  const pp = kt.preprocessHeaders(['linux/fs.h']);
  assert.deepEqual(pp.diagnostics.filter((d) => d.level === 'error'), []);
  return layoutStruct(parseDeclarations(pp.tokens), 'inode', 'x86_64');
}

for (const release of ['6.12.107+deb12-amd64', LINUX_61]) {
  const h = findKernelHeaders(release);
  test(`struct inode scenarios equal the kernel build with an overlay (${release})`, { skip: h ? false : `linux-headers-${release} not installed` }, () => {
    if (!h) return;
    const base = parseKconfig(readFileSync(`${h.objtree}/.config`, 'utf8'));
    const fsh = readFileSync(`${h.srctree}/include/linux/fs.h`, 'utf8');
    const sizes: string[] = [];
    for (const s of SCENARIOS) {
      const l = ours(h, s, base, fsh);
      const members = l.members.filter((m) => m.name && m.bitSize === undefined && !m.type.endsWith('[]')).map((m) => m.name);
      const overlay: Record<string, string> = {};
      if (s.config) overlay['generated/autoconf.h'] = renderAutoconf(s.config(base));
      if (s.patch) overlay['linux/fs.h'] = s.patch(fsh);
      const k = kbuildLayout(h, 'inode', members, { overlay });
      assert.equal(l.size, k.size, `${s.name}: sizeof(struct inode)`);
      assert.equal(l.align, k.align, `${s.name}: alignment`);
      for (const km of k.members) {
        const om = l.members.find((m) => m.name === km.name);
        assert.equal(om?.offset, km.offset, `${s.name}: offsetof(struct inode, ${km.name})`);
        assert.equal(om?.size, km.size, `${s.name}: sizeof member ${km.name}`);
      }
      if (s.patch) assert.ok(l.members.some((m) => m.name === 'i_bpf_storage') === !/BPF_SYSCALL=n/.test(s.name), `${s.name}: i_bpf_storage present as configured`);
      sizes.push(`${s.name}: ${l.size}`);
    }
    process.stdout.write(`# ${release} struct inode — ${sizes.join('; ')}\n`);
  });
}
