// The `thread` and `stats` commands as a user runs them: output schema, exit codes,
// one-line errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'fflate';
import { FIXTURES, REPO } from '../helpers/paths';

function cli(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/main.ts'), ...args], { encoding: 'utf8', cwd: REPO });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(path.join(tmpdir(), 'kpl-cli-'));
const MBOX = path.join(dir, 'series.mbox');
writeFileSync(MBOX, [
  'From a@b Mon Jan  1 00:00:00 2024\nFrom: Dev <dev@x.org>\nSubject: [PATCH v2 0/1] grow it\nMessage-ID: <c@x>\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\n fs.h | 1 +\n 1 file changed, 1 insertion(+)\n',
  'From a@b Mon Jan  1 00:00:00 2024\nFrom: Dev <dev@x.org>\nSubject: [PATCH v2 1/1] fs: grow struct inode\nMessage-ID: <p@x>\nIn-Reply-To: <c@x>\nDate: Mon, 1 Jan 2024 10:01:00 +0000\n\n---\ndiff --git a/include/linux/fs.h b/include/linux/fs.h\n--- a/include/linux/fs.h\n+++ b/include/linux/fs.h\n@@ -648,3 +648,4 @@ struct inode {\n \tvoid *i_security;\n+\tvoid *i_new;\n #endif\n \tunsigned long i_state;\n',
  'From a@b Mon Jan  1 00:00:00 2024\nFrom: "Rev, Iewer" <r@x.org>\nSubject: Re: [PATCH v2 1/1] fs: grow struct inode\nMessage-ID: <r@x>\nIn-Reply-To: <p@x>\nReferences: <c@x> <p@x>\nDate: Mon, 1 Jan 2024 11:00:00 +0000\n\nNAK, we are not growing struct inode.\n',
].join('\n'));

test('thread --format json: schema, messages with parents, series', () => {
  const r = cli('thread', MBOX, '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.schema, 'kernel-patch-lens.thread@1');
  assert.equal(j.kind, 'mbox');
  assert.deepEqual(j.messages.map((m: { id: string; parent: string | null }) => [m.id, m.parent]), [['c@x', null], ['p@x', 'c@x'], ['r@x', 'p@x']]);
  assert.equal(j.messages[2].from, 'Rev, Iewer <r@x.org>');
  assert.equal(j.messages[1].date, '2024-01-01T10:01:00.000Z');
  assert.equal(j.series.length, 1);
  assert.equal(j.series[0].version, 2);
  assert.deepEqual(j.series[0].cover, { index: 0, id: 'c@x' });
  assert.deepEqual(j.series[0].patches, [{ number: 1, messages: [{ index: 1, id: 'p@x' }] }]);
});

test('thread --format text: indented tree, control characters removed', () => {
  const evil = path.join(dir, 'evil.eml');
  writeFileSync(evil, 'From: x@y\nSubject: hi \u001b[31mred\u001b[0m\nMessage-ID: <e@x>\n\nbody\n');
  const r = cli('thread', evil);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!r.stdout.includes('\u001b'));
  const t = cli('thread', MBOX, '--format', 'text');
  const lines = t.stdout.split('\n');
  assert.match(lines[0], /^\S.*\[PATCH v2 0\/1\] grow it$/);
  assert.match(lines[1], /^  \S.*\[PATCH v2 1\/1\]/);
  assert.match(lines[2], /^    \S.*Re: \[PATCH v2 1\/1\]/);
});

test('stats: counts as one JSON object, gzip and plain agree', () => {
  const gz = path.join(dir, 'series.mbox.gz');
  writeFileSync(gz, gzipSync(new TextEncoder().encode(spawnSync('cat', [MBOX], { encoding: 'utf8' }).stdout)));
  const a = JSON.parse(cli('stats', MBOX).stdout);
  const b = JSON.parse(cli('stats', gz).stdout);
  assert.equal(a.schema, 'kernel-patch-lens.stats@1');
  for (const k of ['messages', 'patches', 'hunks', 'structHunks']) assert.equal(a[k], b[k], k);
  assert.equal(a.messages, 3);
  assert.equal(a.patches, 1);
  assert.equal(a.hunks, 1);
  assert.equal(a.structHunks, 1);
  assert.ok(a.bytes > 0 && typeof a.seconds === 'number');
  const two = JSON.parse(cli('stats', MBOX, path.join(FIXTURES, 'seeds/000_110b1c1c1020574e.txt')).stdout);
  assert.equal(two.files, 2);
  assert.equal(two.messages, 4);
});

test('bad usage and unreadable input: exit 2, one line on stderr, no stack trace', () => {
  for (const args of [['thread'], ['thread', '/no/such/file'], ['thread', MBOX, '--format', 'xml'], ['stats'], ['stats', '/no/such/file'], ['thread', MBOX, '--bogus']]) {
    const r = cli(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^kernel-patch-lens: /);
    assert.ok(!/\n\s+at /.test(r.stderr));
  }
  const badGz = path.join(dir, 'bad.gz');
  writeFileSync(badGz, new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]));
  for (const cmd of ['thread', 'stats']) {
    const r = cli(cmd, badGz);
    assert.equal(r.status, 2, `${cmd} on corrupt gzip: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
});
