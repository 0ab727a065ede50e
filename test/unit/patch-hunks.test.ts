import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messagePatches } from '../../src/core/patch/index';
import type { Message } from '../../src/core/mail/types';
import type { Hunk } from '../../src/core/patch/types';

function msg(body: string, subject = '[PATCH] x', index = 0): Message {
  return {
    index, span: { start: 0, end: body.length }, headers: [], references: [], from: { name: '', address: '' },
    subject, warnings: [],
    parts: [{ id: `${index}.0`, contentType: 'text/plain', attachment: false, text: body, view: 'document', offset: 0 }],
  };
}
const lines = (h: Hunk): string[] => h.lines.map((l) => l.kind + l.text);

const PATCH = `Subject line body

Signed-off-by: A U Thor <a@example.org>
---
 include/linux/fs.h | 4 +++-
 1 file changed, 3 insertions(+), 1 deletion(-)

diff --git a/include/linux/fs.h b/include/linux/fs.h
index 1111111..2222222 100644
--- a/include/linux/fs.h
+++ b/include/linux/fs.h
@@ -648,6 +649,9 @@ struct inode {
 #ifdef CONFIG_SECURITY
 \tvoid\t\t\t*i_security;
 #endif
+#ifdef CONFIG_BPF_SYSCALL
+\tstruct bpf_local_storage __rcu\t*i_bpf_storage;
+#endif
 
 \t/* Stat data, not accessed from path walking */
 \tunsigned long\t\ti_ino;
@@ -10,2 +13,1 @@ static int foo(struct inode *inode)
-\treturn 0;
-\t/* gone */
+\treturn 1;
diff --git a/b.c b/b.c
new file mode 100644
--- /dev/null
+++ b/b.c
@@ -0,0 +1,2 @@
+int b;
+int c;
\\ No newline at end of file
-- 
2.40.0
`;

test('hunks of a patch: exact counts, several files, functions are no struct hunks, no-newline marker', () => {
  const mp = messagePatches(msg(PATCH), 'message');
  assert.equal(mp.hasPatch, true);
  assert.equal(mp.hunks.length, 3);
  const [inode, fn, created] = mp.hunks;
  assert.equal(inode.file, 'include/linux/fs.h');
  assert.equal(inode.fileFrom, 'header');
  assert.equal(inode.lines.length, 9);
  assert.equal(inode.complete, true);
  assert.equal(inode.quoted, false);
  assert.deepEqual(inode.structs, [{ kind: 'struct', name: 'inode', evidence: 'heading', changed: true }]);
  assert.equal(fn.section, 'static int foo(struct inode *inode)');
  assert.deepEqual(lines(fn), ['-\treturn 0;', '-\t/* gone */', '+\treturn 1;']);
  assert.deepEqual(fn.structs, [], 'a function heading mentioning a struct is a function');
  assert.equal(created.file, 'b.c');
  assert.deepEqual(lines(created), ['+int b;', '+int c;']);
  assert.equal(created.complete, true);
  assert.ok(PATCH.slice(created.span.start, created.span.end).endsWith('\\ No newline at end of file'));
  // Lines after the counts are used up are not part of a hunk: `-- ` and the version.
  assert.ok(!mp.hunks.some((h) => h.lines.some((l) => l.text.includes('2.40.0'))));
  assert.equal(mp.diffstat?.filesChanged, 1);
  assert.deepEqual(mp.diffstat?.entries.map((e) => [e.file, e.changes]), [['include/linux/fs.h', 4]]);
  assert.deepEqual(mp.trailers.map((t) => [t.name, t.value]), [['Signed-off-by', 'A U Thor <a@example.org>']]);
  assert.equal(PATCH.slice(mp.trailers[0].offset, mp.trailers[0].offset + 14), 'Signed-off-by:');
});

test('a hunk ends exactly at its counts even when diff-looking lines follow', () => {
  const body = '--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,2 @@\n-a\n+b\n c\n-not part\n+not part\n';
  const mp = messagePatches(msg(body), 'message');
  assert.equal(mp.hunks.length, 1);
  assert.deepEqual(lines(mp.hunks[0]), ['-a', '+b', ' c']);
  assert.equal(mp.hunks[0].file, 'x.c');
});

test('plain diff -u headers with timestamps', () => {
  const body = '--- linux.orig/mm/slab.c\t2020-01-01 00:00:00\n+++ linux/mm/slab.c\t2020-01-02 00:00:00\n@@ -5 +5 @@\n-x\n+y\n';
  const mp = messagePatches(msg(body), 'diff');
  assert.equal(mp.hunks[0].file, 'mm/slab.c');
  assert.deepEqual([mp.hunks[0].oldLines, mp.hunks[0].newLines], [1, 1]);
});

test('quoted hunk with a trimmed end, tabs turned into spaces, and the reply after it', () => {
  const reply = `On Mon, A wrote:
> diff --git a/include/linux/fs.h b/include/linux/fs.h
> --- a/include/linux/fs.h
> +++ b/include/linux/fs.h
> @@ -648,6 +649,9 @@ struct inode {
>  #ifdef CONFIG_SECURITY
>          void                    *i_security;
>  #endif
> +#ifdef CONFIG_BPF_SYSCALL
> +        struct bpf_local_storage __rcu  *i_bpf_storage;

NAK, we're not growing struct inode.

Nacked-by: Somebody <s@example.org>
`;
  const mp = messagePatches(msg(reply, 'Re: [PATCH] x', 1), 'message');
  assert.equal(mp.hasPatch, false);
  assert.equal(mp.hunks.length, 1);
  const h = mp.hunks[0];
  assert.equal(h.quoted, true);
  assert.equal(h.depth, 1);
  assert.equal(h.complete, false);
  assert.equal(h.lines.length, 5);
  assert.equal(h.lines[1].text, '        void                    *i_security;');
  assert.deepEqual(h.structs.map((s) => s.name), ['inode']);
  assert.deepEqual(mp.trailers.map((t) => t.name), ['Nacked-by']);
});

test('a quote without file header or @@ line takes its file and place from the answered patch; [...] elides', () => {
  const patch = messagePatches(msg(PATCH), 'message');
  const reply = `> +#ifdef CONFIG_BPF_SYSCALL
> +\tstruct bpf_local_storage __rcu\t*i_bpf_storage;
> +#endif

Why?

> @@ -10,2 +13,1 @@ static int foo(struct inode *inode)
> -\treturn 0;
> [...]
> +\treturn 1;
`;
  const mp = messagePatches(msg(reply, 'Re: [PATCH] x', 1), 'message', patch);
  assert.equal(mp.hunks.length, 2);
  const [headless, elided] = mp.hunks;
  assert.equal(headless.headerInferred, true);
  assert.equal(headless.file, 'include/linux/fs.h');
  assert.equal(headless.fileFrom, 'inferred');
  assert.equal(headless.oldStart, 651);
  assert.equal(headless.newStart, 652);
  assert.equal(headless.section, 'struct inode {');
  assert.deepEqual(headless.structs.map((s) => s.name), ['inode']);
  assert.equal(elided.file, 'include/linux/fs.h');
  assert.equal(elided.fileFrom, 'inferred');
  assert.equal(elided.elided, true);
  assert.equal(elided.complete, false);
  assert.deepEqual(lines(elided), ['-\treturn 0;', '+\treturn 1;']);
});

test('prose lists in quotes are not hunks', () => {
  const reply = '> - memory is only allocated for inodes with data,\n> - O(1) latency,\n> - freed automatically.\n';
  const mp = messagePatches(msg(reply, 'Re: x', 1), 'message');
  assert.deepEqual(mp.hunks, []);
});

test('structs: heading, context opener, closers, new definitions, forward declarations, unions', () => {
  const body = `--- a/x.h
+++ b/x.h
@@ -1,8 +1,13 @@ struct fs_context;
 struct foo;
 
 union bar {
 \tint a;
+\tlong b;
 };
 
+struct added {
+\tint x;
+};
+
 struct baz {
 \tint q;
@@ -40,5 +45,5 @@ struct inode {
 \t\tunsigned i_dir_seq;
 \t};
-\tint gone;
+\tlong here;
 };
 
@@ -80,4 +85,4 @@ struct inode {
 };
 
-int after_the_struct;
+long after_the_struct;
`;
  const mp = messagePatches(msg(body), 'message');
  assert.deepEqual(mp.hunks[0].structs, [
    { kind: 'union', name: 'bar', evidence: 'context', changed: true },
    { kind: 'struct', name: 'added', evidence: 'defines', changed: false },
  ]);
  assert.deepEqual(mp.hunks[1].structs, [{ kind: 'struct', name: 'inode', evidence: 'braces', changed: true }]);
  assert.deepEqual(mp.hunks[2].structs, [], 'the struct closed in column 0 before the change');
});
