import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyHunk, locateHunk, ApplyError } from '../../src/core/impact/apply';
import type { DiffLine } from '../../src/core/patch/types';

function hunk(src: string): DiffLine[] {
  return src.split('\n').map((l, i) => ({ kind: l[0] as DiffLine['kind'], text: l.slice(1), offset: i, depth: 0 }));
}

const base = ['struct inode {', '\tumode_t i_mode;', '#ifdef CONFIG_SECURITY', '\tvoid *i_security;', '#endif', '\tunsigned long i_ino;', '};'].join('\n');
const add = hunk([' #ifdef CONFIG_SECURITY', ' \tvoid *i_security;', ' #endif', '+#ifdef CONFIG_BPF_SYSCALL', '+\tstruct bpf_local_storage __rcu *i_bpf_storage;', '+#endif', ' \tunsigned long i_ino;'].join('\n'));

test('applies at the stated line', () => {
  const r = applyHunk(base, add, 3);
  assert.deepEqual(r.match, { line: 2, offset: 0, fuzz: 0, loose: false });
  assert.equal(r.text.split('\n').length, 10);
  assert.deepEqual(r.text.split('\n').slice(6, 8), ['\tstruct bpf_local_storage __rcu *i_bpf_storage;', '#endif']);
});

test('finds the place at an offset, nearest first', () => {
  const r = applyHunk(base, add, 40);
  assert.equal(r.match.line, 2);
  assert.equal(r.match.offset, 2 - 39);
});

test('tolerates tabs turned into spaces and keeps the base spelling of context', () => {
  const spaced = add.map((l) => ({ ...l, text: l.text.replace(/\t/g, '        ') }));
  const r = applyHunk(base, spaced, 3);
  assert.equal(r.match.loose, true);
  assert.ok(r.text.includes('\tunsigned long i_ino;'));
});

test('uses fuzz when outer context differs', () => {
  const changed = hunk([' #ifdef CONFIG_SOMETHING_ELSE', ' \tvoid *i_security;', ' #endif', '+\tint x;', ' \tunsigned long i_ino;'].join('\n'));
  const r = applyHunk(base, changed, 3);
  assert.equal(r.match.fuzz, 1);
  assert.equal(r.match.line, 2);
});

test('a hunk that matches nowhere is an ApplyError', () => {
  assert.throws(() => applyHunk(base, hunk(' nothing like it\n-gone'), 1), ApplyError);
  assert.equal(locateHunk(base.split('\n'), hunk(' nothing like it\n-gone'), 1), undefined);
});
