import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'fflate';
import { MboxSplitter, detectKind, readDocument, splitMbox, toDocumentOffset, parseDate, parseFrom } from '../../src/core/mail/index';
import { parseHeaderBlock } from '../../src/core/mail/headers';
import type { BodyPart } from '../../src/core/mail/types';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

const MSG = (n: number, extra = '', body = `body ${n}\n`): string =>
  `From: Dev ${n} <dev${n}@example.org>\nSubject: [PATCH ${n}/3] thing\nDate: Mon, 1 Jan 2024 10:0${n}:00 +0100\nMessage-ID: <m${n}@x>\n${extra}\n${body}`;

const MBOX = ['From a@b Mon Jan  1 00:00:00 2024', MSG(1), 'From a@b Mon Jan  1 00:00:00 2024', MSG(2), 'From a@b Mon Jan  1 00:00:00 2024', MSG(3)].join('\n');

/** Document text under a document-view part must be the part's text (minus removed chars). */
function assertPositions(doc: string, part: BodyPart): void {
  assert.equal(part.view, 'document');
  for (let p = 0; p < part.text.length; p++) assert.equal(doc[toDocumentOffset(part, p)], part.text[p], `char ${p}`);
}

test('detection from content', () => {
  assert.equal(detectKind(MBOX), 'mbox');
  assert.equal(detectKind(MSG(1)), 'message');
  assert.equal(detectKind('<!DOCTYPE html><html><body><pre>x</pre></body></html>'), 'html');
  assert.equal(detectKind('Re: [PATCH] x\n\nFrom: Al Viro\nDate: Fri Mar 17 2023 - 17:21:39 EST\n\nbody\n'), 'webarchive');
  assert.equal(detectKind('diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n'), 'diff');
  const collapsed = ('Hi, > On Nov 13, 2024, Christian wrote: >> +struct bpf_local_storage; >> @@ -648,6 +649,9 @@ struct inode { ' .repeat(20)).trim();
  assert.equal(detectKind(collapsed), 'collapsed');
});

test('gzip input is unpacked (lore t.mbox.gz)', async () => {
  const doc = await readDocument(gzipSync(enc(MBOX)));
  assert.equal(doc.kind, 'mbox');
  assert.equal(doc.messages.length, 3);
  assert.equal(doc.messages[2].messageId, 'm3@x');
});

test('mbox split: From lines as git mailsplit sees them, any chunking gives the same messages', () => {
  const whole = splitMbox(MBOX);
  assert.equal(whole.length, 3);
  assert.equal(whole[1].text, MSG(2) + '\n');
  assert.equal(MBOX.slice(whole[1].start, whole[1].start + whole[1].text.length), whole[1].text);
  for (const size of [1, 2, 5, 7, 64]) {
    const s = new MboxSplitter();
    const got = [];
    for (let i = 0; i < MBOX.length; i += size) got.push(...s.push(MBOX.slice(i, i + size)));
    got.push(...s.end());
    assert.deepEqual(got, whole, `chunk size ${size}`);
  }
  // a "From " line that is not a separator stays in the body
  const prose = `From a@b Mon Jan  1 00:00:00 2024\n${MSG(1, '', 'From here on, it works.\n')}`;
  assert.equal(splitMbox(prose).length, 1);
});

test('mboxrd and mboxo: >From unescaped in the body, with removed positions', async () => {
  const rd = `From mboxrd@z Thu Jan  1 00:00:00 1970\n${MSG(1, '', '>From the start\n>>From deeper\nplain\n')}`;
  const doc = await readDocument(rd);
  const part = doc.messages[0].parts[0];
  assert.equal(part.text, 'From the start\n>From deeper\nplain\n');
  assert.equal(part.removed?.length, 2);
  assertPositions(rd, part);
  const o = `From x@y Mon Jan  1 00:00:00 2024\n${MSG(1, '', '>From the start\n>>From deeper\n')}`;
  const po = (await readDocument(o)).messages[0].parts[0];
  assert.equal(po.text, 'From the start\n>>From deeper\n');
  assertPositions(o, po);
});

test('CRLF documents: \\r dropped from the text, positions still exact', async () => {
  const crlf = MSG(1, '', 'line one\nline two\n').replace(/\n/g, '\r\n');
  const doc = await readDocument(crlf);
  const part = doc.messages[0].parts[0];
  assert.equal(part.text, 'line one\nline two\n');
  assertPositions(crlf, part);
  assert.equal(doc.messages[0].subject, '[PATCH 1/3] thing');
});

test('headers: folding, RFC 2047, Message-ID spellings, spans', () => {
  const text = 'Subject: =?UTF-8?Q?Re=3A_caf=C3=A9?=\n =?UTF-8?B?IHLDqXN1bcOp?=\nMessage-Id: <a@b>\nFrom: =?iso-8859-1?q?J=F6rg?= <j@x>\n\nbody';
  const block = parseHeaderBlock(text);
  assert.equal(block.headers.length, 3);
  assert.equal(block.headers[0].value, 'Re: café résumé');
  assert.equal(text.slice(block.headers[0].span.start, block.headers[0].span.end), 'Subject: =?UTF-8?Q?Re=3A_caf=C3=A9?=\n =?UTF-8?B?IHLDqXN1bcOp?=');
  assert.equal(block.headers[2].value, 'Jörg <j@x>');
  assert.equal(text.slice(block.bodyStart), 'body');
});

test('message ids, references, in-reply-to', async () => {
  const doc = await readDocument('Message-Id: <x@1>\nIn-Reply-To: <p@1> (Some comment)\nReferences: <r@1>\n <p@1>\nSubject: Re: x\nFrom: a@b\n\nhi\n');
  const m = doc.messages[0];
  assert.equal(m.messageId, 'x@1');
  assert.equal(m.inReplyTo, 'p@1');
  assert.deepEqual(m.references, ['r@1', 'p@1']);
});

test('odd dates', () => {
  assert.equal(parseDate('Wed, 12 Jan 2022 11:31:44 -0800'), '2022-01-12T19:31:44.000Z');
  assert.equal(parseDate('12 Jan 2022 11:31:44 -0800 (PST)'), '2022-01-12T19:31:44.000Z');
  assert.equal(parseDate('Wed, 12 Jan 22 11:31:44 PST'), '2022-01-12T19:31:44.000Z');
  assert.equal(parseDate('Fri Mar 17 2023 - 17:21:39 EST'), '2023-03-17T22:21:39.000Z');
  assert.equal(parseDate('2024-11-21 08:08:23'), '2024-11-21T08:08:23.000Z');
  assert.equal(parseDate('1138788975 -0500'), '2006-02-01T10:16:15.000Z');
  assert.equal(parseDate('Mon,  3 Aug 2020 22:40:55 +0700'), '2020-08-03T15:40:55.000Z');
  assert.equal(parseDate('Thu Jan  1 00:00:00 1970'), '1970-01-01T00:00:00.000Z');
  assert.equal(parseDate('not a date'), undefined);
  assert.equal(parseDate('Wed, 45 Foo 2022 99:99:99'), undefined);
});

test('From values, including archive-hidden addresses', () => {
  assert.deepEqual(parseFrom('"Doe, John" <j@x.org>'), { name: 'Doe, John', address: 'j@x.org' });
  assert.deepEqual(parseFrom('Song Liu <hidden>'), { name: 'Song Liu', address: '' });
  assert.deepEqual(parseFrom('Al Viro'), { name: 'Al Viro', address: '' });
  assert.deepEqual(parseFrom('Christian Brauner <brauner@xxxxxxxxxx>'), { name: 'Christian Brauner', address: 'brauner@xxxxxxxxxx' });
  assert.deepEqual(parseFrom('Johannes Schindelin <Johannes.Schindelin () gmx ! de>'), { name: 'Johannes Schindelin', address: 'Johannes.Schindelin@gmx.de' });
  assert.deepEqual(parseFrom('j@x.org (John Doe)'), { name: 'John Doe', address: 'j@x.org' });
});

const MP = (type: string, parts: string): string =>
  `From: a@b\nSubject: mp\nMessage-ID: <mp@x>\nMIME-Version: 1.0\nContent-Type: ${type}; boundary="BND"\n\npreamble\n${parts}--BND--\n`;

test('multipart/mixed with an inline patch attachment; a From line inside it is not a new message', async () => {
  const mbox = `From x@y Mon Jan  1 00:00:00 2024\n` + MP('multipart/mixed',
    '--BND\nContent-Type: text/plain; charset=us-ascii\n\nSee attached.\n' +
    '--BND\nContent-Type: text/x-patch; name="0001-fix.patch"\nContent-Disposition: attachment; filename="0001-fix.patch"\n\n' +
    'From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\nFrom: a@b\nSubject: [PATCH] fix\n\n---\ndiff --git a/x b/x\n') +
    `\nFrom x@y Mon Jan  1 00:00:00 2024\n${MSG(2)}`;
  const doc = await readDocument(mbox);
  assert.equal(doc.messages.length, 2);
  const parts = doc.messages[0].parts;
  assert.equal(parts[0].text.trim(), 'See attached.');
  assert.equal(parts[0].view, 'document');
  assertPositions(mbox, parts[0]);
  const att = parts.find((p) => p.attachment);
  assert.ok(att);
  assert.equal(att.filename, '0001-fix.patch');
  assert.match(att.text, /^diff --git a\/x b\/x$/m);
});

test('multipart/alternative keeps the plain text; multipart/signed drops the signature', async () => {
  const alt = await readDocument(MP('multipart/alternative',
    '--BND\nContent-Type: text/plain\n\nplain words\n--BND\nContent-Type: text/html\n\n<p>html <b>words</b></p>\n'));
  assert.equal(alt.messages[0].parts.length, 1);
  assert.equal(alt.messages[0].parts[0].text.trim(), 'plain words');
  const signed = await readDocument(MP('multipart/signed; protocol="application/pgp-signature"',
    '--BND\nContent-Type: text/plain\n\nsigned words\n--BND\nContent-Type: application/pgp-signature\n\n-----BEGIN PGP SIGNATURE-----\nxx\n'));
  assert.deepEqual(signed.messages[0].parts.map((p) => p.text.trim()), ['signed words']);
});

test('quoted-printable, base64 and charsets are decoded views', async () => {
  const qp = await readDocument('From: a@b\nSubject: q\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nJ=F6rg wrote a very long line that is soft=\n-broken here\n');
  assert.equal(qp.messages[0].parts[0].text, 'Jörg wrote a very long line that is soft-broken here\n');
  assert.equal(qp.messages[0].parts[0].view, 'decoded');
  const b64 = await readDocument(`From: a@b\nSubject: b\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n${btoa('caf\u00c3\u00a9 +\tx\n')}\n`);
  assert.equal(b64.messages[0].parts[0].text, 'café +\tx\n');
  const latin = await readDocument(new Uint8Array([...enc('From: a@b\nSubject: l\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\nJ'), 0xf6, ...enc('rg\n')]));
  assert.equal(latin.messages[0].parts[0].text, 'Jörg\n');
});

test('format=flowed: quoted lines join only at the same quote depth, delsp honoured', async () => {
  const doc = await readDocument('From: a@b\nSubject: f\nContent-Type: text/plain; charset=utf-8; format=flowed\n\n> quoted \n> too\n> +\tint a; \n>> +\tint b;\nplain \ntext\n');
  assert.equal(doc.messages[0].parts[0].text, '> quoted too\n> +\tint a; \n>> +\tint b;\nplain text\n');
  const ds = await readDocument('From: a@b\nSubject: f\nContent-Type: text/plain; format=flowed; delsp=yes\n\nsplit wo \nrd\n');
  assert.equal(ds.messages[0].parts[0].text, 'split word\n');
});

test('format=flowed is unwrapped', async () => {
  const doc = await readDocument('From: a@b\nSubject: f\nContent-Type: text/plain; charset=utf-8; format=flowed\n\nthis line was \nwrapped by the client\n-- \nsig\n');
  assert.equal(doc.messages[0].parts[0].text, 'this line was wrapped by the client\n-- \nsig\n');
});

test('multipart with an 8bit Latin-1 part: the declared charset applies', async () => {
  const bytes = new Uint8Array([...enc('From: a@b\nSubject: l\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\nJ'), 0xf6, ...enc('rg\n--B--\n')]);
  const doc = await readDocument(bytes);
  assert.equal(doc.messages[0].parts[0].text.trim(), 'J\u00f6rg');
});

test('plain single-part bodies keep document positions', async () => {
  const text = `From x@y Mon Jan  1 00:00:00 2024\n${MSG(1, '', 'first\n> quoted\n+added\n')}`;
  const doc = await readDocument(text);
  const part = doc.messages[0].parts[0];
  assertPositions(text, part);
  assert.equal(text.slice(doc.messages[0].span.start, doc.messages[0].span.end), MSG(1, '', 'first\n> quoted\n+added\n'));
});

test('web-archive text: header lines, hidden addresses, odd date, body after them', async () => {
  const text = 'Re: [PATCHv3 bpf-next 0/9] Store build id\n\nFrom: Al Viro\nDate: Fri Mar 17 2023 - 17:21:39 EST\n\n\nOn Fri, Mar 17, 2023, Al Viro wrote:\n> quoted\nreply\n';
  const doc = await readDocument(text);
  assert.equal(doc.kind, 'webarchive');
  const m = doc.messages[0];
  assert.equal(m.subject, 'Re: [PATCHv3 bpf-next 0/9] Store build id');
  assert.equal(m.from.name, 'Al Viro');
  assert.equal(m.date, '2023-03-17T22:21:39.000Z');
  assert.ok(m.parts[0].text.startsWith('On Fri, Mar 17'));
  assertPositions(text, m.parts[0]);
});

test('HTML page (MHonArc): headers from the page, body as a decoded view', async () => {
  const html = '<!-- MHonArc v2.6.6 -->\n<!--X-Subject: [PATCH 03/17] s390x compat -->\n<!--X-Date: Wed,  8 Feb 2006 02:12:18 &#45;0500 (EST) -->\n<!--X-Message-Id: E1F@ZenIV -->\n<html><head><title>x</title><meta NAME="Author" CONTENT="Al Viro &lt;viro@ftp.linux.org.uk&gt;"></head><body>\n<!--X-Body-of-Message-->\nSigned-off-by: Al &lt;a@b&gt;<br>\n+ x &amp; y<br>\n<!--X-Body-of-Message-End-->\n</body></html>';
  const doc = await readDocument(html);
  assert.equal(doc.kind, 'html');
  const m = doc.messages[0];
  assert.equal(m.subject, '[PATCH 03/17] s390x compat');
  assert.equal(m.from.address, 'viro@ftp.linux.org.uk');
  assert.equal(m.date, '2006-02-08T07:12:18.000Z');
  assert.equal(m.messageId, 'E1F@ZenIV');
  assert.equal(m.parts[0].view, 'decoded');
  assert.equal(m.parts[0].text, 'Signed-off-by: Al <a@b>\n+ x & y\n');
});

test('bad input never throws: empty, binary, truncated MIME', async () => {
  assert.equal((await readDocument('')).messages.length, 0);
  await readDocument(new Uint8Array([0, 1, 2, 255, 254, 0x1f]));
  const gz = await readDocument(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]));
  assert.equal(gz.messages.length, 0);
  assert.match(gz.warnings[0], /^unreadable gzip data/);
  const broken = await readDocument('From: a@b\nContent-Type: multipart/mixed; boundary="X"\n\n--X\nContent-Type: text/plain\n\nno end boundary\n');
  assert.match(broken.messages[0].parts[0]?.text ?? '', /no end boundary/);
});

test('MHonArc X-From-R13 gives back the unhidden From', async () => {
  const { unR13 } = await import('../../src/core/mail/html');
  assert.equal(unR13('Oy Hveb <ivebNsgc.yvahk.bet.hx>'), 'Al Viro <viro@ftp.linux.org.uk>');
  const doc = await readDocument('<!-- MHonArc v2.6.16 -->\n<!--X-Subject: x -->\n<!--X-From-R13: <owbea.naqreffbaNfbalzbovyr.pbz> -->\n<html><head><meta NAME="Author" CONTENT="&lt;bjorn.andersson@xxxxxxxx&gt;"></head><body>\n<!--X-Body-of-Message-->\nhi<br>\n<!--X-Body-of-Message-End-->\n</body></html>');
  assert.equal(doc.messages[0].from.address, 'bjorn.andersson@sonymobile.com');
});

test('git format-patch output is one message behind its magic From line', async () => {
  const fp = 'From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\nFrom: A <a@b>\nDate: Mon, 1 Jan 2024 10:00:00 +0000\nSubject: [PATCH] x\n\n---\n x | 1 +\n\ndiff --git a/x b/x\n';
  const doc = await readDocument(fp);
  assert.equal(doc.kind, 'message');
  assert.equal(doc.messages.length, 1);
  assert.equal(doc.messages[0].subject, '[PATCH] x');
  assert.equal(doc.messages[0].span.start, fp.indexOf('From: A'));
});

test('spinics-style page text: chrome line, lower-case header names, hidden address', async () => {
  const text = 'Re: [PATCH] fs: x\n[Date Prev][Date Next][Thread Prev][Thread Next][Date Index][Thread Index]\n\nSubject: Re: [PATCH] fs: x\nFrom: Christian Brauner <brauner@xxxxxxxxxx>\nDate: Wed, 13 Nov 2024 11:19:54 +0100\nIn-reply-to: <20241112082600.298035-3-song@kernel.org>\n\nOn Tue, Nov 12, 2024 Song Liu wrote:\n> +\tstruct bpf_local_storage __rcu *i_bpf_storage;\n';
  const doc = await readDocument(text);
  assert.equal(doc.kind, 'webarchive');
  const m = doc.messages[0];
  assert.equal(m.subject, 'Re: [PATCH] fs: x');
  assert.equal(m.from.address, 'brauner@xxxxxxxxxx');
  assert.equal(m.inReplyTo, '20241112082600.298035-3-song@kernel.org');
  assert.equal(m.date, '2024-11-13T10:19:54.000Z');
  assert.ok(m.parts[0].text.startsWith('On Tue, Nov 12'));
});

test('lore thread view (/T/) copied as text: one message per From … @ date block', async () => {
  const { readFileSync } = await import('node:fs');
  const path = await import('node:path');
  const { FIXTURES } = await import('../helpers/paths');
  const text = readFileSync(path.join(FIXTURES, 'mail/lore-thread-view.txt'), 'utf8');
  const doc = await readDocument(text);
  assert.equal(doc.kind, 'webarchive');
  assert.equal(doc.messages.length, 2);
  const [a, b] = doc.messages;
  assert.equal(a.from.name, 'Song Liu');
  assert.equal(a.date, '2024-11-12T08:25:00.000Z');
  assert.equal(a.subject, '[PATCH bpf-next 2/4] bpf: Make bpf inode storage available to tracing program');
  assert.ok(a.parts[0].text.startsWith('inode storage can be useful'));
  assert.match(a.parts[0].text, /\+\tstruct bpf_local_storage __rcu \*i_bpf_storage;\n\+#endif\n/);
  assert.ok(!a.parts[0].text.includes('permalink'));
  assert.equal(a.headers.find((h) => h.name === 'Cc')?.value.endsWith('amir73il, Song Liu'), true);
  assert.equal(b.from.name, 'Christian Brauner');
  assert.equal(b.subject, 'Re: [PATCH bpf-next 2/4] bpf: Make bpf inode storage available to tracing program');
  assert.ok(b.parts[0].text.startsWith('On Tue, Nov 12, 2024'));
  for (const m of doc.messages) assertPositions(text, m.parts[0]);
});
