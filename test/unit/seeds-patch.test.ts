import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from '../helpers/paths';
import { readDocument } from '../../src/core/mail/index';
import { buildThread } from '../../src/core/thread/index';
import { extractPatches } from '../../src/core/patch/index';
import type { Hunk, MessagePatches } from '../../src/core/patch/types';

const seed = (name: string): Buffer => readFileSync(path.join(FIXTURES, 'seeds', name));

async function patches(name: string): Promise<{ text: string; mps: MessagePatches[] }> {
  const bytes = seed(name);
  const doc = await readDocument(bytes, { name });
  return { text: bytes.toString('utf8'), mps: extractPatches(doc, buildThread(doc.messages)) };
}

const lines = (h: Hunk): string[] => h.lines.map((l) => l.kind + l.text);

/** A diff line's offset is its marker's, or its text's where collapsing ate the marker. */
function assertAtOffset(text: string, h: Hunk): void {
  for (const l of h.lines) {
    const withMarker = text.slice(l.offset, l.offset + 1 + l.text.length);
    const bare = text.slice(l.offset, l.offset + l.text.length);
    assert.ok(withMarker === l.kind + l.text || (l.kind === ' ' && bare === l.text), `${l.kind}${l.text} at ${l.offset}`);
  }
}

test('seed 000: the quoted i_bpf_storage hunk of fs.h in struct inode, and the forward-declaration hunk', async () => {
  const { text, mps } = await patches('000_110b1c1c1020574e.txt');
  const hunks = mps.flatMap((m) => m.hunks);
  assert.equal(hunks.length, 2);
  const [decl, inode] = hunks;

  assert.equal(decl.file, 'include/linux/fs.h');
  assert.equal(decl.fileFrom, 'header');
  assert.deepEqual([decl.oldStart, decl.oldLines, decl.newStart, decl.newLines], [79, 6, 79, 7]);
  assert.equal(decl.section, 'struct fs_context;');
  assert.deepEqual(lines(decl), [
    ' struct fs_parameter_spec;', ' struct fileattr;', ' struct iomap_ops;', '+struct bpf_local_storage;',
    ' ', ' extern void __init inode_init(void);', ' extern void __init inode_init_early(void);',
  ]);
  assert.equal(decl.complete, true);
  assert.deepEqual(decl.structs, [], 'a forward declaration heading is not a struct hunk');

  assert.equal(inode.file, 'include/linux/fs.h');
  assert.equal(inode.fileFrom, 'header');
  assert.deepEqual([inode.oldStart, inode.oldLines, inode.newStart, inode.newLines], [648, 6, 649, 9]);
  assert.equal(inode.section, 'struct inode {');
  assert.equal(inode.depth, 2);
  assert.equal(inode.quoted, true);
  // The quote stops after the added lines: three of the six context lines were cut.
  assert.deepEqual(lines(inode), [
    ' #ifdef CONFIG_SECURITY', ' void *i_security;', ' #endif',
    '+#ifdef CONFIG_BPF_SYSCALL', '+ struct bpf_local_storage __rcu *i_bpf_storage;', '+#endif',
  ]);
  assert.equal(inode.complete, false);
  assert.deepEqual(inode.structs, [{ kind: 'struct', name: 'inode', evidence: 'heading', changed: true }]);
  // Offsets point into the document.
  assertAtOffset(text, inode);
  assertAtOffset(text, decl);
  assert.ok(text.slice(inode.span.start, inode.span.end).startsWith('>> @@ -648,6 +649,9 @@ struct inode {'));
  assert.ok(text.slice(inode.span.start, inode.span.end).endsWith('>> +#endif'));
  assert.equal(mps[0].hasPatch, false, 'only quotes of a patch');
});

test('seed 001: both hunks of the quoted collapsed diff rebuilt line by line', async () => {
  const { text, mps } = await patches('001_35e5ee02d807fc96.txt');
  const hunks = mps.flatMap((m) => m.hunks);
  assert.equal(hunks.length, 2);
  const [addons, inode] = hunks;
  assert.equal(addons.file, 'include/linux/fs.h');
  assert.deepEqual([addons.oldStart, addons.oldLines, addons.newStart, addons.newLines], [627, 6, 627, 12]);
  assert.equal(addons.section, 'is_uncached_acl(struct posix_acl *acl)');
  // Checked against include/linux/fs.h of 6.12: the blank line after IOP_MGTIME left no
  // trace in the collapsed text and is inferred from the counts.
  assert.deepEqual(lines(addons), [
    ' #define IOP_DEFAULT_READLINK 0x0010',
    ' #define IOP_MGTIME 0x0020',
    ' ',
    '+struct inode_addons {',
    '+ struct fsnotify_mark_connector __rcu *i_fsnotify_marks;',
    '+ struct bpf_local_storage __rcu *i_bpf_storage;',
    '+ __u32 i_fsnotify_mask; /* all events this inode cares about */',
    '+};',
    '+',
    ' /*',
    ' * Keep mostly read-only and often accessed (especially for',
    " * the RCU path lookup and 'stat' data) fields at the beginning",
  ]);
  assert.equal(addons.lines.filter((l) => l.kind === '+').length, 6);
  assert.equal(addons.complete, true);
  assert.equal(addons.rebuilt?.uncertain, true, 'an inferred blank line is a guess');
  assert.deepEqual(addons.structs, [{ kind: 'struct', name: 'inode_addons', evidence: 'defines', changed: false }]);

  assert.deepEqual([inode.oldStart, inode.oldLines, inode.newStart, inode.newLines], [731, 12, 737, 7]);
  assert.equal(inode.section, 'struct inode {');
  assert.deepEqual(lines(inode), [
    ' unsigned i_dir_seq;',
    ' };',
    ' ',
    '-',
    '-#ifdef CONFIG_FSNOTIFY',
    '- __u32 i_fsnotify_mask; /* all events this inode cares about */',
    '- /* 32-bit hole reserved for expanding i_fsnotify_mask */',
    '- struct fsnotify_mark_connector __rcu *i_fsnotify_marks;',
    '-#endif',
    '+ struct inode_addons *i_addons;',
    ' ',
    ' #ifdef CONFIG_FS_ENCRYPTION',
    ' struct fscrypt_inode_info *i_crypt_info;',
  ]);
  assert.equal(inode.complete, true);
  assert.ok(inode.rebuilt);
  assert.deepEqual(inode.structs.map((s) => [s.kind, s.name, s.changed]), [['struct', 'inode', true]]);
  // Every rebuilt line is a slice of the document at its offset (inferred blanks are empty).
  for (const h of hunks) assertAtOffset(text, h);
});

test('seed 003: the cover letter of [PATCH RESEND RFC bpf-next v1 0/8] with its diffstat', async () => {
  const { mps } = await patches('003_1cd814a1c982a9ad.txt');
  assert.equal(mps.length, 1);
  const mp = mps[0];
  assert.equal(mp.subject.index, 0);
  assert.equal(mp.subject.total, 8);
  assert.equal(mp.subject.resend, true);
  assert.equal(mp.subject.rfc, true);
  assert.deepEqual(mp.subject.prefixes, ['bpf-next']);
  assert.equal(mp.hunks.length, 0);
  const ds = mp.diffstat;
  assert.ok(ds);
  assert.equal(ds.filesChanged, 15);
  assert.equal(ds.insertions, 995);
  assert.equal(ds.deletions, 32);
  assert.deepEqual(ds.entries.map((e) => [e.file, e.changes]), [
    ['include/linux/bpf.h', 9],
    ['include/uapi/linux/bpf.h', 2],
    ['kernel/bpf/Makefile', 2],
    ['kernel/bpf/bpf_view.c', 190],
    ['kernel/bpf/bpf_view.h', 25],
    ['kernel/bpf/inode.c', 219],
    ['kernel/bpf/inode.h', 54],
    ['kernel/bpf/kernfs_node.c', 165],
    ['kernel/bpf/syscall.c', 3],
    ['kernel/bpf/verifier.c', 6],
    ['kernel/trace/bpf_trace.c', 12],
    ['tools/include/uapi/linux/bpf.h', 2],
    ['tools/lib/bpf/libbpf.c', 21],
    ['.../selftests/bpf/prog_tests/pinning_kernfs.c', 245],
    ['.../selftests/bpf/progs/pinning_kernfs.c', 72],
  ]);
  assert.equal(ds.entries.reduce((s, e) => s + e.changes, 0), 995 + 32);
  const created = ds.entries.filter((e) => e.mode === 'create');
  assert.equal(created.length, 6);
  assert.equal(created[4].fullPath, 'tools/testing/selftests/bpf/prog_tests/pinning_kernfs.c');
});

test('seeds 002 and 004: no invented hunk', async () => {
  for (const name of ['002_1292b8a27403ad80.txt', '004_26ab9a221b0ea086.txt']) {
    const { mps } = await patches(name);
    assert.ok(mps.length >= 1, name);
    assert.deepEqual(mps.flatMap((m) => m.hunks), [], name);
    assert.equal(mps.some((m) => m.hasPatch), false, name);
  }
});
