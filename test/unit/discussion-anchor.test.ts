import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anchorQuote, type AnchorLine } from '../../src/core/discussion/anchor';
import { HunkIndex } from '../../src/core/discussion/hunk-index';
import type { DiffLine, Hunk } from '../../src/core/patch/types';

function hunk(message: number, start: number, lines: [DiffLine['kind'], string][], oldStart = 10): Hunk {
  return {
    message, part: `${message}.0`, view: 'document', file: 'include/linux/fs.h', fileFrom: 'header',
    oldStart, oldLines: lines.filter(([k]) => k !== '+').length, newStart: oldStart, newLines: lines.filter(([k]) => k !== '-').length,
    section: '', lines: lines.map(([kind, text], i) => ({ kind, text, offset: start + i * 10, depth: 0 })), quoted: false, depth: 0,
    headerInferred: false, complete: true, elided: false, span: { start, end: start + lines.length * 10 }, structs: [],
  };
}

function quote(texts: string[], depth = 1): AnchorLine[] {
  return texts.map((content, index) => ({ index, content, depth }));
}

const A = hunk(0, 0, [[' ', '#ifdef CONFIG_SECURITY'], [' ', '\tvoid\t\t\t*i_security;'], [' ', '#endif'], ['+', '#ifdef CONFIG_BPF_SYSCALL'], ['+', '\tstruct bpf_local_storage __rcu\t*i_bpf_storage;'], ['+', '#endif']]);
const B = hunk(0, 1000, [[' ', '\tunsigned long\t\ti_ino;'], ['-', '\t__u32\t\t\ti_fsnotify_mask;'], ['-', '\tstruct fsnotify_mark_connector __rcu\t*i_fsnotify_marks;'], ['+', '\tstruct inode_addons\t*i_addons;']], 700);

test('anchor: partial, de-tabbed, trimmed and elided quotes find their hunk', () => {
  const idx = new HunkIndex([A, B]);
  const a = anchorQuote(quote(['+#ifdef CONFIG_BPF_SYSCALL', '+        struct bpf_local_storage __rcu *i_bpf_storage;   ']), idx);
  assert.deepEqual(a.map((x) => [x.hunk, x.first, x.last, x.changed]), [['0.0@0', 0, 1, 2]]);
  const b = anchorQuote(quote(['-\t__u32 i_fsnotify_mask;', '[...]', '+\tstruct inode_addons *i_addons;']), idx);
  assert.deepEqual(b.map((x) => x.hunk), ['0.0@1000']);
});

test('anchor: one quote spanning two hunks gives two anchors', () => {
  const idx = new HunkIndex([A, B]);
  const a = anchorQuote(quote(['+#ifdef CONFIG_BPF_SYSCALL', '+\tstruct bpf_local_storage __rcu *i_bpf_storage;', '@@ -700,3 +700,2 @@', '-\t__u32 i_fsnotify_mask;', '+\tstruct inode_addons *i_addons;']), idx);
  assert.deepEqual(a.map((x) => [x.hunk, x.first, x.last]), [['0.0@0', 0, 1], ['0.0@1000', 2, 4]]);
});

test('anchor: of two identical versions, the one being answered wins', () => {
  const v1 = hunk(1, 0, A.lines.map((l) => [l.kind, l.text]));
  const v2 = hunk(2, 0, A.lines.map((l) => [l.kind, l.text]));
  const idx = new HunkIndex([v1, v2]);
  const q = quote(['+#ifdef CONFIG_BPF_SYSCALL', '+\tstruct bpf_local_storage __rcu *i_bpf_storage;']);
  assert.deepEqual(anchorQuote(q, idx, { rank: (h) => (h.hunk.message === 2 ? 0 : 1000) }).map((x) => x.hunk), ['2.0@0']);
  assert.deepEqual(anchorQuote(q, idx, { rank: (h) => (h.hunk.message === 1 ? 0 : 1000) }).map((x) => x.hunk), ['1.0@0']);
});

test('anchor: prose, a lone header or lone braces anchor nothing', () => {
  const idx = new HunkIndex([A, B]);
  assert.deepEqual(anchorQuote(quote(['I think this is wrong.', 'Please fix.']), idx), []);
  assert.deepEqual(anchorQuote(quote(['@@ -10,4 +10,7 @@']), idx), []);
  assert.deepEqual(anchorQuote(quote(['+}', '+{', ' #endif']), idx), []);
});

test('anchor: any 2+ changed lines of a hunk, whitespace mangled, anchor to it (property)', () => {
  const word = fc.stringMatching(/^[a-z_][a-z0-9_]{3,10}$/);
  const line = fc.tuple(fc.constantFrom<DiffLine['kind']>('+', '-'), fc.array(word, { minLength: 2, maxLength: 5 }));
  fc.assert(fc.property(fc.array(fc.array(line, { minLength: 3, maxLength: 8 }), { minLength: 1, maxLength: 6 }), fc.nat(), fc.nat(), (hunksSpec, pick, from) => {
    const hunks = hunksSpec.map((ls, i) => hunk(i, i * 10000, ls.map(([k, ws], j) => [k, `\t${ws.join('\t')}_${i}_${j};`])));
    const idx = new HunkIndex(hunks);
    const h = hunks[pick % hunks.length];
    const start = from % (h.lines.length - 1);
    const chosen = h.lines.slice(start, start + 2);
    // Tabs to spaces, doubled spaces, trailing blanks: what mail clients do.
    const q = quote(chosen.map((l) => `${l.kind}${l.text.replace(/\t/g, '    ')}  `));
    const a = anchorQuote(q, idx);
    assert.deepEqual(a.map((x) => x.hunk), [`${h.part}@${h.span.start}`]);
  }), { numRuns: 300 });
});

test('anchor: context alone anchors only with weight 2 or more; one changed line needs weight 1', () => {
  const C = hunk(3, 5000, [[' ', '\tstruct list_head\ti_sb_list;'], [' ', '\tstruct list_head\ti_wb_list;'], [' ', '\tatomic64_t\t\ti_version;'], [' ', '\tatomic64_t\t\ti_sequence;'], ['+', '\tunsigned int\t\ti_new_field;']]);
  const idx = new HunkIndex([C]);
  const ctx = C.lines.filter((l) => l.kind === ' ').map((l) => ` ${l.text}`);
  // Context lines of 12+ characters weigh 1/2 each (a changed one 1).
  assert.deepEqual(anchorQuote(quote(ctx.slice(0, 3)), idx), [], 'three context lines (1.5) are not enough');
  assert.deepEqual(anchorQuote(quote(ctx), idx).map((x) => [x.hunk, x.matched, x.changed]), [['3.0@5000', 4, 0]], 'four (2.0) are');
  assert.deepEqual(anchorQuote(quote(['+\tunsigned int i_new_field;']), idx).map((x) => [x.hunk, x.changed]), [['3.0@5000', 1]], 'one changed line (1.0) is');
  assert.deepEqual(anchorQuote(quote([' \tstruct list_head i_sb_list;', '+\tunsigned int i_new_field;']), idx).map((x) => x.matched), [2]);
});
