import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readBtf } from '../../src/core/types/btf';
import { BtfError } from '../../src/core/types/btf-error';
import { BtfKind } from '../../src/core/types/btf-kinds';
import { btfLayoutOf, btfStructLayout } from '../../src/core/types/btf-layout';
import { typeName } from '../../src/core/types/btf-names';
import { btfSizeof, canonicalIntName, spelledType } from '../../src/core/types/btf-sizeof';
import { btfEmbedders } from '../../src/core/types/btf-embed';
import { pruneBtf } from '../../src/core/types/btf-prune';
import { mergeSplitBtfs, readSplitBtf } from '../../src/core/types/btf-split';
import { BtfBuilder, wrapInElf } from '../fixtures/btf/build';

/** A small BTF with every kind and the layout corners: bit-fields, anonymous union, arrays, tags. */
function sample(bigEndian = false): Uint8Array {
  const b = new BtfBuilder(bigEndian);
  const int = b.int('int', 4, { signed: true });
  const uint = b.int('unsigned int', 4);
  const char = b.int('char', 1, { signed: true, char: true });
  const ulong = b.int('long unsigned int', 8);
  const fwd = b.fwd('rcu_x');
  const tagged = b.typeTag('rcu', fwd);
  const rcuPtr = b.ptr(tagged);
  const proto = b.funcProto(0, [['a', int], ['c', char]]);
  const fnPtr = b.ptr(proto);
  const anon = b.union('', 4, [['x', int, 0], ['y', char, 0]]);
  const name3 = b.array(char, 3, int);
  const sampleId = b.struct('sample', 48, [
    ['a', uint, 0, 3], ['b', uint, 3, 4], ['c', ulong, 64], ['', anon, 128], ['name', name3, 160], ['p', rcuPtr, 192], ['fn', fnPtr, 256],
  ]);
  b.typedef('sample_t', sampleId);
  b.struct('outer', 56, [['head', int, 0], ['inner', sampleId, 64]]);
  b.const(b.ptr(sampleId));
  b.volatile(int);
  b.restrict(b.ptr(char));
  b.enum('colour', 4, [['RED', 0], ['BLUE', -1]], true);
  b.enum64('big', 8, [['HUGE', 0x1_0000_0001n], ['NEG', -2n]], true);
  const f = b.func('do_it', proto);
  b.declTag('kfunc', f, -1);
  const v = b.var('counter', int);
  b.datasec('.data', 4, [[v, 0, 4]]);
  b.float('double', 8);
  return b.build();
}

test('reads every kind from a little- and a big-endian blob', () => {
  for (const be of [false, true]) {
    const btf = readBtf(sample(be));
    assert.equal(btf.littleEndian, !be);
    assert.equal(btf.count, 27);
    const kinds = new Set<number>();
    for (let id = 1; id < btf.count; id++) kinds.add(btf.kind(id));
    for (let k = BtfKind.Int; k <= BtfKind.Enum64; k++) assert.ok(kinds.has(k), `kind ${k} present`);
    const colour = btf.find('colour', [BtfKind.Enum])!;
    assert.deepEqual(btf.enumValues(colour), [{ name: 'RED', value: 0n }, { name: 'BLUE', value: -1n }]);
    const big = btf.find('big', [BtfKind.Enum64])!;
    assert.deepEqual(btf.enumValues(big), [{ name: 'HUGE', value: 0x1_0000_0001n }, { name: 'NEG', value: -2n }]);
    const tag = btf.find('kfunc', [BtfKind.DeclTag])!;
    assert.equal(btf.extraWord(tag), -1);
    assert.equal(btf.name(btf.ref(tag)), 'do_it');
    const sec = btf.find('.data', [BtfKind.Datasec])!;
    assert.deepEqual(btf.datasecVars(sec).map((e) => [btf.name(e.type), e.offset, e.size]), [['counter', 0, 4]]);
    assert.equal(btf.rawSize(btf.find('double', [BtfKind.Float])!), 8);
  }
});

test('lays out bit-fields, bit holes, anonymous unions, arrays and inferred alignment', () => {
  const btf = readBtf(sample());
  const l = btfStructLayout(btf, 'struct sample');
  assert.equal(l.size, 48);
  assert.deepEqual(l.members.map((m) => [m.name, m.offset, m.size, m.bitOffset, m.bitSize, m.depth, m.aggregate, m.type]), [
    ['a', 0, 4, 0, 3, 0, undefined, 'unsigned int'],
    ['b', 0, 4, 3, 4, 0, undefined, 'unsigned int'],
    ['c', 8, 8, undefined, undefined, 0, undefined, 'long unsigned int'],
    ['', 16, 4, undefined, undefined, 0, 'union', 'union {...}'],
    ['x', 16, 4, undefined, undefined, 1, undefined, 'int'],
    ['y', 16, 1, undefined, undefined, 1, undefined, 'char'],
    ['name', 20, 3, undefined, undefined, 0, undefined, 'char[3]'],
    ['p', 24, 8, undefined, undefined, 0, undefined, 'struct rcu_x __rcu *'],
    ['fn', 32, 8, undefined, undefined, 0, undefined, 'void (*)(int, char)'],
  ]);
  assert.deepEqual(l.holes, [
    { offset: 0, size: 0, bitOffset: 7, bits: 57, after: 'b' },
    { offset: 23, size: 1, after: 'name' },
  ]);
  assert.equal(l.padding, 8);
  assert.equal(l.cachelines, 1);
  // 40 bytes of members padded to 48 cannot come from 8-byte members alone.
  assert.equal(l.align, 16);
  assert.equal(l.alignBasis, 'padding');
  assert.equal(btfStructLayout(btf, 'sample_t').typeId, l.typeId);
  const outer = btfStructLayout(btf, 'outer');
  assert.deepEqual(outer.holes, [{ offset: 4, size: 4, after: 'head' }]);
});

test('type names and spelled sizes', () => {
  const btf = readBtf(sample());
  const names: string[] = [];
  for (let id = 1; id < btf.count; id++) if (btf.kind(id) === BtfKind.Ptr || btf.kind(id) === BtfKind.Const || btf.kind(id) === BtfKind.Volatile || btf.kind(id) === BtfKind.Restrict) names.push(typeName(btf, id));
  assert.deepEqual(names, ['struct rcu_x __rcu *', 'void (*)(int, char)', 'struct sample *', 'struct sample *const', 'volatile int', 'char *', 'char *restrict']);
  assert.equal(btfSizeof(btf, 'struct sample'), 48);
  assert.equal(btfSizeof(btf, 'struct rcu_x __rcu *'), 8);
  assert.equal(btfSizeof(btf, 'unsigned long'), 8);
  assert.equal(btfSizeof(btf, 'const sample_t [2]'), 96);
  assert.equal(spelledType(btf, 'sample_t').align, 16);
  assert.throws(() => btfSizeof(btf, 'struct rcu_x'), (e: unknown) => e instanceof BtfError && /forward-declared/.test(e.message));
  assert.throws(() => btfSizeof(btf, 'struct nope'), (e: unknown) => e instanceof BtfError && /struct nope/.test(e.message));
  assert.throws(() => btfSizeof(btf, 'u8 [N]'), BtfError);
  assert.equal(canonicalIntName(['unsigned', 'long', 'long']), 'long long unsigned int');
  assert.equal(canonicalIntName(['short']), 'short int');
  assert.equal(canonicalIntName(['u8']), undefined);
});

test('finds structs that embed a struct, through arrays and anonymous members', () => {
  const b = new BtfBuilder();
  const int = b.int('int', 4, { signed: true });
  const inode = b.struct('inode', 8, [['i_ino', int, 0], ['i_count', int, 32]]);
  const anon = b.struct('', 8, [['vfs_inode', inode, 0]]);
  b.struct('ext4_inode_info', 24, [['i_flags', int, 0], ['', anon, 64], ['i_ptr', b.ptr(inode), 128]]);
  const td = b.typedef('inode_t', inode);
  const holder = b.struct('holder', 16, [['many', b.array(td, 2), 0]]);
  b.struct('outer', 20, [['x', int, 0], ['h', holder, 32]]);
  const btf = readBtf(b.build());
  const direct = btfEmbedders(btf, 'inode');
  assert.deepEqual(direct.map((e) => [e.container, e.path, e.offset, e.count, e.level]), [
    ['ext4_inode_info', 'vfs_inode', 8, 1, 1], ['holder', 'many', 0, 2, 1],
  ]);
  const all = btfEmbedders(btf, 'struct inode', { transitive: true });
  assert.deepEqual(all.map((e) => [e.container, e.level]), [['ext4_inode_info', 1], ['holder', 1], ['outer', 2]]);
});

test('ELF32/ELF64 in both byte orders: the .BTF section is found and read', () => {
  for (const is64 of [false, true]) {
    for (const bigEndian of [false, true]) {
      const elf = wrapInElf(sample(bigEndian), { is64, bigEndian });
      const btf = readBtf(elf);
      assert.equal(btfStructLayout(btf, 'sample').size, 48, `is64=${is64} be=${bigEndian}`);
      assert.throws(() => readBtf(elf.subarray(0, elf.length - 10)), BtfError);
    }
  }
});

test('every truncation of a blob is a BtfError with a one-line message', () => {
  const blob = sample();
  for (let n = 0; n < blob.length; n++) {
    assert.throws(() => readBtf(blob.subarray(0, n)), (e: unknown) => e instanceof BtfError && !e.message.includes('\n'), `length ${n}`);
  }
});

test('random corruption never escapes as anything but BtfError', () => {
  const blob = sample();
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(blob.length - 1), fc.nat(255)), { minLength: 1, maxLength: 6 }), (edits) => {
    const bad = blob.slice();
    for (const [at, v] of edits) bad[at] = v;
    try {
      const btf = readBtf(bad);
      for (let id = 1; id < btf.count; id++) {
        const k = btf.kind(id);
        typeName(btf, id);
        if (k === BtfKind.Struct || k === BtfKind.Union) {
          const l = btfLayoutOf(btf, id);
          for (const m of l.members) assert.ok(m.offset + (m.bitSize ? 0 : m.size) <= l.size);
        }
      }
      btfEmbedders(btf, 'sample', { transitive: true });
    } catch (e) {
      if (!(e instanceof BtfError)) throw e;
    }
  }), { numRuns: 3000 });
});

test('pruning keeps data types and their layouts, drops functions and variables', () => {
  const btf = readBtf(sample());
  const pruned = readBtf(pruneBtf(btf).bytes);
  assert.equal(pruned.find('do_it', [BtfKind.Func]), undefined);
  assert.equal(pruned.find('counter', [BtfKind.Var]), undefined);
  assert.deepEqual({ ...btfStructLayout(pruned, 'sample'), typeId: 0 }, { ...btfStructLayout(btf, 'sample'), typeId: 0 });
  const all = readBtf(pruneBtf(btf, { keep: () => true, dropParamNames: false }).bytes);
  assert.equal(all.count, btf.count);
  for (let id = 1; id < btf.count; id++) assert.equal(typeName(all, id), typeName(btf, id));
});

test('header errors name the problem', () => {
  const blob = sample();
  const badMagic = blob.slice();
  badMagic[0] = 0;
  assert.throws(() => readBtf(badMagic), /bad magic/);
  const badKind = blob.slice();
  // Kind byte of the first record: info word at 24 + 4, kind in bits 24..28 (LE: byte 3).
  badKind[24 + 7] = 0x1f;
  assert.throws(() => readBtf(badKind), /unknown kind 31/);
  const badRef = blob.slice();
  // Type 7 is the PTR: after four INTs (16 bytes each), a FWD and a TYPE_TAG (12 each).
  new DataView(badRef.buffer).setUint32(24 + 4 * 16 + 2 * 12 + 8, 9999, true);
  assert.throws(() => readBtf(badRef), (e: unknown) => e instanceof BtfError && /9999/.test(e.message));
});

test('split (module) BTF continues the base ids and strings; modules merge into one BTF', () => {
  const baseBuilder = new BtfBuilder();
  const int = baseBuilder.int('int', 4, { signed: true });
  const inode = baseBuilder.struct('inode', 8, [['i_ino', int, 0], ['i_count', int, 32]]);
  const base = readBtf(baseBuilder.build());
  const modBlob = (name: string): Uint8Array => {
    const m = new BtfBuilder(false, { firstId: base.count, strBase: base.sections.strLen });
    const flags = m.typedef(`${name}_flags_t`, int);
    m.struct(`${name}_inode_info`, 16, [['flags', flags, 0], ['vfs_inode', inode, 32]]);
    return m.build();
  };
  const ext4 = readSplitBtf(modBlob('ext4'), base);
  assert.equal(ext4.count, base.count + 2);
  assert.equal(btfStructLayout(ext4, 'ext4_inode_info').members[1].type, 'struct inode');
  const viaElf = readSplitBtf(wrapInElf(modBlob('xfs'), { is64: true, bigEndian: false }), base);
  const merged = readBtf(mergeSplitBtfs(base, [ext4, viaElf]));
  assert.deepEqual(btfEmbedders(merged, 'inode').map((e) => [e.container, e.offset]), [['ext4_inode_info', 4], ['xfs_inode_info', 4]]);
  assert.equal(typeName(merged, btf(merged, 'xfs_flags_t')), 'xfs_flags_t');
  assert.throws(() => readSplitBtf(modBlob('bad').subarray(0, 30), base), BtfError);
});

function btf(b: ReturnType<typeof readBtf>, name: string): number {
  return b.byName(name)[0];
}
