/*
 * Issue 4 over the real lore threads: every struct hunk gets a struct impact with its
 * basis and either figures or a one-line reason; nothing throws. The CLI's
 * --fail-on-growth exit code agrees with the figures of its own JSON report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../src/core/analyze';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { CORPUS, FIXTURES, REPO, SKIP_NO_CORPUS } from '../helpers/paths';

const LORE = path.join(CORPUS, 'lore-lsm');
const CLI = path.join(REPO, 'dist/cli.js');
const snapshot = () => loadSnapshot(readFileSync(path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz')));

test('every struct hunk of the lore threads gets an impact with its basis', { skip: SKIP_NO_CORPUS }, async () => {
  const snap = snapshot();
  let structHunks = 0, withFigures = 0;
  const reasons = new Map<string, number>();
  for (const f of readdirSync(LORE).filter((n) => n.endsWith('.mbox')).sort()) {
    const a = await analyze(readFileSync(path.join(LORE, f)), { name: f, abi: 'x86_64', btf: snap, btfConfig: snap.config });
    for (const h of a.hunks) {
      for (const s of h.impact.structs) {
        structHunks++;
        assert.ok(['source', 'btf', 'estimate'].includes(s.basis), `${f}: basis of ${s.name}`);
        assert.ok(s.basisDetail.length > 0);
        const figures = s.scenarios.filter((x) => x.delta !== undefined);
        if (figures.length) {
          withFigures++;
          for (const x of figures) assert.equal(x.delta, x.after!.size - x.before!.size);
        } else {
          const why = s.error ?? s.scenarios.map((x) => x.error).find(Boolean);
          assert.ok(why && !why.includes('\n'), `${f}: struct ${s.name} has neither figures nor a one-line reason`);
          const key = why.replace(/'[^'\s]*'/g, "'…'").replace(/\(<hunk>:\d+\)/, '').slice(0, 80);
          reasons.set(key, (reasons.get(key) ?? 0) + 1);
        }
      }
    }
  }
  console.log(`struct impacts ${structHunks}, with figures ${withFigures}`);
  for (const [r, n] of reasons) console.log(`  ${n} × ${r}`);
  assert.ok(structHunks > 50, `only ${structHunks} struct impacts`);
  assert.ok(withFigures / structHunks > 0.5, `figures for ${withFigures} of ${structHunks}`);
});

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReport { hunks: { structs: { name: string; scenarios: { delta: number | null }[] }[] }[] }

function grows(report: JsonReport, watched: string[]): boolean {
  return report.hunks.some((h) => h.structs.some((s) => (watched.length === 0 || watched.includes(s.name)) && s.scenarios.some((x) => (x.delta ?? 0) > 0)));
}

const inputs = () => [
  path.join(FIXTURES, 'seeds/000_110b1c1c1020574e.txt'),
  path.join(FIXTURES, 'seeds/001_35e5ee02d807fc96.txt'),
  path.join(FIXTURES, 'seeds/002_1292b8a27403ad80.txt'),
  // Two real threads: one whose struct hunks grow, one whose do not (the CLI loads the snapshot per run).
  ...(SKIP_NO_CORPUS ? [] : ['snowberg-x509-key-usage-base64.mbox', 'lsm-i_security-rcu-free.mbox'].map((n) => path.join(LORE, n))),
];

test('--fail-on-growth exits 1 exactly when a watched struct grows', async () => {
  let tripped = 0, passed = 0;
  for (const file of inputs()) {
    for (const watched of [[], ['inode']]) {
      const flags = watched.flatMap((s) => ['--struct', s]);
      const json = cli(['report', file, '--format', 'json', ...flags]);
      assert.equal(json.status, 0, json.stderr);
      const want = grows(JSON.parse(json.stdout) as JsonReport, watched) ? 1 : 0;
      const r = cli(['report', file, '--format', 'text', '--fail-on-growth', ...flags]);
      assert.equal(r.status, want, `${path.basename(file)} ${watched.join(',')}`);
      if (want) tripped++;
      else passed++;
    }
  }
  assert.ok(tripped > 0 && passed > 0, `tripped ${tripped}, passed ${passed}`);
});

test('bad input and usage give exit 2 and one line', () => {
  for (const args of [['report'], ['report', '/nonexistent/file'], ['report', '--format', 'pdf', 'x'], ['report', 'x', '--btf', '/nonexistent'], ['nosuchcommand']]) {
    const r = cli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});
