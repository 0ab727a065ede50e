import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'fflate';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { BtfError } from '../../src/core/types/btf-error';
import { SNAPSHOT_FORMAT, decodeSnapshot, encodeSnapshot, latin1 } from '../../src/core/types/snapshot-format';
import fc from 'fast-check';
import { BtfBuilder } from '../fixtures/btf/build';
import { REPO } from '../helpers/paths';

const SNAPSHOT = path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz');

const HEADER = {
  format: SNAPSHOT_FORMAT,
  kernel: { release: '0.0-test', version: '0.0-1', arch: 'x86_64' },
  source: { distribution: 'Test', package: 'linux-image-test', version: '0.0-1', file: 'x.deb', sha256: '0'.repeat(64) },
  generated: '2026-01-01T00:00:00Z',
  generator: 'test',
  btf: { originalBytes: 0, originalTypes: 0, keptTypes: 0, note: '' },
};

function tinySnapshot(): Uint8Array {
  const b = new BtfBuilder();
  const int = b.int('int', 4, { signed: true });
  b.struct('thing', 8, [['a', int, 0], ['b', int, 32]]);
  const config = new TextEncoder().encode('CONFIG_FOO=y\n# CONFIG_BAR is not set\nCONFIG_N=12\n');
  return encodeSnapshot(HEADER, [['config', config], ['btf', b.build()]]);
}

test('a snapshot round-trips through the container and gzip', () => {
  const raw = tinySnapshot();
  for (const bytes of [raw, gzipSync(raw)]) {
    const s = loadSnapshot(bytes);
    assert.equal(s.header.kernel.release, '0.0-test');
    assert.equal(s.structLayout('thing').size, 8);
    assert.equal(s.sizeOf('int [3]'), 12);
    assert.deepEqual(s.config.options.get('CONFIG_FOO'), { kind: 'bool', value: 'y' });
    assert.deepEqual(s.config.options.get('CONFIG_BAR'), { kind: 'unset' });
    assert.match(s.label, /linux-image-test/);
  }
});

test('damaged snapshots are BtfErrors', () => {
  const raw = tinySnapshot();
  for (let n = 0; n < raw.length; n += 7) assert.throws(() => loadSnapshot(raw.subarray(0, n)), BtfError, `length ${n}`);
  const gz = gzipSync(raw);
  assert.throws(() => loadSnapshot(gz.subarray(0, gz.length - 20)), BtfError);
  const wrong = raw.slice();
  wrong[0] = 0x41;
  assert.throws(() => loadSnapshot(wrong), /bad magic/);
  assert.equal(decodeSnapshot(raw).sections.size, 2);
});

test('the embedded Debian snapshot says what it describes and is small', () => {
  const bytes = new Uint8Array(readFileSync(SNAPSHOT));
  assert.ok(statSync(SNAPSHOT).size < 2 * 1024 * 1024, 'snapshot under 2 MB');
  const s = loadSnapshot(bytes);
  assert.equal(s.header.format, SNAPSHOT_FORMAT);
  assert.match(s.header.kernel.release, /^6\.12\.\d+\+deb12-amd64$/);
  assert.equal(s.header.kernel.arch, 'x86_64');
  assert.match(s.header.source.sha256, /^[0-9a-f]{64}$/);
  assert.match(s.header.source.package, /^linux-image-6\.12/);
  // The config is the one of that kernel (BTF on, as it must be for the snapshot to exist).
  assert.deepEqual(s.config.options.get('CONFIG_DEBUG_INFO_BTF'), { kind: 'bool', value: 'y' });
  assert.ok(s.config.options.size > 5000);
  // The types the analyzer needs for the seed threads are all there.
  for (const name of ['inode', 'file', 'dentry', 'super_block', 'address_space', 'vm_area_struct', 'task_struct', 'sock']) {
    const l = s.structLayout(name);
    assert.ok(l.size > 0 && l.members.length > 5, name);
  }
  assert.equal(s.sizeOf('struct bpf_local_storage __rcu *'), 8);
  assert.ok(s.sizeOf('struct fsnotify_mark_connector') > 0);
  // Filesystems built as modules are in it too: their inode containers are what slab caches hold.
  const containers = new Set(s.embedders('inode').map((e) => e.container));
  for (const c of ['shmem_inode_info', 'proc_inode', 'socket_alloc', 'ext4_inode_info', 'xfs_inode', 'btrfs_inode', 'nfs_inode']) assert.ok(containers.has(c), c);
  assert.equal(s.embedders('inode').filter((e) => e.container === 'netfs_inode').length, 1);
});

test('latin1: every byte is the character of its code, ASCII or not', () => {
  const oracle = (b: Uint8Array): string => Array.from(b, (c) => String.fromCharCode(c)).join('');
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 20000 }), fc.boolean(), (b, ascii) => {
      const bytes = ascii ? b.map((c) => c & 0x7f) : b;
      assert.equal(latin1(bytes), oracle(bytes));
    }),
    { numRuns: 300 },
  );
  // the bytes a UTF-8 or windows-1252 decoder would read differently
  const odd = Uint8Array.from([0x41, 0x80, 0x9f, 0xef, 0xbb, 0xbf, 0xff]);
  assert.equal(latin1(odd), 'A\u0080\u009f\u00ef\u00bb\u00bf\u00ff');
});
