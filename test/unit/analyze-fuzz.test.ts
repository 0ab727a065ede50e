// Property tests over the whole pipeline (reading, impact against the embedded snapshot,
// discussion, the three reports): real patch threads mutated the way mail and pasting
// damage them, and with C that the layout stage has to refuse rather than trip over.
// `analyze` must never throw — in the editor a throw means a thread without figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { analyze, type Analysis } from '../../src/core/analyze';
import { reportJson, reportMarkdown, reportText } from '../../src/core/report/index';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { FIXTURES, REPO } from '../helpers/paths';
import { nodeTree } from '../../src/node/tree';
import { edit, mutate } from '../helpers/mutate-thread';

const snap = loadSnapshot(readFileSync(path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz')));
const fixture = (f: string): string => readFileSync(path.join(FIXTURES, f), 'utf8');
const INPUTS = ['vscode/inode-bpf-storage.patch', 'seeds/000_110b1c1c1020574e.txt', 'seeds/001_35e5ee02d807fc96.txt', 'seeds/003_1cd814a1c982a9ad.txt', 'patch/thread.mbox'].map(fixture);

/** How many runs reached the layout stage with a figure, so the test cannot drift into trivia. */
const reached = { runs: 0, figures: 0 };

function reportsOf(a: Analysis): void {
  assert.equal(typeof JSON.stringify(reportJson(a)), 'string');
  assert.equal(typeof reportMarkdown(a), 'string');
  assert.equal(typeof reportText(a), 'string');
  reached.runs++;
  let figure = false;
  for (const h of a.hunks) {
    for (const s of h.impact.structs) {
      for (const sc of s.scenarios) {
        if (sc.delta === undefined) continue;
        assert.ok(Number.isFinite(sc.delta), `${s.name}: delta ${sc.delta}`);
        figure = true;
      }
    }
  }
  if (figure) reached.figures++;
}

async function survives(text: string): Promise<void> {
  reportsOf(await analyze(text, { abi: 'x86_64', btf: snap, btfConfig: snap.config }));
}

/** Debian's 6.12 headers, as the oracle tests use them: hunks applied to real fs.h. */
const TREE = '/usr/src/linux-headers-6.12.107+deb12-amd64';
const treeCache = new Map();

test('mutated real patch threads go through the whole pipeline and every report', async () => {
  await fc.assert(fc.asyncProperty(fc.nat({ max: INPUTS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 12 }), async (k, edits) => {
    await survives(mutate(INPUTS[k], edits));
  }), { numRuns: Number(process.env.KPL_FUZZ_RUNS ?? 150) });
  assert.ok(reached.figures >= reached.runs / 5, `only ${reached.figures} of ${reached.runs} runs had a size figure`);
});

test('mutated struct inode patches applied to a real kernel tree', { skip: existsSync(`${TREE}/.config`) ? false : `${TREE} not installed` }, async () => {
  const inputs = INPUTS.slice(0, 2);
  const before = { ...reached };
  await fc.assert(fc.asyncProperty(fc.nat({ max: inputs.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), async (k, edits) => {
    reportsOf(await analyze(mutate(inputs[k], edits), { abi: 'x86_64', source: { tree: nodeTree, objtree: TREE, label: TREE, cache: treeCache } }));
  }), { numRuns: process.env.KPL_FUZZ_RUNS ? Math.ceil(Number(process.env.KPL_FUZZ_RUNS) / 4) : 12 });
  const runs = reached.runs - before.runs;
  const figures = reached.figures - before.figures;
  assert.ok(figures >= runs / 5, `only ${figures} of ${runs} runs had a size figure`);
});

test('regression (fuzz): a member of 8 MiB to 8 TiB is laid out; the slab says SLUB cannot hold it', async () => {
  const patch = fixture('vscode/inode-bpf-storage.patch');
  for (const n of [20, 30, 40]) {
    const text = patch.replace('+\tstruct bpf_local_storage __rcu *i_bpf_storage;\n', `+\tstruct bpf_local_storage __rcu *i_bpf_storage;\n+\tunsigned long m[1UL << ${n}];\n`);
    const a = await analyze(text, { abi: 'x86_64', btf: snap, btfConfig: snap.config });
    reportsOf(a);
    const inode = a.hunks.flatMap((h) => h.impact.structs).find((s) => s.name === 'inode');
    const base = inode?.scenarios.find((s) => s.isBase);
    // the pointer (8 B, already aligned at the end of i_security) and 2^n longs
    assert.equal(base?.delta, 8 + 8 * 2 ** n, `1 << ${n}`);
    assert.ok(!inode!.slab.some((r) => r.cache === 'inode_cache'), 'no geometry for a cache SLUB refuses');
    assert.ok(inode!.assumptions.some((x) => /^inode_cache: struct inode of \d+ B does not fit SLUB's largest slab \(order 10/.test(x)), inode!.assumptions.join('\n'));
  }
});

test('regression (fuzz): DECLARE_BITMAP(m, 1 << 40) in a mutated thread no longer hangs the slab model', async () => {
  // found by a longer campaign of the first property (run 262 of seed 11); the slab order loop never ended
  reportsOf(await analyze(fixture('patch/fuzz-bitmap-1-40.mbox'), { abi: 'x86_64', btf: snap, btfConfig: snap.config }));
});

test('a member past the layout limit: no base figure, and the slab rows say which scenario they are for', async () => {
  const text = fixture('vscode/inode-bpf-storage.patch').replace('+\tstruct bpf_local_storage __rcu *i_bpf_storage;\n', '+\tstruct bpf_local_storage __rcu *i_bpf_storage;\n+\tunsigned long m[0x7fffffffffff];\n');
  const a = await analyze(text, { abi: 'x86_64', btf: snap, btfConfig: snap.config });
  reportsOf(a);
  const inode = a.hunks.flatMap((h) => h.impact.structs).find((s) => s.name === 'inode')!;
  assert.match(inode.scenarios.find((s) => s.isBase)?.error ?? '', /too large/);
  assert.ok(inode.slab.length > 0);
  assert.ok(inode.assumptions.includes('slab figures are for CONFIG_SECURITY=y, CONFIG_BPF_SYSCALL=n: the base configuration has no figure'), inode.assumptions.join('\n'));
});
