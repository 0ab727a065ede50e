/*
 * Struct layouts from real kernel headers against the kernel's own build: for each
 * installed Debian headers package, linux/fs.h is preprocessed by KernelTree, parsed by
 * our declaration parser and laid out; a probe module built with kbuild gives gcc's
 * sizeof/__alignof__/offsetof/sizeof of every (non-bit-field) member to compare with.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDeclarations } from '../../src/core/c/parse';
import { KernelTree } from '../../src/core/c/tree';
import { LayoutContext, layoutStruct, type MemberLayout, type StructLayout } from '../../src/core/layout';
import { findKernelHeaders, linux61Release, kbuildDefines, kbuildPreprocess } from './kbuild';
import { nodeTree } from '../../src/node/tree';

const LINUX_61 = linux61Release();

const RELEASES = ['6.12.107+deb12-amd64', '6.12.107+deb12-cloud-amd64', '6.12.107+deb12-rt-amd64', LINUX_61];
const STRUCTS = ['inode', 'file', 'dentry', 'super_block', 'address_space'];
const MODULE_DEFINES: [string, string][] = [['MODULE', '1'], ['KBUILD_BASENAME', '"probe"'], ['KBUILD_MODNAME', '"probe"'], ['__KBUILD_MODNAME', 'kmod_probe']];

/** Members inside an array of an inline aggregate (listed for element 0), which offsetof cannot name as `a.b`. */
function underArray(l: StructLayout): Set<MemberLayout> {
  const out = new Set<MemberLayout>();
  const stack: MemberLayout[] = [];
  for (const m of l.members) {
    while (stack.length > m.depth) stack.pop();
    if (stack.some((a) => a.type.endsWith(']'))) out.add(m);
    if (m.aggregate) stack.push(m);
  }
  return out;
}

/** Members offsetof can name: not bit-fields, not the anonymous aggregates themselves. */
function probeable(l: StructLayout): string[] {
  const skip = underArray(l);
  return l.members.filter((m) => m.name && m.bitSize === undefined && !skip.has(m)).map((m) => m.name);
}

function probeSource(layouts: StructLayout[]): string {
  const lines = ['#include <linux/kbuild.h>', '#include <linux/fs.h>', 'void probe(void);', 'void probe(void)', '{'];
  for (const l of layouts) {
    lines.push(`\tDEFINE(SIZEOF_${l.name}, sizeof(struct ${l.name}));`, `\tDEFINE(ALIGNOF_${l.name}, __alignof__(struct ${l.name}));`);
    probeable(l).forEach((m, i) => {
      lines.push(`\tDEFINE(OFF_${l.name}_${i}, offsetof(struct ${l.name}, ${m}));`);
      if (!l.members.find((x) => x.name === m)?.type.endsWith('[]')) lines.push(`\tDEFINE(SZ_${l.name}_${i}, sizeof(((struct ${l.name} *)0)->${m}));`);
    });
  }
  lines.push('}', '');
  return lines.join('\n');
}

for (const release of RELEASES) {
  const h = findKernelHeaders(release);
  test(`layout from linux/fs.h equals the kernel build (${release}: ${STRUCTS.join(', ')})`, { skip: h ? false : `linux-headers-${release} not installed` }, () => {
    if (!h) return;
    const kt = new KernelTree({ tree: nodeTree, objtree: h.objtree, defines: MODULE_DEFINES });
    const unit = parseDeclarations(kt.preprocessHeaders(['linux/kbuild.h', 'linux/fs.h']).tokens);
    assert.deepEqual(unit.diagnostics, [], 'fs.h parses without diagnostics');
    const ctx = new LayoutContext(unit, 'x86_64');
    const layouts = STRUCTS.map((s) => layoutStruct(unit, s, 'x86_64', ctx));
    const defs = kbuildDefines(h, probeSource(layouts));
    const mismatches: string[] = [];
    let compared = 0;
    const check = (key: string, ours: number): void => {
      const v = defs.get(key);
      if (v === undefined) mismatches.push(`${key} missing from the build output`);
      else if (Number(v) !== ours) mismatches.push(`${key}: gcc ${v}, ours ${ours}`);
      compared++;
    };
    for (const l of layouts) {
      check(`SIZEOF_${l.name}`, l.size);
      check(`ALIGNOF_${l.name}`, l.align);
      probeable(l).forEach((m, i) => {
        const ml = l.members.find((x) => x.name === m)!;
        check(`OFF_${l.name}_${i}`, ml.offset);
        if (!ml.type.endsWith('[]')) check(`SZ_${l.name}_${i}`, ml.size);
      });
    }
    process.stdout.write(`# ${release}: ${layouts.map((l) => `${l.name} ${l.size}`).join(', ')}; ${compared} numbers compared\n`);
    assert.deepEqual(mismatches, []);
  });
}

/** Every tagged struct and union a translation unit defines, laid out and compared in one kernel build. */
function everyAggregate(release: string, headers: string[]): void {
  const h = findKernelHeaders(release)!;
  const kt = new KernelTree({ tree: nodeTree, objtree: h.objtree, defines: MODULE_DEFINES });
  const unit = parseDeclarations(kt.preprocessHeaders(['linux/kbuild.h', ...headers]).tokens);
  assert.deepEqual(unit.diagnostics, []);
  const ctx = new LayoutContext(unit, 'x86_64');
  const layouts: { kw: string; l: StructLayout }[] = [];
  const failed: string[] = [];
  for (const [kw, map] of [['struct', unit.structs], ['union', unit.unions]] as const) {
    for (const [tag, decl] of map) {
      if (!decl.fields) continue;
      try {
        layouts.push({ kw, l: layoutStruct(unit, `${kw} ${tag}`, 'x86_64', ctx) });
      } catch (e) {
        failed.push(`${kw} ${tag}: ${(e as Error).message}`);
      }
    }
  }
  const lines = ['#include <linux/kbuild.h>', ...headers.map((x) => `#include <${x}>`), 'void probe(void);', 'void probe(void)', '{'];
  const expect = new Map<string, number>();
  layouts.forEach(({ kw, l }, i) => {
    const t = `${kw} ${l.name}`;
    lines.push(`\tDEFINE(S${i}, sizeof(${t}));`, `\tDEFINE(A${i}, __alignof__(${t}));`);
    expect.set(`S${i}`, l.size);
    expect.set(`A${i}`, l.align);
    const skip = underArray(l);
    l.members.forEach((m, j) => {
      if (!m.name || m.bitSize !== undefined || skip.has(m)) return;
      lines.push(`\tDEFINE(O${i}_${j}, __builtin_offsetof(${t}, ${m.name}));`);
      expect.set(`O${i}_${j}`, m.offset);
    });
  });
  lines.push('}', '');
  const defs = kbuildDefines(h, lines.join('\n'));
  const mismatches: string[] = [];
  for (const [k, v] of expect) {
    const g = defs.get(k);
    if (g === undefined || Number(g) !== v) {
      const i = Number(/\d+/.exec(k)![0]);
      mismatches.push(`${layouts[i].kw} ${layouts[i].l.name} ${k}: gcc ${g}, ours ${v}`);
    }
  }
  process.stdout.write(`# every aggregate of ${headers.join(' ')} (${release}): ${layouts.length} laid out, ${failed.length} refused, ${expect.size} numbers compared, ${mismatches.length} mismatches\n`);
  assert.deepEqual(failed, []);
  assert.deepEqual(mismatches.slice(0, 20), []);
  assert.ok(layouts.length > 300);
}

for (const release of RELEASES) {
  const skip = findKernelHeaders(release) ? false : `linux-headers-${release} not installed`;
  test(`every struct and union defined by linux/fs.h equals the kernel build (${release})`, { skip }, () => everyAggregate(release, ['linux/fs.h']));
}

const WIDE = ['linux/fs.h', 'linux/sched.h', 'linux/mm.h', 'linux/skbuff.h', 'net/sock.h', 'linux/bpf.h'];
for (const release of ['6.12.107+deb12-amd64', LINUX_61]) {
  const skip = findKernelHeaders(release) ? false : `linux-headers-${release} not installed`;
  test(`every struct and union of sched.h, mm.h, skbuff.h, sock.h, bpf.h equals the kernel build (${release})`, { skip }, () => everyAggregate(release, WIDE));
}

/**
 * Bit-fields cannot be probed with DEFINE(); instead each one is set in a static object
 * whose bytes a small program scans. The translation unit is the kernel build's own
 * `gcc -E` output (kbuildPreprocess), compiled for user space by the same gcc: layout is
 * the x86_64 ABI's whatever the code-model flags, and the program only reads data.
 */
function everyBitField(release: string, headers: string[]): { compared: number; mismatches: string[] } {
  const h = findKernelHeaders(release)!;
  const kt = new KernelTree({ tree: nodeTree, objtree: h.objtree, defines: MODULE_DEFINES });
  const unit = parseDeclarations(kt.preprocessHeaders(['linux/kbuild.h', ...headers]).tokens);
  const ctx = new LayoutContext(unit, 'x86_64');
  const objs: string[] = [];
  const rows: string[] = [];
  const expect = new Map<string, string>();
  for (const [kw, map] of [['struct', unit.structs], ['union', unit.unions]] as const) {
    for (const [tag, d] of map) {
      if (!d.fields) continue;
      const t = `${kw} ${tag}`;
      const l = layoutStruct(unit, t, 'x86_64', ctx);
      const skip = underArray(l);
      for (const m of l.members) {
        if (m.bitSize === undefined || !m.name || skip.has(m)) continue;
        const n = objs.length;
        objs.push(`static const union { ${t} s; unsigned char b[sizeof(${t})]; } K${n} = { .s.${m.name} = ${m.type === '_Bool' || m.type === 'bool' ? 1 : -1} };`);
        rows.push(`{ "${t} ${m.name}", K${n}.b, sizeof K${n}.b }`);
        expect.set(`${t} ${m.name}`, `${m.bitOffset} ${m.bitSize}`);
      }
    }
  }
  const table = 'struct kpl_bits { const char *key; const unsigned char *p; unsigned long n; };';
  const probe = ['#include <linux/kbuild.h>', ...headers.map((x) => `#include <${x}>`), ...objs, table,
    `const struct kpl_bits kpl_table[] = {\n${rows.join(',\n')}\n};`, `const unsigned long kpl_count = ${rows.length};`, ''].join('\n');
  const dir = mkdtempSync(path.join(tmpdir(), 'kpl-bits-'));
  try {
    writeFileSync(path.join(dir, 'probe.i'), kbuildPreprocess(h, probe));
    writeFileSync(path.join(dir, 'main.c'), `#include <stdio.h>
${table}
extern const struct kpl_bits kpl_table[];
extern const unsigned long kpl_count;
int main(void) {
  for (unsigned long i = 0; i < kpl_count; i++) {
    int f = -1, c = 0;
    for (unsigned long k = 0; k < kpl_table[i].n * 8; k++) if (kpl_table[i].p[k / 8] >> (k % 8) & 1) { if (f < 0) f = (int)k; c++; }
    printf("%s\\t%d %d\\n", kpl_table[i].key, f, c);
  }
  return 0;
}
`);
    // -O2: at -O0 gcc expands the headers' inline asm and rejects constraints the kernel build never meets.
    execFileSync('gcc', ['-std=gnu11', '-O2', '-w', '-no-pie', '-c', '-x', 'cpp-output', path.join(dir, 'probe.i'), '-o', path.join(dir, 'probe.o')], { stdio: 'pipe' });
    execFileSync('gcc', ['-no-pie', '-o', path.join(dir, 'probe'), path.join(dir, 'probe.o'), path.join(dir, 'main.c'), '-Wl,--unresolved-symbols=ignore-all'], { stdio: 'pipe' });
    const mismatches: string[] = [];
    let compared = 0;
    for (const line of execFileSync(path.join(dir, 'probe')).toString().split('\n')) {
      if (!line) continue;
      const [k, v] = line.split('\t');
      compared++;
      if (expect.get(k) !== v) mismatches.push(`${k}: gcc ${v}, ours ${expect.get(k)}`);
    }
    assert.equal(compared, expect.size, 'every bit-field was probed');
    return { compared, mismatches };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const release of ['6.12.107+deb12-amd64', '6.12.107+deb12-rt-amd64', LINUX_61]) {
  const skip = findKernelHeaders(release) ? false : `linux-headers-${release} not installed`;
  test(`bit-field positions in fs/sched/mm/skbuff/sock/bpf headers equal gcc's (${release})`, { skip }, () => {
    const r = everyBitField(release, WIDE);
    process.stdout.write(`# bit-fields (${release}): ${r.compared} compared, ${r.mismatches.length} mismatches\n`);
    assert.ok(r.compared > 100);
    assert.deepEqual(r.mismatches.slice(0, 20), []);
  });
}
