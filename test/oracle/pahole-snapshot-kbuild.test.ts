import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { readBtf } from '../../src/core/types/btf';
import { BtfKind } from '../../src/core/types/btf-kinds';
import { btfLayoutOf } from '../../src/core/types/btf-layout';
import { REPO } from '../helpers/paths';

/**
 * The embedded snapshot against the compiler: the snapshot describes Debian's
 * 6.12.107+deb12-amd64 kernel, whose headers and .config are in
 * linux-headers-6.12.107+deb12-amd64. A probe module built against them (the asm-offsets
 * method of docs/layout-oracles.md) prints sizeof, __alignof__ and offsetof for every
 * struct and union the headers define; the snapshot's BTF layouts must agree — alignment
 * included, which BTF does not record and we infer.
 */
const SNAPSHOT = path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz');
const snapshotRelease = (): string => loadSnapshot(new Uint8Array(readFileSync(SNAPSHOT))).header.kernel.release;
const HEADERS = `/usr/src/linux-headers-${existsSync(SNAPSHOT) ? snapshotRelease() : 'none'}`;

const INCLUDES = [
  'linux/fs.h', 'linux/sched.h', 'linux/mm.h', 'linux/skbuff.h', 'linux/netdevice.h', 'net/sock.h', 'linux/bpf.h',
  'linux/blkdev.h', 'linux/fsnotify_backend.h', 'linux/perf_event.h', 'linux/cgroup.h', 'linux/kvm_host.h',
  'linux/shmem_fs.h', 'linux/proc_fs.h', 'net/tcp.h', 'linux/mount.h', 'linux/xattr.h', 'linux/pagemap.h',
  'linux/security.h', 'linux/bpf_local_storage.h', 'linux/file.h', 'linux/dcache.h', 'linux/slab.h',
];

function tool(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const skip = !existsSync(SNAPSHOT) ? 'no snapshot' : !existsSync(path.join(HEADERS, '.config')) ? `no ${HEADERS} (apt-get install linux-headers-6.12.107+deb12-amd64)`
  : !tool('make') || !tool('gcc') ? 'make/gcc missing' : false;

function kbuild(dir: string, target: string): { ok: boolean; out: string } {
  try {
    const out = execFileSync('make', ['-s', '-C', HEADERS, `M=${dir}`, target], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 }).toString();
    return { ok: true, out };
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    return { ok: false, out: `${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}` };
  }
}

interface Probe { sym: string; expr: string; check: (v: number) => string | undefined }

test('snapshot layouts equal the kernel build for every struct its headers define (size, alignment, offsets)', { skip, timeout: 600_000 }, () => {
  const snap = loadSnapshot(new Uint8Array(readFileSync(SNAPSHOT)));
  const btf = snap.btf;
  // The same BTF without the snapshot's compiler-measured alignment table: inference alone.
  const bare = readBtf(btf.bytes);
  const inferenceMisses: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'kpl-kbuild-'));
  try {
    const head = INCLUDES.map((h) => `#include <${h}>`).join('\n');
    writeFileSync(path.join(dir, 'Kbuild'), 'obj-m += probe.o\n');
    writeFileSync(path.join(dir, 'probe.c'), `#include <linux/kbuild.h>\n${head}\nvoid probe(void);\nvoid probe(void) {}\n`);
    const pre = kbuild(dir, 'probe.i');
    assert.ok(pre.ok, `preprocessing failed: ${pre.out.slice(0, 500)}`);
    const text = readFileSync(path.join(dir, 'probe.i'), 'latin1');
    const defined = new Set<string>();
    for (const m of text.matchAll(/\b(struct|union) ([A-Za-z_]\w*)\s*\{/g)) defined.add(`${m[1]} ${m[2]}`);

    const probes: Probe[] = [];
    let ambiguous = 0;
    for (const key of defined) {
      const [kw, name] = key.split(' ');
      const kind = kw === 'struct' ? BtfKind.Struct : BtfKind.Union;
      const ids = btf.byName(name).filter((id) => btf.kind(id) === kind);
      if (ids.length !== 1) {
        if (ids.length > 1) ambiguous++;
        continue;
      }
      const l = btfLayoutOf(btf, ids[0]);
      const inferred = btfLayoutOf(bare, ids[0]);
      const i = probes.length;
      probes.push({ sym: `S${i}`, expr: `sizeof(${key})`, check: (v) => (v === l.size ? undefined : `${key}: size ${l.size} vs ${v}`) });
      probes.push({ sym: `A${i}`, expr: `__alignof__(${key})`, check: (v) => {
        if (v !== inferred.align) inferenceMisses.push(`${key}: inferred ${inferred.align} (${inferred.alignBasis}) vs ${v}`);
        return v === l.align ? undefined : `${key}: align ${l.align} (${l.alignBasis}) vs ${v}`;
      } });
      l.members.forEach((m, j) => {
        if (!m.name || m.name.includes('.') || m.bitSize !== undefined) return;
        probes.push({ sym: `O${i}_${j}`, expr: `offsetof(${key}, ${m.name})`, check: (v) => (v === m.offset ? undefined : `${key}.${m.name}: offset ${m.offset} vs ${v}`) });
      });
    }

    // Member names that headers #define away (rare) fail to compile: drop those lines and retry.
    let active = probes;
    let dropped = 0;
    let values = new Map<string, number>();
    for (let round = 0; round < 4; round++) {
      const body = active.map((p) => `\tDEFINE(${p.sym}, ${p.expr});`).join('\n');
      writeFileSync(path.join(dir, 'probe.c'), `#include <linux/kbuild.h>\n${head}\nvoid probe(void);\nvoid probe(void)\n{\n${body}\n}\n`);
      rmSync(path.join(dir, 'probe.s'), { force: true });
      const res = kbuild(dir, 'probe.s');
      if (res.ok) {
        values = new Map([...readFileSync(path.join(dir, 'probe.s'), 'latin1').matchAll(/->(\w+) \$?(-?\d+)/g)].map((m) => [m[1], Number(m[2])]));
        break;
      }
      const bad = new Set([...res.out.matchAll(/probe\.c:(\d+):\d+: error/g)].map((m) => Number(m[1]) - (head.split('\n').length + 5)));
      assert.ok(bad.size > 0, `probe build failed: ${res.out.slice(0, 800)}`);
      dropped += bad.size;
      active = active.filter((_, k) => !bad.has(k));
    }
    const mismatches: string[] = [];
    let sizes = 0;
    let aligns = 0;
    let offsets = 0;
    for (const p of active) {
      const v = values.get(p.sym);
      assert.ok(v !== undefined, `no value for ${p.expr}`);
      const problem = p.check(v);
      if (problem) mismatches.push(problem);
      if (p.sym.startsWith('S')) sizes++;
      else if (p.sym.startsWith('A')) aligns++;
      else offsets++;
    }
    console.log(`kbuild oracle: ${sizes} structs/unions from ${INCLUDES.length} headers (sizes), ${aligns} alignments, ${offsets} member offsets compared; ${ambiguous} names skipped as defined more than once in the BTF; ${dropped} probes dropped as uncompilable; ${mismatches.length} mismatches; alignment inferred from BTF alone (no table) differs for ${inferenceMisses.length}`);
    for (const m of mismatches.slice(0, 60)) console.log(`  ${m}`);
    for (const m of inferenceMisses.slice(0, Number(process.env.KPL_SHOW ?? 15))) console.log(`  (inference only) ${m}`);
    assert.ok(sizes > 500, `only ${sizes} structs compared`);
    assert.deepEqual(mismatches, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
