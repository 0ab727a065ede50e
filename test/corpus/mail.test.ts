// Every file of the shared corpus is read without an exception, and every position the
// mail stage reports holds: header spans start with the header's name, document-view
// parts are the document's own characters (minus the ones listed as removed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, SKIP_NO_CORPUS } from '../helpers/paths';
import { documentText, readDocument } from '../../src/core/mail/index';
import type { BodyPart, MailDocument } from '../../src/core/mail/types';

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

/** The document text under a document-view part, with its removed characters taken out. */
export function documentUnder(text: string, part: BodyPart): string {
  const removed = new Set(part.removed ?? []);
  let out = '';
  let d = part.offset;
  for (let p = 0; p <= part.text.length; p++) {
    // each entry r says one document character was dropped right before text[r]
    let k = 0;
    if (removed.size && removed.has(p)) {
      for (const r of part.removed ?? []) if (r === p) k++;
    }
    d += k;
    if (p < part.text.length) out += text[d++];
  }
  return out;
}

function checkPositions(file: string, text: string, doc: MailDocument): void {
  for (const m of doc.messages) {
    assert.ok(m.span.start >= 0 && m.span.end <= text.length && m.span.start <= m.span.end, `${file}#${m.index} span`);
    if (doc.kind === 'html') continue; // header spans of HTML pages point at the page markup
    for (const h of m.headers) {
      if (h.span.start === h.span.end) continue;
      const raw = text.slice(h.span.start, h.span.end);
      assert.ok(raw.toLowerCase().startsWith(h.name.toLowerCase()) || h.name === 'Subject', `${file}#${m.index} header ${h.name} at ${h.span.start}: ${raw.slice(0, 40)}`);
    }
    for (const p of m.parts) {
      if (p.view !== 'document') continue;
      assert.equal(documentUnder(text, p), p.text, `${file}#${m.index} part ${p.id}`);
    }
  }
}

const files = SKIP_NO_CORPUS ? [] : walk(CORPUS);

test('every corpus file is read without an exception, positions hold', { skip: SKIP_NO_CORPUS }, async () => {
  const kinds: Record<string, number> = {};
  let messages = 0;
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    const doc = await readDocument(bytes, { name: file });
    kinds[doc.kind] = (kinds[doc.kind] ?? 0) + 1;
    messages += doc.messages.length;
    checkPositions(file, documentText(bytes).text, doc);
  }
  assert.ok(files.length >= 600, `${files.length} files`);
  assert.ok(messages > 1000, `${messages} messages`);
  for (const k of ['mbox', 'message', 'html', 'webarchive', 'diff']) assert.ok(kinds[k] > 0, `some ${k}: ${JSON.stringify(kinds)}`);
});

test('lore threads: every message has a Message-ID, From and a readable date', { skip: SKIP_NO_CORPUS }, async () => {
  const dir = path.join(CORPUS, 'lore-lsm');
  for (const f of readdirSync(dir)) {
    const doc = await readDocument(new Uint8Array(readFileSync(path.join(dir, f))));
    assert.equal(doc.kind, 'mbox');
    for (const m of doc.messages) {
      assert.ok(m.messageId, `${f}#${m.index} Message-ID`);
      assert.ok(m.from.address.includes('@'), `${f}#${m.index} From ${JSON.stringify(m.from)}`);
      assert.ok(m.date, `${f}#${m.index} Date ${m.dateRaw}`);
      assert.ok(m.parts.some((p) => !p.attachment && p.text.length > 0), `${f}#${m.index} has a text body`);
    }
  }
});

test('lore-lsm-mime: each MIME feature decodes to readable text', { skip: SKIP_NO_CORPUS }, async () => {
  const dir = path.join(CORPUS, 'lore-lsm-mime');
  const read = async (f: string): Promise<MailDocument> => readDocument(new Uint8Array(readFileSync(path.join(dir, f))));
  const qp = await read('qp-patch-1.eml');
  assert.equal(qp.messages[0].parts[0].view, 'decoded');
  assert.ok(!/=\n/.test(qp.messages[0].parts[0].text), 'no QP soft breaks left');
  assert.match(qp.messages[0].parts[0].text, /^diff --git /m);
  const b64 = await read('base64-text-1.eml');
  assert.match(b64.messages[0].parts[0].text, /lsm_prop/);
  const latin1 = await read('latin1-1.eml');
  assert.ok(!latin1.messages[0].parts[0].text.includes('\uFFFD'));
  for (const f of ['patch-attachment-1.eml', 'patch-attachment-2.eml']) {
    const d = await read(f);
    const att = d.messages[0].parts.filter((p) => p.attachment);
    assert.ok(att.length >= 1, `${f}: attachment part`);
    assert.ok(att.some((p) => /^diff --git /m.test(p.text)), `${f}: the patch is in the attachment`);
  }
  const signed = await read('multipart-signed-1.eml');
  assert.ok(signed.messages[0].parts[0].text.length > 100);
  assert.ok(!signed.messages[0].parts.some((p) => /BEGIN PGP SIGNATURE/.test(p.text) && !p.attachment));
  const flowed = await read('flowed-patch-1.eml');
  assert.equal(flowed.messages[0].parts[0].view, 'decoded');
});
