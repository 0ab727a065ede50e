// Property tests: hostile input never makes readDocument or buildThread throw, and the
// time they take grows linearly (measured at n and 4n, with a generous bound).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readDocument } from '../../src/core/mail/index';
import { buildThread } from '../../src/core/thread/index';

const SAMPLE = [
  'From a@b Mon Jan  1 00:00:00 2024',
  'From: Dev <dev@example.org>',
  'Subject: [PATCH v2 1/2] fs: grow struct inode',
  'Message-ID: <p1@x>',
  'In-Reply-To: <c@x>',
  'References: <c@x>',
  'Date: Mon, 1 Jan 2024 10:00:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="BND"',
  '',
  '--BND',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Hi=2C long line=',
  ' continued',
  '> quoted',
  '--BND',
  'Content-Type: text/x-patch; name="a.patch"',
  'Content-Transfer-Encoding: base64',
  '',
  'ZGlmZiAtLWdpdCBhL3ggYi94Cg==',
  '--BND--',
  '',
].join('\n');

async function survives(input: string | Uint8Array): Promise<void> {
  const doc = await readDocument(input);
  buildThread(doc.messages);
}

test('random text and random bytes', async () => {
  await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 2000 }), survives), { numRuns: 300 });
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), (b) => survives(b)), { numRuns: 300 });
});

test('mutated mails: lines dropped, duplicated, cut, boundaries broken', async () => {
  const lines = SAMPLE.split('\n');
  const mutation = fc.array(fc.tuple(fc.nat(lines.length - 1), fc.integer({ min: 0, max: 5 }), fc.string({ maxLength: 12 })), { maxLength: 8 });
  await fc.assert(fc.asyncProperty(mutation, fc.integer({ min: 1, max: 4 }), async (muts, copies) => {
    const ls = [...lines];
    for (const [at, kind, s] of muts) {
      const i = Math.min(at, ls.length - 1);
      if (kind === 0) ls.splice(i, 1);
      else if (kind === 1) ls.splice(i, 0, ls[i]);
      else if (kind === 2) ls[i] = ls[i].slice(0, s.length);
      else if (kind === 3) ls[i] = ls[i].replace('BND', s);
      else if (kind === 4) ls[i] = s + ls[i];
      else ls.splice(i, 0, '--BND' + s);
    }
    await survives(Array(copies).fill(ls.join('\n')).join('\n'));
  }), { numRuns: 300 });
});

test('broken MIME: missing and nested boundaries, bad encodings, unknown charsets', async () => {
  const cases = [
    'From: a@b\nContent-Type: multipart/mixed; boundary=X\n\n--X\n--X\n--X--\n--X--\n',
    'From: a@b\nContent-Type: multipart/mixed; boundary=\n\nbody\n',
    'From: a@b\nContent-Type: multipart/mixed\n\n--\n',
    'From: a@b\nContent-Type: text/plain; charset=x-no-such-charset\nContent-Transfer-Encoding: 8bit\n\nJ\u00f6rg\n',
    'From: a@b\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n!!!not base64===\n',
    'From: a@b\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n=ZZ=\n=\n',
    'From: a@b\nContent-Type: text/plain\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 x\n',
    'From: a@b\nContent-Type: message/rfc822\n\nFrom: c@d\nContent-Type: message/rfc822\n\nFrom: e@f\n\nx\n',
    `From: a@b\nContent-Type: multipart/mixed; boundary=A\n\n${'--A\nContent-Type: multipart/mixed; boundary=A\n\n'.repeat(300)}`,
    'Subject: =?utf-8?q?broken\nFrom: =?x?b?!!?= <\n\n',
  ];
  for (const c of cases) await survives(c);
});

function seconds(f: () => unknown): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

async function secondsAsync(f: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

/** Time at 4n stays within a generous multiple of time at n (linear would be 4x). */
async function linear(name: string, make: (n: number) => string, n: number): Promise<void> {
  await readDocument(make(n)); // warm up
  const small = Math.max(await secondsAsync(() => readDocument(make(n))), 0.005);
  const big = await secondsAsync(() => readDocument(make(4 * n)));
  assert.ok(big < small * 12 + 0.1, `${name}: ${small.toFixed(3)} s at n, ${big.toFixed(3)} s at 4n`);
}

test('a 10 MB single line, in a message and alone', async () => {
  const line = 'x'.repeat(10 * 1024 * 1024);
  const t1 = await secondsAsync(() => survives(`From: a@b\nSubject: long\n\n${line}\n`));
  const t2 = await secondsAsync(() => survives(line));
  const t3 = await secondsAsync(() => survives(`From a@b Mon Jan  1 00:00:00 2024\nFrom: a@b\n\n${line.replace(/x{79}/g, (m) => m + ' ')}\n`));
  assert.ok(t1 < 10 && t2 < 10 && t3 < 10, `${t1} ${t2} ${t3}`);
  await linear('long line', (n) => `From: a@b\n\n${'word '.repeat(n)}\n`, 200_000);
});

test('10,000 nested quote levels', async () => {
  const deep = `From: a@b\nSubject: deep\n\n${'>'.repeat(10_000)} text\n${'> '.repeat(10_000)}+added\n`;
  await survives(deep);
  await linear('quote depth', (n) => `From: a@b\n\n${'>'.repeat(n)} x\n`.repeat(20), 10_000);
});

test('time is linear in the number of messages and in thread depth', async () => {
  const chain = (n: number): string => Array.from({ length: n }, (_, i) =>
    `From a@b Mon Jan  1 00:00:00 2024\nFrom: a@b\nSubject: Re: x\nMessage-ID: <m${i}@x>\nIn-Reply-To: <m${i - 1}@x>\n\n> hi\nreply ${i}\n`).join('');
  await linear('messages', chain, 2_000);
  const docSmall = await readDocument(chain(2_500));
  const docBig = await readDocument(chain(10_000));
  buildThread(docSmall.messages);
  const small = Math.max(seconds(() => buildThread(docSmall.messages)), 0.005);
  const big = seconds(() => buildThread(docBig.messages));
  assert.ok(big < small * 12 + 0.1, `thread of depth 10,000: ${big.toFixed(3)} s vs ${small.toFixed(3)} s at 2,500`);
  const t = buildThread(docBig.messages);
  assert.equal(t.parent[9_999], 9_998);
});

// Regression (found by timing, fixed in html.ts): unclosed <script>, comments and tags
// made the tag-stripping regular expressions quadratic.
test('regression: unclosed HTML markup stays linear', async () => {
  await linear('unclosed <script>', (n) => '<html><body>' + '<script>x'.repeat(n), 4_000);
  await linear('unclosed comment', (n) => '<html><body>' + '<!-- x'.repeat(n), 4_000);
  await linear('unclosed tag', (n) => '<html><body>' + '<a '.repeat(n), 4_000);
});

test('random HTML-ish pages', async () => {
  const piece = fc.constantFrom('<', '>', '<br>', '<!--', '-->', '<script>', '</script>', '&lt;', '&#', '&#x1F600;', '<pre>', '</pre>', '<!--X-Subject: ', ' -->', '<!--X-Body-of-Message-->', 'From: ', 'Date: ', '\n', 'text ');
  await fc.assert(fc.asyncProperty(fc.array(piece, { maxLength: 200 }), (ps) => survives('<html>' + ps.join(''))), { numRuns: 300 });
});
