// Measures __alignof__ of every struct/union that a kernel's headers define, by building
// a probe module against them (the asm-offsets method of docs/layout-oracles.md). BTF has
// no alignment attributes; the snapshot ships this table so its alignments are exact.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Headers included by the probe; ones that fail to build in this combination are dropped. */
export const PROBE_HEADERS = [
  'linux/fs.h', 'linux/sched.h', 'linux/mm.h', 'linux/skbuff.h', 'linux/netdevice.h', 'net/sock.h', 'linux/bpf.h',
  'linux/blkdev.h', 'linux/fsnotify_backend.h', 'linux/perf_event.h', 'linux/cgroup.h', 'linux/kvm_host.h',
  'linux/shmem_fs.h', 'linux/proc_fs.h', 'net/tcp.h', 'net/udp.h', 'net/ipv6.h', 'linux/mount.h', 'linux/xattr.h',
  'linux/pagemap.h', 'linux/security.h', 'linux/bpf_local_storage.h', 'linux/file.h', 'linux/dcache.h', 'linux/slab.h',
  'linux/bio.h', 'linux/blk-mq.h', 'linux/writeback.h', 'linux/swap.h', 'linux/memcontrol.h', 'linux/mmzone.h',
  'linux/filter.h', 'linux/bpf_verifier.h', 'linux/btf.h', 'linux/ftrace.h', 'linux/kprobes.h', 'linux/module.h',
  'linux/device.h', 'linux/pci.h', 'linux/interrupt.h', 'linux/workqueue.h', 'linux/timer.h', 'linux/hrtimer.h',
  'linux/rcupdate.h', 'linux/srcu.h', 'linux/pid.h', 'linux/cred.h', 'linux/user_namespace.h', 'linux/nsproxy.h',
  'linux/ipc_namespace.h', 'linux/io_uring_types.h', 'linux/eventpoll.h', 'linux/pipe_fs_i.h', 'linux/tty.h',
  'linux/userfaultfd_k.h', 'linux/mempolicy.h', 'linux/huge_mm.h', 'linux/rmap.h', 'linux/xarray.h', 'linux/maple_tree.h',
  'linux/fs_context.h', 'linux/statfs.h', 'linux/quota.h', 'linux/iomap.h', 'linux/posix_acl.h', 'linux/fscrypt.h',
  'linux/fsverity.h', 'linux/fdtable.h', 'linux/audit.h', 'linux/lsm_hooks.h', 'net/netns/generic.h', 'net/inet_sock.h',
  'net/inet_connection_sock.h', 'net/request_sock.h', 'net/inet_timewait_sock.h', 'net/netfilter/nf_conntrack.h',
  'linux/netfilter.h', 'net/xdp.h', 'net/page_pool/types.h', 'linux/ethtool.h', 'linux/if_vlan.h', 'linux/virtio.h',
];

function make(headers, dir, target) {
  try {
    execFileSync('make', ['-s', '-C', headers, `M=${dir}`, target], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
    return { ok: true, out: '' };
  } catch (e) {
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/**
 * `struct NAME` / `union NAME` → alignment, for every aggregate the headers define.
 * `headers` is /usr/src/linux-headers-<release> (with its .config and Module.symvers).
 */
export function compilerAlignments(headers, log = console.log) {
  if (!existsSync(path.join(headers, '.config'))) throw new Error(`no kernel headers at ${headers}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'kpl-align-'));
  try {
    writeFileSync(path.join(dir, 'Kbuild'), 'obj-m += probe.o\n');
    // Keep the headers that build together.
    let includes = [];
    for (const h of PROBE_HEADERS) {
      const trial = [...includes, h];
      writeFileSync(path.join(dir, 'probe.c'), `#include <linux/kbuild.h>\n${trial.map((x) => `#include <${x}>`).join('\n')}\nvoid probe(void);\nvoid probe(void) {}\n`);
      rmSync(path.join(dir, 'probe.i'), { force: true });
      if (make(headers, dir, 'probe.i').ok) includes = trial;
      else log(`  header ${h} dropped (does not preprocess with the others)`);
    }
    const head = includes.map((x) => `#include <${x}>`).join('\n');
    const text = readFileSync(path.join(dir, 'probe.i'), 'latin1');
    const names = [...new Set([...text.matchAll(/\b(struct|union) ([A-Za-z_]\w*)\s*\{/g)].map((m) => `${m[1]} ${m[2]}`))].sort();
    let active = names;
    for (let round = 0; round < 6; round++) {
      const body = active.map((n, i) => `\tDEFINE(A${i}, __alignof__(${n}));`).join('\n');
      const prefix = `#include <linux/kbuild.h>\n${head}\nvoid probe(void);\nvoid probe(void)\n{\n`;
      writeFileSync(path.join(dir, 'probe.c'), `${prefix}${body}\n}\n`);
      rmSync(path.join(dir, 'probe.s'), { force: true });
      const res = make(headers, dir, 'probe.s');
      if (res.ok) {
        const values = new Map([...readFileSync(path.join(dir, 'probe.s'), 'latin1').matchAll(/->A(\d+) \$?(\d+)/g)].map((m) => [active[Number(m[1])], Number(m[2])]));
        log(`  compiler alignments: ${values.size} aggregates from ${includes.length} headers`);
        return values;
      }
      const first = prefix.split('\n').length;
      const bad = new Set([...res.out.matchAll(/probe\.c:(\d+):\d+: error/g)].map((m) => Number(m[1]) - first));
      if (bad.size === 0) throw new Error(`probe build failed: ${res.out.slice(0, 800)}`);
      active = active.filter((_, i) => !bad.has(i));
    }
    throw new Error('probe build kept failing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
