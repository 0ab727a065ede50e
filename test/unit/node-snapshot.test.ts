import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'fflate';
import { inflatedSnapshot } from '../../src/node/snapshot';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { REPO } from '../helpers/paths';

const SNAPSHOT = path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz');

function loadError(bytes: Uint8Array): string {
  try {
    loadSnapshot(bytes);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return '';
}

test('zlib inflates the embedded snapshot to the bytes the core inflates it to', () => {
  const gz = new Uint8Array(readFileSync(SNAPSHOT));
  const ours = inflatedSnapshot(gz);
  const core = gunzipSync(gz);
  assert.notEqual(ours.length, gz.length);
  assert.equal(ours.length, core.length);
  assert.ok(Buffer.from(ours.buffer, ours.byteOffset, ours.byteLength).equals(Buffer.from(core)));
  assert.equal(loadSnapshot(ours).structLayout('inode').size, loadSnapshot(gz).structLayout('inode').size);
});

test('bytes that are not gzip come back as they are', () => {
  const raw = gunzipSync(new Uint8Array(readFileSync(SNAPSHOT)));
  assert.equal(inflatedSnapshot(raw), raw);
  const empty = new Uint8Array(0);
  assert.equal(inflatedSnapshot(empty), empty);
});

test('damaged gzip is left to loadSnapshot, whose error names the problem', () => {
  const gz = new Uint8Array(readFileSync(SNAPSHOT));
  const truncated = gz.subarray(0, gz.length >> 1);
  const flipped = gz.slice();
  for (let i = 64; i < 4096; i += 7) flipped[i] ^= 0x5a;
  for (const bad of [truncated, flipped]) {
    assert.equal(inflatedSnapshot(bad), bad);
    const why = loadError(bad);
    assert.match(why, /\S/);
    assert.equal(loadError(inflatedSnapshot(bad)), why);
  }
});
