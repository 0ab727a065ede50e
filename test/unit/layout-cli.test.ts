import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES, REPO } from '../helpers/paths';

const SMALL = path.join(FIXTURES, 'layout/small.c');

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/main.ts'), 'layout', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('layout --format json: schema, size, members, holes; -D and --abi change the answer', () => {
  const base = cli(SMALL, '--struct', 'sample', '--format', 'json');
  assert.equal(base.code, 0, base.err);
  const j = JSON.parse(base.out);
  assert.equal(j.schema, 'kernel-patch-lens.layout@1');
  assert.deepEqual([j.name, j.size, j.align, j.abi, j.basis], ['sample', 128, 64, 'x86_64', 'source']);
  const count = j.members.find((m: { name: string }) => m.name === 'count');
  assert.deepEqual([count.offset, count.size], [64, 4]);
  const kind = j.members.find((m: { name: string }) => m.name === 'kind');
  assert.deepEqual([kind.bitOffset, kind.bitSize], [19, 5]);
  assert.ok(j.holes.length >= 1 && typeof j.padding === 'number' && j.cachelines === 2);

  const extra = JSON.parse(cli(SMALL, '--struct', 'sample', '--format', 'json', '-DCONFIG_SAMPLE_EXTRA').out);
  assert.ok(extra.members.some((m: { name: string }) => m.name === 'extra'));
  const lock = JSON.parse(cli(SMALL, '--struct', 'sample', '--format', 'json', '-D', 'CONFIG_DEBUG_LOCK=1').out);
  assert.equal(lock.members.find((m: { name: string }) => m.name === 'lock').size, 8);
  const i386 = JSON.parse(cli(SMALL, '--struct', 'sample', '--format', 'json', '--abi', 'i386').out);
  assert.equal(i386.members.find((m: { name: string }) => m.name === 'private').size, 4);
});

test('layout --config reads a .config and defines its options', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpl-layout-'));
  const cfg = path.join(dir, '.config');
  writeFileSync(cfg, 'CONFIG_SAMPLE_EXTRA=y\n# CONFIG_DEBUG_LOCK is not set\n');
  const j = JSON.parse(cli(SMALL, '--struct', 'sample', '--format', 'json', '--config', cfg).out);
  assert.ok(j.members.some((m: { name: string }) => m.name === 'extra'));
});

test('layout text output is pahole-like', () => {
  const r = cli(SMALL, '--struct', 'wire');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^struct wire \{/);
  assert.match(r.out, /\tunsigned int {15}len; {18}\/\* {5}1 {5}4 \*\//);
  assert.match(r.out, /\tunsigned short {13}ver:12; {15}\/\* {5}4:12  2 \*\//);
  assert.match(r.out, /\/\* size: 7, cachelines: 1, members: 4 \*\//);
});

test('bad input: one line on stderr and exit code 2', () => {
  const cases: string[][] = [
    [SMALL, '--struct', 'nope'],
    [SMALL],
    [path.join(FIXTURES, 'layout/does-not-exist.c'), '--struct', 'x'],
    [SMALL, '--struct', 'sample', '--abi', 'mips'],
    [SMALL, '--struct', 'sample', '--format', 'xml'],
    [SMALL, '--struct', 'sample', '--bogus'],
  ];
  for (const args of cases) {
    const r = cli(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.equal(r.err.trim().split('\n').length, 1, `one line for ${args.join(' ')}`);
    assert.match(r.err, /^kernel-patch-lens: /);
  }
  assert.match(cli(SMALL, '--struct', 'nope').err, /struct nope is not declared/);
});

test('an unknown type is named in the error, not guessed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpl-layout-'));
  const f = path.join(dir, 'x.c');
  writeFileSync(f, 'struct s { int a; mystery_t m; };\n');
  const r = cli(f, '--struct', 's');
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown type 'mystery_t' \(.*x\.c:1:19\)/);
});

const RUNNING_BTF = '/sys/kernel/btf/vmlinux';
test('layout --btf running: the same JSON schema from the running kernel BTF', { skip: existsSync(RUNNING_BTF) ? false : `${RUNNING_BTF} absent` }, () => {
  const r = cli('--btf', 'running', '--struct', 'list_head', '--format', 'json');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.schema, 'kernel-patch-lens.layout@1');
  assert.deepEqual([j.name, j.size], ['list_head', 16]);
  assert.match(j.basis, /^btf:running kernel .*\/sys\/kernel\/btf\/vmlinux/);
  assert.deepEqual(j.members.map((m: { name: string; offset: number }) => [m.name, m.offset]), [['next', 0], ['prev', 8]]);
});

test('layout --btf embedded: the snapshot shipped with the extension', () => {
  const r = cli('--btf', 'embedded', '--struct', 'inode', '--format', 'json');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.name, 'inode');
  assert.match(j.basis, /^btf:Debian linux-image-6\.12/);
  assert.ok(j.size > 500 && j.members.some((m: { name: string }) => m.name === 'i_sb'));
});

test('layout --btf with a truncated blob or a C file as well: one-line error, exit 2', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpl-layout-'));
  const f = path.join(dir, 'bad.btf');
  writeFileSync(f, Buffer.from([0x9f, 0xeb, 1, 0, 24, 0, 0, 0, 0, 0, 0, 0, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  for (const args of [['--btf', f, '--struct', 'x'], [SMALL, '--btf', f, '--struct', 'x']]) {
    const r = cli(...args);
    assert.equal(r.code, 2, r.err);
    assert.equal(r.err.trim().split('\n').length, 1);
  }
});
