import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../src/core/analyze';
import { reportText } from '../../src/core/report/text';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { FIXTURES, REPO } from '../helpers/paths';

const snap = loadSnapshot(readFileSync(path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz')));
const seed = (name: string) => readFileSync(path.join(FIXTURES, 'seeds', name));

test('text report: a hunk of a message without a subject has no dangling separator', async () => {
  const a = await analyze(seed('000_110b1c1c1020574e.txt'), { abi: 'x86_64', btf: snap, btfConfig: snap.config });
  const head = reportText(a).split('\n').find((l) => l.startsWith('include/linux/fs.h @@'));
  assert.ok(head, 'the struct inode hunk is reported');
  assert.match(head, /\(lines \d+-\d+, quoted at depth 2\)$/);
});

test('text report: each claim quotes its own words, read from the view its offset indexes', async () => {
  // Seed 000 is a document view (offsets index the whole text); the two claims differ.
  const a = await analyze(seed('000_110b1c1c1020574e.txt'), { abi: 'x86_64', btf: snap, btfConfig: snap.config });
  const claims = reportText(a).split('\n').filter((l) => l.startsWith('claim:'));
  assert.equal(claims.length, a.claims.length);
  assert.ok(claims.some((l) => l.includes('("increase the size of struct inode by 8 bytes')), claims.join('\n'));
  assert.ok(claims.some((l) => l.includes('("growing struct inode by 8 bytes')), claims.join('\n'));
  assert.equal(new Set(claims).size, claims.length, 'two claims of one message are told apart');
  // Seed 004: the claim stands in a quote; its markers are dropped from the words.
  const b = await analyze(seed('004_26ab9a221b0ea086.txt'), { abi: 'x86_64', btf: snap, btfConfig: snap.config });
  const line = reportText(b).split('\n').find((l) => l.startsWith('claim:'));
  assert.ok(line?.includes('("adding 8 bytes of overhead to struct file for environment where this might be'), line);
});

test('text report: hostile claim words are made inert and cut short', async () => {
  const text = readFileSync(path.join(FIXTURES, 'seeds/000_110b1c1c1020574e.txt'), 'utf8')
    .replace('increase the size of struct inode by 8 bytes', 'increase the size of struct inode by 8 bytes \u202e\u001b[31m' + 'x'.repeat(200));
  const a = await analyze(text, { abi: 'x86_64', btf: snap, btfConfig: snap.config });
  const line = reportText(a).split('\n').find((l) => l.includes('("increase the size'));
  assert.ok(line, 'the claim is reported');
  assert.doesNotMatch(line, /[\u202e\u001b]/);
  const words = /\("([^"]*)"\)/.exec(line)?.[1] ?? '';
  assert.ok(words.length <= 80 && words.endsWith('…'), words);
});
