import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildThread, newestSeries, parseSubject, pickLikeB4 } from '../../src/core/thread/index';
import type { Message } from '../../src/core/mail/types';
import type { ThreadNode } from '../../src/core/thread/types';

let n = 0;
function msg(subject: string, id?: string, opts: { irt?: string; refs?: string[]; from?: string; date?: string; body?: string } = {}): Message {
  const index = n++;
  const m: Message = {
    index, span: { start: 0, end: 0 }, headers: [], references: opts.refs ?? [],
    from: { name: '', address: opts.from ?? 'dev@example.org' }, subject,
    parts: [{ id: `${index}.0`, contentType: 'text/plain', attachment: false, text: opts.body ?? '', view: 'decoded', offset: 0 }],
    warnings: [],
  };
  if (id) m.messageId = id;
  if (opts.irt) m.inReplyTo = opts.irt;
  if (opts.date) m.date = opts.date;
  return m;
}
function reset(): void { n = 0; }

test('subjects: prefixes, versions, numbers, RFC/RESEND, replies', () => {
  const s = parseSubject('[PATCH bpf-next v3 2/4] bpf: Make inode storage available');
  assert.deepEqual(s, { title: 'bpf: Make inode storage available', reply: false, prefixes: ['bpf-next'], isPatch: true, rfc: false, resend: false, version: 3, index: 2, total: 4 });
  const r = parseSubject('[RFC/PATCH v2 bpf-next fanotify 0/7] Fanotify fastpath handler');
  assert.equal(r.rfc, true); assert.equal(r.isPatch, true); assert.equal(r.version, 2);
  assert.equal(r.index, 0); assert.equal(r.total, 7); assert.deepEqual(r.prefixes, ['bpf-next', 'fanotify']);
  const v = parseSubject('Re: [PATCHv3 bpf-next 0/9] mm/bpf/perf: Store build id in file object');
  assert.equal(v.reply, true); assert.equal(v.version, 3); assert.equal(v.index, 0); assert.equal(v.title, 'mm/bpf/perf: Store build id in file object');
  const rs = parseSubject('[PATCH RESEND RFC bpf-next v1 0/8] Pinning bpf objects outside bpffs');
  assert.equal(rs.resend, true); assert.equal(rs.rfc, true); assert.equal(rs.version, 1); assert.equal(rs.total, 8);
  const aw = parseSubject('AW: Fwd: RE: [PATCH 01/12] x');
  assert.equal(aw.reply, true); assert.equal(aw.index, 1); assert.equal(aw.total, 12); assert.equal(aw.title, 'x');
  const plain = parseSubject('Memory usage of struct inode');
  assert.equal(plain.isPatch, false); assert.equal(plain.title, 'Memory usage of struct inode'); assert.equal(plain.index, undefined);
  const two = parseSubject('[RFC] [PATCH 2/3] two groups [not a prefix]');
  assert.equal(two.rfc, true); assert.equal(two.index, 2); assert.equal(two.title, 'two groups [not a prefix]');
});

function shape(nodes: ThreadNode[]): unknown {
  return nodes.map((x) => (x.children.length ? [x.message ?? x.id, shape(x.children)] : x.message ?? x.id));
}

test('JWZ: references, missing parents kept as id-only containers, orphans kept', () => {
  reset();
  const ms = [
    msg('[PATCH 0/2] s', 'c@x'),
    msg('[PATCH 1/2] a', 'p1@x', { irt: 'c@x', refs: ['c@x'] }),
    msg('Re: [PATCH 1/2] a', 'r1@x', { irt: 'p1@x', refs: ['c@x', 'p1@x'] }),
    msg('Re: [PATCH 2/2] b', 'r2@x', { irt: 'p2@x', refs: ['c@x', 'p2@x'] }), // p2 missing
    msg('unrelated', 'u@x'),
    msg('Re: lost', 'l@x', { irt: 'gone@x' }),
  ];
  const t = buildThread(ms);
  assert.deepEqual(shape(t.roots), [[0, [[1, [2]], ['p2@x', [3]]]], 4, ['gone@x', [5]]]);
  assert.deepEqual(t.parent, [undefined, 0, 1, undefined, undefined, undefined]);
});

test('JWZ: loops and self references do not hang or lose messages', () => {
  reset();
  const ms = [
    msg('a', 'a@x', { irt: 'b@x', refs: ['b@x'] }),
    msg('b', 'b@x', { irt: 'a@x', refs: ['a@x'] }),
    msg('c', 'c@x', { irt: 'c@x', refs: ['c@x', 'c@x'] }),
    msg('d', 'a@x'), // duplicate id
    msg('e'), // no id at all
  ];
  const t = buildThread(ms);
  const seen = new Set<number>();
  const stack = [...t.roots];
  while (stack.length) { const x = stack.pop()!; if (x.message !== undefined) seen.add(x.message); stack.push(...x.children); }
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4]);
});

test('JWZ subject fallback: a reply without headers joins the root with its subject', () => {
  reset();
  const ms = [msg('[PATCH] fix leak', 'p@x'), msg('Re: [PATCH] fix leak', 'r@x'), msg('Re: other thing', 'o@x')];
  const t = buildThread(ms);
  assert.deepEqual(shape(t.roots), [[0, [1]], 2]);
});

test('series: cover letter, patches, several versions, resend with the same number', () => {
  reset();
  const ms = [
    msg('[PATCH v1 0/2] feature', 'c1@x', { date: '2024-01-01T00:00:00Z' }),
    msg('[PATCH v1 1/2] one', 'a1@x', { irt: 'c1@x', date: '2024-01-01T00:01:00Z' }),
    msg('[PATCH v1 2/2] two', 'b1@x', { irt: 'c1@x', date: '2024-01-01T00:02:00Z' }),
    msg('[PATCH v2 0/2] feature', 'c2@x', { date: '2024-02-01T00:00:00Z' }),
    msg('[PATCH v2 1/2] one', 'a2@x', { irt: 'c2@x', date: '2024-02-01T00:01:00Z' }),
    msg('[PATCH v2 2/2] two', 'b2@x', { irt: 'c2@x', date: '2024-02-01T00:02:00Z' }),
    msg('[PATCH RESEND v2 2/2] two, fixed From', 'b2r@x', { irt: 'c2@x', date: '2024-02-02T00:00:00Z' }),
    msg('Re: [PATCH v2 1/2] one', 'rv@x', { irt: 'a2@x' }),
  ];
  const t = buildThread(ms);
  assert.equal(t.series.length, 2);
  const [v1, v2] = t.series;
  assert.equal(v1.version, 1); assert.equal(v1.cover, 0); assert.deepEqual(v1.patches, { 1: [1], 2: [2] });
  assert.equal(v2.version, 2); assert.equal(v2.cover, 3); assert.deepEqual(v2.patches, { 1: [4], 2: [5, 6] });
  assert.equal(v2.title, 'feature'); assert.equal(v2.total, 2);
  const newest = newestSeries(t.series);
  assert.equal(newest.length, 1);
  assert.deepEqual(newest[0].patches, [4, 6]);
});

test('series without a cover letter in the file: orphan patches of one posting stay together', () => {
  reset();
  const ms = [
    msg('[PATCH 2/3] b', 'b@x', { irt: 'cover@x' }),
    msg('[PATCH 3/3] c', 'c@x', { irt: 'cover@x' }),
    msg('[PATCH 1/3] a', 'a@x', { irt: 'cover@x' }),
  ];
  const t = buildThread(ms);
  assert.equal(t.series.length, 1);
  assert.deepEqual(t.series[0].patches, { 1: [2], 2: [0], 3: [1] });
  assert.equal(t.series[0].title, 'a');
});

test('b4-like pick: newest revision, partial reroll filled from the previous one', () => {
  reset();
  const diff = 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n';
  const ms = [
    msg('[PATCH v2 0/2] cover', 'c@x', { body: ' 2 files changed, 2 insertions(+)\n' }),
    msg('[PATCH v2 1/2] one', 'p1@x', { irt: 'c@x', body: diff }),
    msg('[PATCH v2 2/2] two', 'p2@x', { irt: 'c@x', body: diff }),
    msg('[PATCH v3 2/2] two', 'q2@x', { irt: 'p2@x', body: diff }),
  ];
  const pick = pickLikeB4(ms);
  assert.ok(pick);
  assert.equal(pick.revision, 3);
  assert.deepEqual(pick.patches, [1, 3]);
  assert.equal(pick.cover, 0);
});
