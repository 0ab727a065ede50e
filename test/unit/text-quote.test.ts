import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quoteDepth, splitQuote } from '../../src/core/text/quote';
import { bodyLines, keptBodyLines } from '../../src/core/text/body';
import type { BodyPart } from '../../src/core/mail/types';

test('quote markers: >, > >, >>, > > >, mixed spacing; | is no quote', () => {
  assert.equal(quoteDepth('no quote'), 0);
  assert.equal(quoteDepth('> one'), 1);
  assert.equal(quoteDepth('>> two'), 2);
  assert.equal(quoteDepth('> > two'), 2);
  assert.equal(quoteDepth('> > > three'), 3);
  assert.equal(quoteDepth('>> > >>four'), 5);
  assert.equal(quoteDepth('>\t> tab'), 2);
  assert.equal(quoteDepth('| not a quote'), 0);
  assert.equal(quoteDepth(' > indented is diff context'), 0);
  assert.equal(quoteDepth('>'), 1);
  assert.deepEqual(splitQuote('> > +foo'), { depth: 2, contentStart: 4 });
  assert.deepEqual(splitQuote('>+foo'), { depth: 1, contentStart: 1 });
  assert.deepEqual(splitQuote('>  two spaces'), { depth: 1, contentStart: 2 });
});

test('10,000 nested quote levels are read in linear time', () => {
  const line = '> '.repeat(10_000) + 'deep';
  const t = Date.now();
  const s = splitQuote(line);
  assert.equal(s.depth, 10_000);
  assert.equal(line.slice(s.contentStart), 'deep');
  assert.ok(Date.now() - t < 1000);
});

const part = (text: string, extra: Partial<BodyPart> = {}): BodyPart => ({
  id: '0.0', contentType: 'text/plain', attachment: false, text, view: 'document', offset: 100, ...extra,
});

test('body lines carry depth, content and document offsets (dropped CRs added back)', () => {
  const lines = bodyLines(part('a\n> b\n>> +c\n'));
  assert.deepEqual(lines.map((l) => [l.text, l.depth, l.content, l.offset, l.contentOffset]), [
    ['a', 0, 'a', 100, 100],
    ['> b', 1, 'b', 102, 104],
    ['>> +c', 2, '+c', 106, 109],
  ]);
  // Document "a\r\nb\r\n" normalised to "a\nb\n": the CR before each \n was dropped.
  const crlf = bodyLines(part('a\nb\n', { removed: [1, 3] }));
  assert.deepEqual(crlf.map((l) => l.offset), [100, 103]);
  const decoded = bodyLines(part('x\ny', { view: 'decoded', removed: [0] }));
  assert.deepEqual(decoded.map((l) => l.offset), [0, 2]);
});

test('collapsed text: inline quote markers start lines; `> >` after `>>` style is two lines', () => {
  const text = 'Hi, > On Mon wrote: >> +int x; >> >> -int y; > > Sorry, no.';
  const lines = bodyLines(part(text, { offset: 0 }), 'collapsed');
  assert.deepEqual(lines.map((l) => [l.depth, l.content]), [
    [0, 'Hi,'], [1, 'On Mon wrote:'], [2, '+int x;'], [2, ''], [2, '-int y;'], [1, ''], [1, 'Sorry, no.'],
  ]);
  for (const l of lines) assert.equal(text.slice(l.offset, l.offset + l.text.length), l.text);
});

test('collapsed text in `> >` style: consecutive markers nest, flagged as a guess', () => {
  const lines = bodyLines(part('Hi > > nested > single', { offset: 0 }), 'collapsed');
  assert.deepEqual(lines.map((l) => [l.depth, l.content, !!l.uncertain]), [
    [0, 'Hi', false], [2, 'nested', true], [1, 'single', false],
  ]);
});

test('keptBodyLines: a part is read once and its lines shared; a collapsed reading is its own; bodyLines keeps nothing', () => {
  const part: BodyPart = { id: '0.0', contentType: 'text/plain', attachment: false, text: '> a\nb\n', view: 'document', offset: 0 };
  const first = keptBodyLines(part);
  assert.equal(keptBodyLines(part), first, 'the same part read again gives the same lines');
  assert.deepEqual(first.map((l) => [l.depth, l.content]), [[1, 'a'], [0, 'b']]);
  const other: BodyPart = { ...part, text: 'c\n' };
  assert.deepEqual(keptBodyLines(other).map((l) => l.content), ['c'], 'a different part is read for itself');
  assert.notEqual(keptBodyLines(part, 'collapsed'), first, 'the collapsed rebuild is not served from the plain reading');
  assert.notEqual(bodyLines(part), bodyLines(part), 'the streaming reader splits afresh');
  assert.deepEqual(bodyLines(part), keptBodyLines(part, 'mbox'));
});
