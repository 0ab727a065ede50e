// The seed threads the product started from: what the mail stage must make of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from '../helpers/paths';
import { readDocument } from '../../src/core/mail/index';

const seed = (name: string): string => readFileSync(path.join(FIXTURES, 'seeds', name), 'utf8');

test('seeds 000 and 002: collapsed bodies without headers, one document-view part over the whole text', async () => {
  for (const f of ['000_110b1c1c1020574e.txt', '002_1292b8a27403ad80.txt']) {
    const text = seed(f);
    const doc = await readDocument(text);
    assert.equal(doc.kind, 'collapsed', f);
    assert.equal(doc.messages.length, 1);
    const part = doc.messages[0].parts[0];
    assert.equal(part.view, 'document');
    assert.equal(text.slice(part.offset, part.offset + part.text.length), part.text);
    assert.ok(part.text.startsWith('Hi '), f);
  }
});

test('seed 001: archive header lines kept, collapsed body from the line after them', async () => {
  const text = seed('001_35e5ee02d807fc96.txt');
  const doc = await readDocument(text);
  assert.equal(doc.kind, 'collapsed');
  const m = doc.messages[0];
  assert.equal(m.subject, 'Re: [PATCH bpf-next 2/4] bpf: Make bpf inode storage available to tracing program');
  assert.deepEqual(m.from, { name: 'Song Liu', address: '' });
  assert.equal(m.date, '2024-11-21T08:08:23.000Z');
  const part = m.parts[0];
  assert.equal(text.slice(part.offset, part.offset + part.text.length), part.text);
  assert.match(part.text, /diff --git a\/include\/linux\/fs\.h b\/include\/linux\/fs\.h/);
  assert.ok(!part.text.includes('Date: 2024-11-21'), 'the header lines are not body');
});

test('seed 003: header fields recovered from the collapsed header run', async () => {
  const text = seed('003_1cd814a1c982a9ad.txt');
  const doc = await readDocument(text);
  assert.equal(doc.kind, 'collapsed');
  const m = doc.messages[0];
  assert.equal(m.subject, '[PATCH RESEND RFC bpf-next v1 0/8] Pinning bpf objects outside bpffs');
  assert.equal(m.messageId, '20220112193152.3058718-1-haoluo@google.com');
  assert.equal(m.from.name, 'Hao Luo');
  assert.equal(m.date, '2022-01-12T19:31:44.000Z');
  for (const h of m.headers) assert.ok(text.slice(h.span.start, h.span.end).startsWith(`${h.name}:`), h.name);
  const ct = m.headers.find((h) => h.name === 'Content-Type');
  assert.equal(ct?.value, 'text/plain; charset="UTF-8"');
  const part = m.parts[0];
  assert.ok(part.text.startsWith('Bpffs is a pseudo file system'), part.text.slice(0, 40));
  assert.match(part.text, /15 files changed, 995 insertions\(\+\), 32 deletions\(-\)/);
  assert.equal(text.slice(part.offset, part.offset + part.text.length), part.text);
});

test('seed 004: lkml.iu.edu text with intact lines', async () => {
  const text = seed('004_26ab9a221b0ea086.txt');
  const doc = await readDocument(text);
  assert.equal(doc.kind, 'webarchive');
  const m = doc.messages[0];
  assert.equal(m.subject, 'Re: [PATCHv3 bpf-next 0/9] mm/bpf/perf: Store build id in file object');
  assert.equal(m.from.name, 'Al Viro');
  assert.equal(m.date, '2023-03-17T22:21:39.000Z');
  assert.ok(m.parts[0].text.startsWith('On Fri, Mar 17, 2023 at 09:14:03PM +0000, Al Viro wrote:'));
});
