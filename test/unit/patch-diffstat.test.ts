import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyLines } from '../../src/core/text/body';
import { findDiffstat } from '../../src/core/patch/diffstat';
import { findTrailers } from '../../src/core/patch/trailers';
import type { BodyPart } from '../../src/core/mail/types';

const part = (text: string): BodyPart => ({ id: '3.0', contentType: 'text/plain', attachment: false, text, view: 'document', offset: 10 });

test('diffstat of a cover letter: entries, renames, binaries, summary, create/delete modes, offsets', () => {
  const text = `Some cover text.

Jane Doe (2):
  fs: grow inode
  fs: shrink it again

 Documentation/filesystems/vfs.rst          |  4 ++--
 fs/{old.c => new.c}                        |  2 +-
 fs/gone.c                                  | 10 ----------
 firmware/blob.bin                          | Bin 0 -> 1024 bytes
 .../selftests/bpf/prog_tests/inode_addons.c | 51 ++++++++++
 5 files changed, 56 insertions(+), 12 deletions(-)
 delete mode 100644 fs/gone.c
 create mode 100644 firmware/blob.bin
 create mode 100644 tools/testing/selftests/bpf/prog_tests/inode_addons.c

--
2.43.0
`;
  const p = part(text);
  const ds = findDiffstat(bodyLines(p), p.id);
  assert.ok(ds);
  assert.deepEqual([ds.filesChanged, ds.insertions, ds.deletions], [5, 56, 12]);
  assert.deepEqual(ds.entries.map((e) => [e.file, e.changes, e.mode ?? null]), [
    ['Documentation/filesystems/vfs.rst', 4, null],
    ['fs/{old.c => new.c}', 2, null],
    ['fs/gone.c', 10, 'delete'],
    ['firmware/blob.bin', 0, 'create'],
    ['.../selftests/bpf/prog_tests/inode_addons.c', 51, 'create'],
  ]);
  assert.equal(ds.entries[3].raw, 'firmware/blob.bin | Bin 0 -> 1024 bytes');
  assert.equal(ds.entries[4].fullPath, 'tools/testing/selftests/bpf/prog_tests/inode_addons.c');
  assert.equal(ds.part, '3.0');
  const doc = ' '.repeat(10) + text;
  assert.ok(doc.slice(ds.span.start, ds.span.end).startsWith('Documentation/filesystems/vfs.rst'));
  assert.ok(doc.slice(ds.span.start, ds.span.end).endsWith('12 deletions(-)'));
  assert.equal(doc.slice(ds.entries[1].offset!, ds.entries[1].offset! + 2), 'fs');
});

test('diffstat: singular forms, insertions only, none in quotes', () => {
  const one = part(' a.c | 1 +\n 1 file changed, 1 insertion(+)\n');
  const ds = findDiffstat(bodyLines(one), one.id);
  assert.deepEqual([ds?.filesChanged, ds?.insertions, ds?.deletions, ds?.entries.length], [1, 1, 0, 1]);
  const quoted = part('>  a.c | 1 +\n>  1 file changed, 1 insertion(+)\n');
  assert.equal(findDiffstat(bodyLines(quoted), quoted.id), undefined);
});

test('trailers with offsets; NAK forms; none inside diffs or quotes', () => {
  const text = `Looks wrong to me.

NAK.

Nacked-by: Christian Brauner <brauner@kernel.org>
Reviewed-by: Jan Kara <jack@suse.cz>
Co-developed-by: A <a@b.c>
Fixes: 0123456789ab ("fs: something")
Link: https://lore.kernel.org/r/x@y
Cc: stable@vger.kernel.org # 6.1+
> Acked-by: Quoted Person <q@p>
 Signed-off-by: context line of a diff
+Signed-off-by: added line of a diff
Not-a-trailer : spaced
`;
  const p = part(text);
  const t = findTrailers(bodyLines(p), p.id, false);
  assert.deepEqual(t.map((x) => [x.name, x.value]), [
    ['NAK', ''],
    ['Nacked-by', 'Christian Brauner <brauner@kernel.org>'],
    ['Reviewed-by', 'Jan Kara <jack@suse.cz>'],
    ['Co-developed-by', 'A <a@b.c>'],
    ['Fixes', '0123456789ab ("fs: something")'],
    ['Link', 'https://lore.kernel.org/r/x@y'],
    ['Cc', 'stable@vger.kernel.org # 6.1+'],
  ]);
  const doc = ' '.repeat(10) + text;
  for (const x of t) assert.ok(doc.startsWith(x.name, x.offset), x.name);
});

test('trailers run together in collapsed text', () => {
  const text = `${'Words of a long commit message. '.repeat(8)}Signed-off-by: Hao Luo <haoluo@google.com> Acked-by: Song Liu <song@kernel.org> --- include/linux/bpf.h | 9 +-`;
  const p = part(text);
  const t = findTrailers(bodyLines(p, 'collapsed'), p.id, true);
  assert.deepEqual(t.map((x) => [x.name, x.value]), [
    ['Signed-off-by', 'Hao Luo <haoluo@google.com>'],
    ['Acked-by', 'Song Liu <song@kernel.org>'],
  ]);
});
