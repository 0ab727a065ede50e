import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../src/core/analyze';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { FIXTURES, REPO } from '../helpers/paths';

test('seed 000: the prose claims about struct inode are checked against the computed delta', async () => {
  const snap = loadSnapshot(readFileSync(path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz')));
  const a = await analyze(readFileSync(path.join(FIXTURES, 'seeds/000_110b1c1c1020574e.txt')), { abi: 'x86_64', btf: snap, btfConfig: snap.config });
  const inode = a.claims.filter((c) => c.struct === 'inode');
  // "Instead of growing struct inode by 8 bytes" and "increase the size of struct inode by 8 bytes".
  assert.ok(inode.length >= 2, JSON.stringify(a.claims));
  const impact = a.hunks.flatMap((h) => h.impact.structs).find((s) => s.name === 'inode');
  const base = impact?.scenarios.find((s) => s.isBase);
  assert.ok(base?.delta !== undefined);
  for (const c of inode) {
    assert.equal(c.bytes * c.sign, 8);
    assert.equal(c.computed, base.delta);
    assert.equal(c.agrees, base.delta === 8);
  }
});

test('a claim that disagrees with the computed figure is reported as such', async () => {
  const snap = loadSnapshot(readFileSync(path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz')));
  const text = readFileSync(path.join(FIXTURES, 'seeds/000_110b1c1c1020574e.txt'), 'utf8')
    .replace('increase the size of struct inode by 8 bytes', 'increase the size of struct inode by 16 bytes');
  const a = await analyze(text, { abi: 'x86_64', btf: snap, btfConfig: snap.config });
  const sixteen = a.claims.find((c) => c.struct === 'inode' && c.bytes === 16);
  assert.ok(sixteen, JSON.stringify(a.claims));
  assert.equal(sixteen.agrees, false);
});
