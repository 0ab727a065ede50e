import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { linkDiscussion } from '../../src/core/discussion/link';
import { quoteStructure } from '../../src/core/discussion/structure';
import { parseAttribution } from '../../src/core/discussion/attribution';
import { findClaims } from '../../src/core/discussion/claims';
import { bodyLines } from '../../src/core/text/body';
import type { BodyPart } from '../../src/core/mail/types';
import { hunksOf, makeDoc, patchesOf, type MsgSpec } from '../fixtures/discussion/build';

const PATCH = [
  'x',
  '---',
  '+++ b/include/linux/fs.h',
  '@@ -648,6 +649,9 @@ struct inode {',
  ' #ifdef CONFIG_SECURITY',
  ' \tvoid\t\t\t*i_security;',
  '+\tstruct bpf_local_storage __rcu\t*i_bpf_storage;',
  '+\tunsigned long i_something_else;',
  ' #endif',
].join('\n');

function run(replies: string[], selfParent = false): { ms: number; d: ReturnType<typeof linkDiscussion> } {
  const specs: MsgSpec[] = [{ id: 'p@x', from: 'A <a@x>', subject: '[PATCH] x', body: PATCH }];
  replies.forEach((body, i) => specs.push({ id: `r${i}@x`, from: 'B <b@x>', subject: 'Re: [PATCH] x', body, parent: 0 }));
  const { doc, thread } = makeDoc(specs);
  if (selfParent) {
    // A reply that names itself as its parent (and its parent as its child): a loop.
    thread.parent[1] = 1;
    thread.parent[0] = 1;
  }
  const patches = patchesOf(doc, { 0: hunksOf(doc, 0, [{ kind: 'struct', name: 'inode', evidence: 'heading', changed: true }]) });
  const t = performance.now();
  const d = linkDiscussion(doc, thread, patches);
  return { ms: performance.now() - t, d };
}

test('hostile: a reply in a parent loop, quoting itself, terminates', () => {
  const quote = '> +\tstruct bpf_local_storage __rcu *i_bpf_storage;\n> +\tunsigned long i_something_else;\n\nok';
  const { d } = run([`${quote}\n\n> ${quote.replace(/\n/g, '\n> ')}\n\nme again`], true);
  assert.ok(d.blocks.length >= 1);
});

test('hostile: 10,000 quote levels cost what the same bytes at depth 1 cost', () => {
  const body = ' +\tunsigned long i_something_else;';
  // 200 lines from depth 10,000 down, then a line at each of the first levels: about 2 MB.
  const deep = [
    ...Array.from({ length: 200 }, (_, i) => '>'.repeat(10000 - i) + body),
    ...Array.from({ length: 50 }, (_, i) => '>'.repeat(i + 1) + ' comment at level ' + (i + 1)),
    'reply',
  ].join('\n');
  const flat = ('> ' + 'x'.repeat(10000) + body + '\n').repeat(200) + 'reply';
  run([flat]);
  const tFlat = run([flat]).ms;
  const { ms, d } = run([deep]);
  assert.equal(d.blocks.length, 1);
  assert.ok(ms < Math.max(150, tFlat * 10), `10,000 levels took ${ms.toFixed(1)} ms; same size flat ${tFlat.toFixed(1)} ms`);
});

test('hostile: a 5 MB quote is linked in bounded time', () => {
  const line = '> +\tstruct bpf_local_storage __rcu *i_bpf_storage;\n';
  const big = line.repeat(Math.ceil(5e6 / line.length)) + '\nanswer';
  const mid = line.repeat(Math.ceil(5e5 / line.length)) + '\nanswer';
  const tMid = run([mid]).ms;
  const { ms, d } = run([big]);
  assert.equal(d.blocks.length, 1);
  assert.ok(ms < Math.max(1500, tMid * 30), `5 MB took ${ms.toFixed(0)} ms (0.5 MB took ${tMid.toFixed(0)} ms)`);
  // One 5 MB line without newlines, and 5 MB of `>` alone.
  assert.doesNotThrow(() => run(['> ' + 'x'.repeat(5e6)]));
  assert.doesNotThrow(() => run(['>'.repeat(5e6)]));
});

function part(text: string): BodyPart {
  return { id: '0.0', contentType: 'text/plain', attachment: false, text, view: 'document', offset: 0 };
}

const mailish = fc.array(
  fc.oneof(
    fc.constantFrom('> ', '>> ', '>', '', 'On Mon, Jan 1, 2024 at 1:00 PM X <x@y> wrote:', '-- ', '[...]', '> On Nov 13, 2024, at 2:19 AM, Z <z@q> wrote:',
      '-----Original Message-----', 'From: Q <q@r>', '+\tstruct bpf_local_storage __rcu *i_bpf_storage;', '> +#endif', '@@ -648,6 +649,9 @@', 'NAK',
      'grows struct inode by 8 bytes', 'Acked-by: B <b@x>', '* N <n@m> [2020]:', 'Quoting A (a@b):'),
    fc.string({ maxLength: 60 }),
  ),
  { maxLength: 60 },
).map((ls) => ls.join('\n'));

test('hostile: arbitrary mail-like bodies never throw (property)', () => {
  fc.assert(fc.property(fc.array(mailish, { minLength: 1, maxLength: 4 }), fc.boolean(), (bodies, loop) => {
    const { d } = run(bodies, loop);
    for (const list of Object.values(d.hunks)) for (const e of list) assert.ok(e.comment.span.end >= e.comment.span.start);
    return true;
  }), { numRuns: 300 });
});

test('hostile: the pieces alone never throw on arbitrary text (property)', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => {
    const lines = bodyLines(part(s));
    quoteStructure(lines);
    parseAttribution(s.split('\n'));
    findClaims(lines.map((l) => ({ text: l.content, offset: l.contentOffset })));
    return true;
  }), { numRuns: 1000 });
});
