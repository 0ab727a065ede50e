// Review notes (Markdown) as plain mail text: exact output for a hand-written fixture,
// no fake quotes from `>` lines (checked with our own mail reader), and wrapping that
// never breaks code or URLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readDocument } from '../../src/core/mail';
import { bodyLines } from '../../src/core/text/body';
import { noteToPlain, WIDTH } from '../../src/core/review/plain';
import { FIXTURES } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'review');

test('lists, code, links and emphasis come out as the expected plain text', () => {
  const got = noteToPlain(readFileSync(path.join(DIR, 'note.md'), 'utf8'));
  const want = readFileSync(path.join(DIR, 'note.txt'), 'utf8').replace(/\n$/, '');
  assert.equal(got, want);
});

test('small cases: ordered start, headings, hard breaks, references, HTML', () => {
  assert.equal(noteToPlain('3. c\n4. d'), '3. c\n4. d');
  assert.equal(noteToPlain('# Title\n\ntext'), 'Title\n\ntext');
  assert.equal(noteToPlain('a  \nb'), 'a\nb');
  assert.equal(noteToPlain('see [doc][1]\n\n[1]: https://example.org/d'), 'see doc <https://example.org/d>');
  assert.equal(noteToPlain('<b>bold</b> and <!-- hidden --> <struct foo>'), '<b>bold</b> and <struct foo>');
  assert.equal(noteToPlain('mail <user@example.org>'), 'mail <user@example.org>');
  assert.equal(noteToPlain('***'), '* * *');
  assert.equal(noteToPlain('`a` **b** _c_'), '`a` *b* _c_');
});

/** Body lines of a one-message mail whose body is `body`, as our reader splits them. */
async function readBack(body: string) {
  const mail = `From: R <r@example.org>\nSubject: Re: x\nMessage-ID: <r@example.org>\n\n${body}\n`;
  const doc = await readDocument(mail);
  return bodyLines(doc.messages[0].parts[0], doc.kind);
}

test('a note with mail-like > lines adds no quote depth to the reply', async () => {
  const notes = [
    '> On Mon, A wrote:\n> > +\tvoid *i_security;\n> yes, that one',
    '\\> escaped\n\\>> twice',
    'a > b > c > d > e > f > g > h > i > j > k > l > m > n > o > p > q > r > s > t',
    '>not a quote either\n\n    > inside code',
    'From here on\n\ndiff --git a/x b/x',
  ];
  for (const note of notes) {
    const plain = noteToPlain(note);
    const lines = await readBack(plain);
    assert.ok(lines.length >= plain.split('\n').length, 'every line read back');
    for (const l of lines) assert.equal(l.depth, 0, `${JSON.stringify(note)} → ${JSON.stringify(l.text)}`);
    for (const l of plain.split('\n')) assert.doesNotMatch(l, /^(>|From |diff -)/);
  }
});

test('wrapping at 72 columns never splits code spans or URLs', () => {
  const url = 'https://lore.kernel.org/all/20241112082600.298035-1-song@kernel.org/T/#m0123456789abcdef';
  const code = '`struct inode_addons *i_addons`';
  let seed = 7;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const words = ['the', 'struct', 'grows', 'by', 'eight', 'bytes', 'hole', 'cacheline', 'slab', 'objects', 'per', 'page'];
  for (let round = 0; round < 200; round++) {
    const parts: string[] = [];
    const want: string[] = [];
    for (let i = 0; i < 40; i++) {
      const k = rnd(10);
      if (k === 0) { parts.push(`[link ${i}](${url}${i})`); want.push(`<${url}${i}>`); }
      else if (k === 1) { parts.push(code); want.push(code); }
      else if (k === 2) { parts.push(`<${url}>`); want.push(`<${url}>`); }
      else parts.push(words[rnd(words.length)]);
    }
    const plain = noteToPlain((rnd(2) ? '- ' : '') + parts.join(' '));
    const lines = plain.split('\n');
    for (const w of want) assert.ok(lines.some((l) => l.includes(w)), `${w} kept whole in:\n${plain}`);
    for (const l of lines) {
      // Only a line holding a single unbreakable word may pass the width.
      if (l.length > WIDTH) assert.equal(l.trim().split(' ').length === 1 || /^[-\d. ]*\S+$/.test(l.trim()), true, `overlong line ${JSON.stringify(l)}`);
    }
  }
});
