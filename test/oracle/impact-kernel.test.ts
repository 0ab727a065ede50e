/*
 * Issue 4's oracle: the seeds' hunks, read from their collapsed text by the whole
 * pipeline, against the kernel's own build of Debian 6.12 headers. The patched fs.h for
 * the build is made by the test's own applier from the hunk as the pipeline rebuilt it, options are flipped in an overlay autoconf.h, and every figure expected here
 * comes from the compiler at test time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyze, type Analysis } from '../../src/core/analyze';
import { parseKconfig, renderAutoconf, withOption } from '../../src/core/c/kconfig';
import type { Hunk } from '../../src/core/patch/types';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { sourceBasis } from '../../src/cli/basis';
import { FIXTURES, REPO } from '../helpers/paths';
import { findKernelHeaders, kbuildDefines, type KernelHeaders } from './kbuild';

const SEED_000 = path.join(FIXTURES, 'seeds/000_110b1c1c1020574e.txt');
const SEED_001 = path.join(FIXTURES, 'seeds/001_35e5ee02d807fc96.txt');
const RELEASES = ['6.12.107+deb12-amd64', '6.12.107+deb12-cloud-amd64', '6.12.107+deb12-rt-amd64'];

/** fs.h of the headers package with `hunk` applied. */
function patchedFsH(h: KernelHeaders, hunk: Hunk): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kpl-patch-'));
  try {
    const target = path.join(dir, 'fs.h');
    writeFileSync(target, readFileSync(path.join(h.srctree, 'include/linux/fs.h')));
    return patchedFsHFrom(target, hunk);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function kbuildSizes(h: KernelHeaders, structs: string[], overlay: Record<string, string>, extra = ''): Map<string, number> {
  const src = ['#include <linux/kbuild.h>', '#include <linux/fs.h>', extra, 'void probe(void);', 'void probe(void)', '{',
    ...structs.map((s) => `\tDEFINE(SIZEOF_${s}, sizeof(struct ${s}));`), '}', ''].join('\n');
  const defs = kbuildDefines(h, src, { overlay });
  return new Map(structs.map((s) => [s, Number(defs.get(`SIZEOF_${s}`))]));
}

function structHunk(a: Analysis, name: string): { hunk: Hunk; impact: Analysis['hunks'][number]['impact'] } {
  const h = a.hunks.find((x) => x.impact.structs.some((s) => s.name === name));
  assert.ok(h, `a hunk changing struct ${name}`);
  return { hunk: h.hunk, impact: h.impact };
}

function autoconfFor(h: KernelHeaders, config: Record<string, 'y' | 'm' | 'n'>): string {
  let c = parseKconfig(readFileSync(path.join(h.objtree, '.config'), 'utf8'));
  for (const [o, v] of Object.entries(config)) c = withOption(c, o, v);
  return renderAutoconf(c);
}

for (const release of RELEASES) {
  const h = findKernelHeaders(release);
  const skip = !h ? `linux-headers-${release} not installed` : false;
  const allScenarios = release.endsWith('-deb12-amd64');

  test(`seed 000 on ${release} (source basis) equals the kernel build`, { skip }, async () => {
    const a = await analyze(readFileSync(SEED_000), { abi: 'x86_64', source: sourceBasis(h!.objtree) });
    const { hunk, impact } = structHunk(a, 'inode');
    const s = impact.structs.find((x) => x.name === 'inode')!;
    assert.equal(s.basis, 'source', s.error);
    const fsh = patchedFsH(h!, hunk);
    for (const sc of s.scenarios) {
      if (!sc.isBase && !allScenarios) continue;
      assert.equal(sc.error, undefined);
      const conf: Record<string, string> = sc.isBase ? {} : { 'generated/autoconf.h': autoconfFor(h!, sc.config) };
      const before = kbuildSizes(h!, ['inode'], conf).get('inode');
      const after = kbuildSizes(h!, ['inode'], { ...conf, 'linux/fs.h': fsh }).get('inode');
      assert.equal(sc.before?.size, before, `before, ${JSON.stringify(sc.config)}`);
      assert.equal(sc.after?.size, after, `after, ${JSON.stringify(sc.config)}`);
    }
  });

  test(`seed 001 on ${release} (source basis) equals the kernel build, inode_addons sized`, { skip }, async () => {
    const a = await analyze(readFileSync(SEED_001), { abi: 'x86_64', source: sourceBasis(h!.objtree), btf: loadSnapshot(readFileSync(path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz'))) });
    const { hunk, impact } = structHunk(a, 'inode');
    const s = impact.structs.find((x) => x.name === 'inode')!;
    assert.equal(s.basis, 'source', s.error);
    const addons = a.hunks.find((x) => x.impact.newStructs.some((n) => n.name === 'inode_addons'))!;
    const fshAll = patchedFsH(h!, hunk);
    for (const sc of s.scenarios) {
      if (!sc.isBase && !allScenarios) continue;
      assert.equal(sc.error, undefined);
      const conf: Record<string, string> = sc.isBase ? {} : { 'generated/autoconf.h': autoconfFor(h!, sc.config) };
      const before = kbuildSizes(h!, ['inode'], conf).get('inode');
      const after = kbuildSizes(h!, ['inode'], { ...conf, 'linux/fs.h': fshAll }).get('inode');
      assert.equal(sc.before?.size, before, `before, ${JSON.stringify(sc.config)}`);
      assert.equal(sc.after?.size, after, `after, ${JSON.stringify(sc.config)}`);
    }
    // The hunk defining it was made against a later fs.h (IOP_MGTIME): its added lines are compiled after fs.h.
    const definition = addons.hunk.lines.filter((l) => l.kind === '+').map((l) => l.text).join('\n');
    const size = kbuildSizes(h!, ['inode_addons'], {}, definition).get('inode_addons');
    assert.ok(size && size > 0);
    assert.equal(addons.impact.newStructs.find((n) => n.name === 'inode_addons')?.size, size);
  });
}

/*
 * The test's own applier, independent of src/core/impact/apply: the hunk's old side must
 * occur exactly once in the file, compared with whitespace squashed (the collapsed seeds
 * lost their indentation, which does not change a single token).
 */
function patchedFsHFrom(file: string, hunk: Hunk): string {
  const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
  const lines = readFileSync(file, 'utf8').split('\n');
  const norm = lines.map(squash);
  const old = hunk.lines.filter((l) => l.kind !== '+').map((l) => squash(l.text));
  const hits: number[] = [];
  for (let i = 0; i + old.length <= norm.length; i++) if (old.every((t, k) => norm[i + k] === t)) hits.push(i);
  assert.equal(hits.length, 1, `the hunk's old side occurs once in ${hunk.file} (found ${hits.length})`);
  const out = [...lines.slice(0, hits[0]), ...hunk.lines.filter((l) => l.kind !== '-').map((l) => l.text), ...lines.slice(hits[0] + old.length)];
  return out.join('\n');
}

const amd64 = findKernelHeaders('6.12.107+deb12-amd64');
test('the embedded snapshot (nothing given) gets the seeds\' deltas the kernel build gets', { skip: !amd64 ? 'linux-headers-6.12.107+deb12-amd64 not installed'  : false }, async () => {
  const snap = loadSnapshot(readFileSync(path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz')));
  assert.match(snap.label, /6\.12\.107/);
  for (const [seed, option] of [[SEED_000, 'CONFIG_BPF_SYSCALL'], [SEED_001, 'CONFIG_FSNOTIFY']] as const) {
    const a = await analyze(readFileSync(seed), { abi: 'x86_64', btf: snap, btfConfig: snap.config });
    const { hunk, impact } = structHunk(a, 'inode');
    const s = impact.structs.find((x) => x.name === 'inode')!;
    assert.equal(s.basis, 'btf', s.error);
    const fsh = patchedFsH(amd64!, hunk);
    for (const value of ['y', 'n'] as const) {
      // The scenario with `option` at `value` and every other option at the base configuration's value.
      const sc = s.scenarios.find((x) => x.config[option] === value && Object.keys(x.config).every((o) => o === option || x.baseValues.includes(o)));
      assert.ok(sc, `${option}=${value} scenario`);
      const conf: Record<string, string> = sc.isBase ? {} : { 'generated/autoconf.h': autoconfFor(amd64!, sc.config) };
      const before = kbuildSizes(amd64!, ['inode'], conf).get('inode')!;
      const after = kbuildSizes(amd64!, ['inode'], { ...conf, 'linux/fs.h': fsh }).get('inode')!;
      assert.equal(sc.delta, after - before, `${path.basename(seed)} ${option}=${value}`);
      if (sc.isBase) assert.equal(sc.before?.size, before, 'base size equals the build');
    }
  }
});
