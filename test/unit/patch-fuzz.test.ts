import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { messagePatches } from '../../src/core/patch/index';
import { bodyLines } from '../../src/core/text/body';
import type { InputKind, Message } from '../../src/core/mail/types';
import type { MessagePatches } from '../../src/core/patch/types';

function msg(body: string, index = 0): Message {
  return {
    index, span: { start: 0, end: body.length }, headers: [], references: [], from: { name: '', address: '' },
    subject: 'Re: [PATCH] x', warnings: [],
    parts: [{ id: `${index}.0`, contentType: 'text/plain', attachment: false, text: body, view: 'document', offset: 0 }],
  };
}

/** Invariants every result keeps, whatever the input. */
function check(body: string, mp: MessagePatches): void {
  for (const h of mp.hunks) {
    assert.ok(h.span.start >= 0 && h.span.end <= body.length && h.span.start <= h.span.end, 'span inside the text');
    let o = 0;
    let n = 0;
    for (const l of h.lines) {
      assert.ok(l.offset >= 0 && l.offset <= body.length, 'line offset inside the text');
      if (l.kind !== '+') o++;
      if (l.kind !== '-') n++;
    }
    if (h.complete) assert.deepEqual([o, n], [h.oldLines, h.newLines], 'complete means the counts are met');
    else if (!h.headerInferred && !h.elided) assert.ok(o <= h.oldLines && n <= h.newLines, 'never past the counts');
  }
}

const WORDS = [
  '@@ -1,3 +1,4 @@', '@@ -648,6 +649,9 @@ struct inode {', '@@ -2 +2 @@', '@@ -0,0 +1 @@', 'diff --git a/x.h b/x.h',
  '--- a/x.h', '+++ b/x.h', '---', '+', '-', ' ', '>', '>>', '> >', '[...]', '<snip>', '\\ No newline at end of file',
  'struct inode {', '};', '}', '{', '#ifdef CONFIG_X', '#endif', 'int x;', '/*', '*/', ' * text', 'union {',
  'static int f(struct inode *i)', 'x | 3 ++-', '1 file changed, 2 insertions(+), 1 deletion(-)', 'create mode 100644 x',
  'Signed-off-by: A <a@b>', 'NAK', '\t', '  ', 'a', '\u00e9', '\ud83d', '\r',
];
const chunk = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 }));
const sep = fc.constantFrom('\n', ' ', '', '\n> ', '\n>> ', '\n+', '\n-', '\n ');
const doc = fc.array(fc.tuple(chunk, sep).map(([a, b]) => a + b), { maxLength: 80 }).map((a) => a.join(''));
const kinds: InputKind[] = ['message', 'collapsed', 'webarchive'];

test('fuzz: random diff-ish mail bodies never throw and keep the invariants', () => {
  fc.assert(fc.property(doc, fc.constantFrom(...kinds), (body, kind) => {
    check(body, messagePatches(msg(body), kind));
  }), { numRuns: 3000 });
});

const REAL = `diff --git a/include/linux/fs.h b/include/linux/fs.h
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
`;

test('fuzz: mutated real diffs (cut, quoted, collapsed) never throw; the answered patch is used safely', () => {
  const answered = messagePatches(msg(REAL), 'message');
  const mutation = fc.record({
    cut: fc.nat(REAL.length), len: fc.nat(40), insert: fc.string({ maxLength: 8 }),
    quote: fc.constantFrom('', '> ', '>> ', '> > '), collapse: fc.boolean(),
  });
  fc.assert(fc.property(mutation, fc.constantFrom(...kinds), (m, kind) => {
    let body = REAL.slice(0, m.cut) + m.insert + REAL.slice(m.cut + m.len);
    body = body.split('\n').map((l) => m.quote + l).join('\n');
    if (m.collapse) body = body.replace(/\s+/g, ' ');
    check(body, messagePatches(msg(body, 1), kind, answered));
  }), { numRuns: 3000 });
});

function timed(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

test('10,000 nested quote levels around a hunk', () => {
  const q = '> '.repeat(10_000);
  const body = REAL.split('\n').map((l) => q + l).join('\n');
  const mp = messagePatches(msg(body), 'message');
  assert.equal(mp.hunks.length, 1);
  assert.equal(mp.hunks[0].depth, 10_000);
  assert.equal(mp.hunks[0].complete, true);
  assert.equal(mp.hunks[0].lines.length, 9);
  const collapsed = messagePatches(msg(body.replace(/\n/g, ' ')), 'collapsed');
  check(body, collapsed);
});

test('a 10 MB single line of collapsed garbage never throws; time grows linearly', () => {
  const dense = 'foo; >> bar { @@ -1,40 +1,41 @@ struct x { +int a; -int b; } [...] diff --git a/x b/x #ifdef Y ';
  const prose = 'words and > quotes >> and more words; struct inode { int x; }; #ifdef X '.repeat(60);
  const sparse = prose + '@@ -10,7 +10,8 @@ struct inode { +int a; -int b; }; diff --git a/x.h b/x.h --- a/x.h +++ b/x.h ';
  const make = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const kinds2: InputKind[] = ['collapsed', 'message'];
  for (const kind of kinds2) {
    const big = make(sparse, 10_000_000);
    const t = timed(() => check(big, messagePatches(msg(big), kind)));
    assert.ok(t < 20_000, `${kind}: 10 MB in ${t.toFixed(0)} ms`);
    // Hunk headers every 100 bytes: the worst case for the rebuild, still linear.
    const small = make(dense, 100_000);
    const large = make(dense, 1_000_000);
    const t1 = timed(() => check(small, messagePatches(msg(small), kind)));
    const t10 = timed(() => check(large, messagePatches(msg(large), kind)));
    assert.ok(t10 < Math.max(25 * t1, 1000), `${kind}: 100 kB ${t1.toFixed(0)} ms, 1 MB ${t10.toFixed(0)} ms`);
  }
  const plain = 'x'.repeat(10_000_000);
  assert.ok(timed(() => bodyLines(msg(plain).parts[0], 'collapsed')) < 2000);
});

const cLine = fc.constantFrom(
  'struct inode {', '};', '\tint a;', '\tstruct list_head\ti_lru;', '#ifdef CONFIG_X', '#endif', '', '\t/* comment */',
  '/*', ' * text', ' */', '\tunion {', '\t\tvoid *p;', '\t};', 'static int f(struct inode *inode)', '{', '}', '\treturn -ENOMEM;',
  '\tif (!x)', '\t\treturn 0;', '#define X(a) \\', '\t\t(a + 1)', '\tx = y - 1;', '-- ', '\t++i;',
);
const hunkGen = fc.array(fc.tuple(fc.constantFrom(' ', '+', '-'), cLine), { minLength: 1, maxLength: 30 });

test('fuzz: generated hunks are read back line for line; collapsed they never throw', () => {
  fc.assert(fc.property(hunkGen, fc.nat(2000), (lines, start) => {
    const old = lines.filter(([k]) => k !== '+').length;
    const neu = lines.filter(([k]) => k !== '-').length;
    const body = `diff --git a/x.h b/x.h\n--- a/x.h\n+++ b/x.h\n@@ -${start + 1},${old} +${start + 1},${neu} @@ struct inode {\n${lines.map(([k, l]) => k + l).join('\n')}\nReply text.\n`;
    const mp = messagePatches(msg(body), 'message');
    assert.equal(mp.hunks.length, 1);
    const h = mp.hunks[0];
    assert.equal(h.complete, true);
    assert.deepEqual(h.lines.map((l) => l.kind + l.text), lines.map(([k, l]) => k + l));
    const collapsed = body.replace(/\s+/g, ' ');
    const c = messagePatches(msg(collapsed), 'collapsed');
    check(collapsed, c);
    assert.ok(c.hunks.length >= 1);
    assert.equal(c.hunks[0].file, 'x.h');
  }), { numRuns: 1500 });
});
