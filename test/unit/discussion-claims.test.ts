import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findClaims } from '../../src/core/discussion/claims';

function claims(text: string): [string, number, number][] {
  let offset = 0;
  const lines = text.split('\n').map((t) => {
    const l = { text: t, offset };
    offset += t.length + 1;
    return l;
  });
  return findClaims(lines, 7).map((c) => [c.struct, c.bytes, c.sign]);
}

test('claims: the phrasings reviewers use', () => {
  assert.deepEqual(claims('While this does increase the size of struct inode by 8 bytes, it may'), [['inode', 8, 1]]);
  assert.deepEqual(claims('avoid adding 8 bytes of overhead to struct file for environment'), [['file', 8, 1]]);
  assert.deepEqual(claims('Instead of growing struct inode by 8 bytes, the solution will'), [['inode', 8, 1]]);
  assert.deepEqual(claims('This shrinks struct foo by 16 bytes.'), [['foo', 16, -1]]);
  assert.deepEqual(claims('and struct dentry grows by eight bytes'), [['dentry', 8, 1]]);
  assert.deepEqual(claims('this saves 4 bytes in struct vm_area_struct'), [['vm_area_struct', 4, -1]]);
});

test('claims: a claim wrapped over two lines is found, with the offset of its start', () => {
  const text = 'so it would grow struct\ninode by 8 bytes.';
  const c = findClaims(text.split('\n').map((t, i) => ({ text: t, offset: i === 0 ? 100 : 100 + 24 })), 3);
  assert.equal(c.length, 1);
  assert.equal(c[0].offset, 100 + text.indexOf('grow'));
  assert.equal(c[0].message, 3);
});

test('claims: sizes without a struct, or structs without a size, are not claims', () => {
  assert.deepEqual(claims('Last cycle we freed up 8 bytes to shrink it.'), []);
  assert.deepEqual(claims('we are not growing struct inode for this'), []);
  assert.deepEqual(claims('struct inode is 600 bytes'), []);
});
