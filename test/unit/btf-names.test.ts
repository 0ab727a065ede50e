// Btf.byName finds types through a hash index of their name bytes; it must give exactly
// the ids, in id order, that reading every type's name gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'fflate';
import { readBtf } from '../../src/core/types/btf';
import { decodeSnapshot } from '../../src/core/types/snapshot-format';
import { BtfBuilder } from '../fixtures/btf/build';
import { REPO } from '../helpers/paths';

function byNameOracle(btf: ReturnType<typeof readBtf>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let id = 1; id < btf.count; id++) {
    const n = btf.name(id);
    if (n === '') continue;
    const ids = out.get(n);
    if (ids) ids.push(id);
    else out.set(n, [id]);
  }
  return out;
}

test('byName on the embedded snapshot: every name gives the ids that reading each type gives', () => {
  const raw = gunzipSync(new Uint8Array(readFileSync(path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz'))));
  const btfBytes = decodeSnapshot(raw).sections.get('btf');
  assert.ok(btfBytes);
  const btf = readBtf(btfBytes);
  const want = byNameOracle(btf);
  assert.ok(want.size > 10000, `${want.size} names`);
  let shared = 0;
  for (const [name, ids] of want) {
    assert.deepEqual(btf.byName(name), ids, name);
    if (ids.length > 1) shared++;
  }
  // names several types carry (a struct and its FWD, a typedef of the same name) are there
  assert.ok(shared > 50, `${shared} shared names`);
  for (const miss of ['', 'inod', 'inodes', 'struct inode', 'inode\u0000', 'ïnode']) assert.deepEqual(btf.byName(miss), [], JSON.stringify(miss));
});

test('byName: one name on several kinds comes back in id order; prefixes do not match', () => {
  const b = new BtfBuilder();
  const int = b.int('int', 4, { signed: true });
  const fwd = b.fwd('node');
  const s = b.struct('node', 4, [['a', int, 0]]);
  b.struct('node_ext', 4, [['a', int, 0]]);
  const td = b.typedef('node', s);
  const btf = readBtf(b.build());
  assert.deepEqual(btf.byName('node'), [fwd, s, td]);
  assert.deepEqual(btf.byName('node_ext').length, 1);
  assert.deepEqual(btf.byName('nod'), []);
  assert.deepEqual(btf.byName('int'), [int]);
});

test('byName: a name that shares its hash chain with a longer name is still a miss', () => {
  // The index is FNV-1a over 1024 chains for a BTF this small (src/core/types/btf.ts):
  // find a name whose chain also holds the same name with one more letter.
  const chain = (s: string): number => {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return (h >>> 0) & 1023;
  };
  let k = 0;
  while (chain(`q${k}`) !== chain(`q${k}z`)) k++;
  const b = new BtfBuilder();
  const int = b.int('int', 4, { signed: true });
  const long = b.struct(`q${k}z`, 4, [['a', int, 0]]);
  const btf = readBtf(b.build());
  assert.deepEqual(btf.byName(`q${k}z`), [long]);
  assert.deepEqual(btf.byName(`q${k}`), []);
});
