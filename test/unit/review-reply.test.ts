// Reply export over the small fixture thread: the exact .eml (golden files, reviewed by
// hand: trimmed quotes, attribution, headers, trailer), which patches get a reply, and
// header encoding read back by our own mail reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../src/core/analyze';
import { readDocument } from '../../src/core/mail';
import { exportReply, setNote, setState, startSession } from '../../src/core/review';
import { encodeText, field, formatAddress } from '../../src/core/review/headers';
import { FIXTURES } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'review');
const SERIES = readFileSync(path.join(DIR, 'series.mbox'), 'utf8');
const WHEN = new Date('2026-11-23T20:00:00Z');

test('replies are the expected kernel-style messages', async () => {
  const a = await analyze(SERIES, { abi: 'x86_64' });
  let s = startSession(a);
  s = setNote(s, { patch: 0, hunk: 1 }, 'Why not put `i_extra_flags` in the hole after `i_opflags`?');
  s = setState(s, { patch: 1, hunk: 0 }, 'reviewed');
  const out = exportReply(s, a, { identity: 'R. Eviewer <r@example.org>', trailer: 'Acked-by', date: WHEN });
  assert.deepEqual(out.map((r) => r.fileName), ['v2-0001-re-fs-add-i-extra-to-struct-inode.eml', 'v2-0002-re-fs-use-i-extra.eml']);
  assert.equal(out[0].eml, readFileSync(path.join(DIR, 'reply-1.eml'), 'utf8'));
  assert.equal(out[1].eml, readFileSync(path.join(DIR, 'reply-2.eml'), 'utf8'));
  assert.equal(out[0].trailer, undefined, 'patch 1 is not fully reviewed');
  assert.equal(out[1].trailer, 'Acked-by: R. Eviewer <r@example.org>');
  for (const r of out) {
    assert.doesNotMatch(r.eml, /^Message-ID:/im, 'left to the sending program');
    const [head] = r.eml.split('\n\n');
    for (const l of head.split('\n')) assert.ok(l.length <= 78, l);
  }
});

test('only patches with notes (or a trailer) get a reply; no identity, no From and no trailer', async () => {
  const a = await analyze(SERIES, { abi: 'x86_64' });
  let s = startSession(a);
  assert.deepEqual(exportReply(s, a, { trailer: 'Reviewed-by', identity: 'R <r@example.org>' }), []);
  s = setState(s, { patch: 1, hunk: 0 }, 'reviewed');
  s = setNote(s, { patch: 0, hunk: 0 }, '  ');
  const anon = exportReply(s, a, { trailer: 'Reviewed-by' });
  assert.deepEqual(anon, [], 'a trailer needs an identity, a blank note is no note');
  s = setNote(s, { patch: 0, hunk: 0 }, 'ok');
  const r = exportReply(s, a, { date: WHEN });
  assert.equal(r.length, 1);
  assert.doesNotMatch(r[0].eml, /^From:/m);
  assert.throws(() => exportReply(s, a, { identity: 'nobody' }), /not "Name <address>"/);
});

test('header fields stay ASCII and read back as written', async () => {
  const subject = 'Re: [PATCH v2 1/2] fs: grow struct inode for Jürgen’s “hooks” — größer';
  const from = formatAddress({ name: 'Jöhn Q. Rëviewer', address: 'jr@example.org' });
  const head = [field('From', from), field('Subject', encodeText(subject)), 'Message-ID: <x@example.org>', '', 'body', ''].join('\n');
  assert.match(head, /^[\x00-\x7f]*$/);
  for (const l of head.split('\n')) assert.ok(l.length <= 78, l);
  const doc = await readDocument(head);
  assert.equal(doc.messages[0].subject, subject);
  assert.deepEqual(doc.messages[0].from, { name: 'Jöhn Q. Rëviewer', address: 'jr@example.org' });
  assert.equal(formatAddress({ name: 'Last, First', address: 'a@b.org' }), '"Last, First" <a@b.org>');
  assert.equal(formatAddress({ name: '', address: 'a@b.org' }), 'a@b.org');
});

test('no line of the message passes 998 octets, even for a very long code line', async () => {
  const a = await analyze(SERIES, { abi: 'x86_64' });
  const long = 'ü'.repeat(700); // 1400 octets in UTF-8
  const s = setNote(startSession(a), { patch: 1, hunk: 0 }, `\`\`\`\n${long}\n\`\`\``);
  const [r] = exportReply(s, a, { date: WHEN });
  const lines = r.eml.split('\n');
  for (const l of lines) assert.ok(new TextEncoder().encode(l).length <= 998);
  assert.ok(r.eml.replace(/\n/g, '').includes('    ' + long), 'cut, not dropped');
});

test('quotes: changes with 2 lines of context, [...] where cut; a one-line change quoted whole', async () => {
  const { quoteHunk } = await import('../../src/core/review/quote');
  const a = await analyze(SERIES, { abi: 'x86_64' });
  const s = startSession(a);
  const [h0, h1] = s.patches[0].hunks.map((h) => a.hunks.find((x) => x.key === h.key)!.hunk);
  assert.deepEqual(quoteHunk(h0, '@@ -640,6 +640,7 @@ struct inode {'), [
    '> @@ -640,6 +640,7 @@ struct inode {',
    '>  \tumode_t\t\t\ti_mode;',
    '>  \tunsigned short\t\ti_opflags;',
    '> +\tunsigned short\t\ti_extra;',
    '>  \tkuid_t\t\t\ti_uid;',
    '>  \tkgid_t\t\t\ti_gid;',
    '>  \tunsigned int\t\ti_flags;',
  ]);
  const q1 = quoteHunk(h1, 'H', { fileHeader: true });
  assert.deepEqual([q1[0], q1[1], q1[2], q1[q1.length - 1]], ['> diff --git a/include/linux/fs.h b/include/linux/fs.h', '> H', '> [...]', '> [...]']);
  assert.equal(q1.length, 10);
  assert.deepEqual(quoteHunk(h1, 'H', { maxLines: 2, context: 0 }), ['> H', '> [...]', '> +\t/* set by fs_use_extra() */', '> +\tunsigned long\t\ti_extra_flags;', '> [...]']);
});
