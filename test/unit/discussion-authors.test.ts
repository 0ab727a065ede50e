import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorsByDepth, ancestors } from '../../src/core/discussion/authors';
import { quoteStructure } from '../../src/core/discussion/structure';
import { bodyLines } from '../../src/core/text/body';
import { makeDoc } from '../fixtures/discussion/build';

const { doc, thread } = makeDoc([
  { id: 'a@x', from: 'Patch Author <pa@x.org>', subject: '[PATCH] x', body: '+x' },
  { id: 'b@x', from: 'Reviewer One <r1@x.org>', subject: 'Re: [PATCH] x', body: '> +x\nno', parent: 0 },
  { id: 'c@x', from: 'Author Again <pa@x.org>', subject: 'Re: [PATCH] x', body: '>> +x\n> no\nyes', parent: 1 },
  {
    id: 'd@x', from: 'Third <t@x.org>', subject: 'Re: [PATCH] x', parent: 2,
    body: ['On Mon, Jan 1, 2024 at 1:00 PM Someone Else <se@y.org> wrote:', '>>> +x', '>> no', '> yes', 'me'].join('\n'),
  },
]);

function authors(i: number) {
  const part = doc.messages[i].parts[0];
  const lines = bodyLines(part);
  const st = quoteStructure(lines);
  return authorsByDepth(doc, thread, i, st, Math.max(...lines.map((l) => l.depth)));
}

test('authors: the parent chain names levels no attribution names', () => {
  const a = authors(2);
  assert.deepEqual(a.map((x) => [x.name, x.source, x.message]), [
    ['Author Again', 'sender', 2], ['Reviewer One', 'thread', 1], ['Patch Author', 'thread', 0],
  ]);
});

test('authors: an attribution wins over the thread, and keeps the message only when it names that sender', () => {
  const a = authors(3);
  assert.equal(a[1].name, 'Someone Else');
  assert.equal(a[1].source, 'attribution');
  assert.equal(a[1].message, undefined);
  assert.equal(a[2].name, 'Reviewer One');
  assert.equal(a[3].name, 'Patch Author');
});

test('authors: ancestors stop at loops', () => {
  const t = { ...thread, parent: [3, 0, 1, 2] };
  assert.deepEqual(ancestors(t, 3), [2, 1, 0]);
  assert.deepEqual(ancestors({ ...thread, parent: [0] }, 0), []);
});
