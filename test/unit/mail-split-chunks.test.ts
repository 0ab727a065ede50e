// The streaming splitter cuts every chunk at its last newline and joins only the line that
// straddles two chunks; whatever the cuts, it must give what one whole-text push gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MboxSplitter, splitMbox } from '../../src/core/mail/index';

const SEP = 'From a@b Mon Jan  1 00:00:00 2024';
const PATCH_FROM = 'From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001';
const MULTI = `Content-Type: multipart/mixed; boundary="b"\n\n--b\n${PATCH_FROM}\nattached\n--b--\n`;

const SAMPLES = [
  [SEP, 'Subject: one\n\nbody\n', SEP, 'Subject: two\n\nFrom here on, prose.\n', SEP, 'Subject: three\n\nend'].join('\n'),
  `  \n\n${SEP}\r\nSubject: crlf\r\n\r\nx\r\n${SEP}\r\nSubject: b\r\n\r\ny\r\n`,
  `${PATCH_FROM}\n${MULTI}${PATCH_FROM}\nSubject: next\n\nz\n`,
  `${SEP}\nSubject: last line is a separator\n\nq\n${SEP}`,
  `${SEP}\n${'a very long line '.repeat(500)}\n${SEP}\n\n`,
  'not an mbox at all\nFrom a@b Mon Jan  1 00:00:00 2024\n',
  '',
  '\n',
];

function chunked(text: string, sizes: (i: number) => number): ReturnType<typeof splitMbox> {
  const s = new MboxSplitter();
  const got = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const n = sizes(k);
    got.push(...s.push(text.slice(i, i + n)));
    i += n;
  }
  got.push(...s.end());
  return got;
}

test('any chunking splits as the whole text does (offsets, separators, escaping)', () => {
  let seed = 7;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return 1 + (seed % n); };
  for (const text of SAMPLES) {
    const whole = splitMbox(text);
    for (const r of whole) assert.equal(text.slice(r.start, r.start + r.text.length), r.text);
    for (const max of [1, 3, 40, 1000]) {
      assert.deepEqual(chunked(text, () => rnd(max)), whole, `random chunks up to ${max}: ${JSON.stringify(text.slice(0, 30))}`);
    }
    // empty pushes between chunks change nothing
    assert.deepEqual(chunked(text, (k) => (k % 2 ? 0 : 5)), whole);
  }
});
