// The editor's analysis runners, outside VS Code: the worker thread the Node host uses
// and the inline runner of the browser host answer alike, the struct impacts first and then
// the discussion; superseded requests are dropped; a failed run or a dead worker is an
// error for that run, not a crash.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { FIXTURES, REPO } from '../helpers/paths';
import { InlineRunner, type ImpactResult, type RunResult } from '../../src/extension/runner';
import { analyze } from '../../src/core/analyze';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { WorkerRunner } from '../../src/extension/worker-runner';
import { hunksOf, restoreLines, sendCut } from '../../src/extension/worker-protocol';
import type { BasisSpec } from '../../src/extension/analysis';

const WORKER = path.join(REPO, 'out/test/analysis-worker.js');
const SNAPSHOT = new Uint8Array(readFileSync(path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz')));
const SEED = readFileSync(path.join(FIXTURES, 'seeds/000_110b1c1c1020574e.txt'), 'utf8');
const THREAD = readFileSync(path.join(FIXTURES, 'vscode/lsm-i_security-rcu-free.mbox'), 'utf8');
const spec: BasisSpec = { abi: 'x86_64', basis: 'embedded', types: { kind: 'snapshot', bytes: SNAPSHOT } };

/** The analysis without its clocks, which differ from run to run. */
function figures(r: RunResult | undefined): string {
  assert.ok(r, 'no result');
  return JSON.stringify({ ...r.core, millis: undefined });
}

let runner: WorkerRunner;
before(async () => {
  await build({ entryPoints: [path.join(REPO, 'src/extension/analysis-worker.ts')], outfile: WORKER, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  runner = new WorkerRunner(WORKER);
});
after(() => runner.dispose());

test('the worker and the inline runner give the core\'s own analysis of seed 000 (struct inode +8 B), impacts first', async () => {
  runner.setBasis(spec);
  const inline = new InlineRunner();
  inline.setBasis(spec);
  const firsts: ImpactResult[] = [];
  // The worker's first stage as it arrived: its hunks get their other lines with the discussion.
  let cut: string[] = [];
  const w = await runner.run({ key: 'seed', text: SEED }, (f) => { firsts.push(f); cut = f.impact.hunks.map((h) => JSON.stringify(h.hunk.lines)); });
  const i = await inline.run({ key: 'seed', text: SEED }, (f) => firsts.push(f));
  assert.equal(w?.where, 'worker');
  assert.equal(i?.where, 'inline');
  assert.equal(figures(w), figures(i));
  const snap = loadSnapshot(SNAPSHOT);
  const direct = await analyze(SEED, { abi: 'x86_64', btf: snap, btfConfig: snap.config });
  assert.equal(figures(w), JSON.stringify({ ...direct, millis: undefined }));
  // The first stage: the same hunks and figures, no discussion yet.
  assert.deepEqual(firsts.map((f) => f.where), ['worker', 'inline']);
  for (const f of firsts) {
    assert.equal('discussion' in f.impact, false);
    assert.deepEqual(f.impact.hunks.map((h) => h.impact), w!.core.hunks.map((h) => h.impact));
    assert.ok(f.impact.hunks.every((h) => h.discussion.length === 0));
  }
  assert.ok(w!.core.hunks.some((h) => h.discussion.some((c) => c.from.name === 'Christian Brauner')), 'Brauner\'s comment is linked in the whole analysis');
  assert.deepEqual(cut, w!.core.hunks.map((h) => JSON.stringify(h.hunk.lines.filter((l) => l.kind !== ' ').slice(0, 1))), 'the first stage carried each hunk\'s first changed line only');
  assert.ok(w!.core.hunks.some((h) => h.hunk.lines.length > 1), 'the whole analysis has its hunks\' lines back');
  const inode = w!.core.hunks.flatMap((h) => h.impact.structs).find((s) => s.name === 'inode');
  assert.equal(inode?.scenarios.find((s) => s.isBase)?.delta, 8);
  assert.match(w!.basis?.details.join('\n') ?? '', /^embedded snapshot: /);
});

test('a lore thread through the worker equals the inline runner\'s, its hunks one object each in patches and hunks', async () => {
  runner.setBasis(spec);
  const inline = new InlineRunner();
  inline.setBasis(spec);
  const w = await runner.run({ key: 'lore', text: THREAD });
  const i = await inline.run({ key: 'lore', text: THREAD });
  assert.equal(figures(w), figures(i));
  const inPatches = new Set(w!.core.patches.flatMap((p) => p.hunks));
  assert.ok(w!.core.hunks.length > 1);
  assert.ok(w!.core.hunks.every((h) => inPatches.has(h.hunk)), 'a hunk of the analysis is not the one its patch holds');
});

test('the cut first stage round-trips through a structured clone; lines for the wrong hunks are refused', () => {
  const snap = loadSnapshot(SNAPSHOT);
  return analyze(THREAD, { abi: 'x86_64', btf: snap, btfConfig: snap.config }).then((a) => {
    const whole = JSON.stringify(a.patches);
    let copy: typeof a | undefined;
    const lines = sendCut(a, () => { copy = structuredClone(a); });
    assert.equal(JSON.stringify(a.patches), whole, 'the sender\'s hunks are whole again');
    assert.ok(copy && hunksOf(copy).every((h) => h.lines.length <= 1 && h.lines.every((l) => l.kind !== ' ')));
    restoreLines(copy, structuredClone(lines));
    assert.equal(JSON.stringify(copy.patches), whole);
    assert.throws(() => restoreLines(copy!, lines.slice(1)), /^Error: analysis worker sent lines for \d+ hunks, not \d+$/);
  });
});

test('requests queued behind a busy run: only the newest per document is analysed', async () => {
  runner.setBasis({ ...spec });
  // The new basis is loaded by the first run, so later requests queue behind it.
  const first = runner.run({ key: 'a', text: THREAD });
  const queued = [1, 2, 3].map((n) => runner.run({ key: 'b', text: `${SEED}\n${'x'.repeat(n)}` }));
  assert.ok(await first);
  const [r1, r2, r3] = await Promise.all(queued);
  assert.equal(r1, undefined);
  assert.equal(r2, undefined);
  assert.ok(r3?.core.text.endsWith('xxx'), 'the newest request was not the one analysed');
});

test('a run the worker cannot do rejects with its reason; the same worker then goes on', async () => {
  const fresh = new WorkerRunner(WORKER);
  try {
    await assert.rejects(fresh.run({ key: 'x', text: SEED }), /no layout basis was set/);
    fresh.setBasis({ abi: 'x86_64', basis: 'btf', types: { kind: 'btf', bytes: new Uint8Array([1, 2, 3, 4]), label: 'garbage' } });
    const r = await fresh.run({ key: 'x', text: SEED });
    assert.equal(r?.hasBasis, false);
    assert.match(r?.basis?.problems.join('\n') ?? '', /^cannot use the btf basis: /);
    assert.ok(r!.core.hunks.length > 0, 'the thread was still read without a basis');
    // a damaged gzip snapshot (the worker inflates it itself) is loadSnapshot's error
    fresh.setBasis({ ...spec, types: { kind: 'snapshot', bytes: SNAPSHOT.subarray(0, SNAPSHOT.length - 20) } });
    const d = await fresh.run({ key: 'x', text: SEED });
    assert.equal(d?.hasBasis, false);
    assert.match(d?.basis?.problems.join('\n') ?? '', /snapshot: cannot decompress/);
  } finally {
    fresh.dispose();
  }
});

test('a worker that cannot start fails its run with one line; a later run tries again', async () => {
  const broken = new WorkerRunner(path.join(REPO, 'out/test/no-such-worker.js'));
  try {
    broken.setBasis(spec);
    await assert.rejects(broken.run({ key: 'x', text: SEED }), /^Error: analysis worker (failed|exited)/);
    await assert.rejects(broken.run({ key: 'x', text: SEED }), /^Error: analysis worker (failed|exited)/);
  } finally {
    broken.dispose();
  }
});
