import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from '../helpers/paths';
import { readDocument } from '../../src/core/mail/index';
import { buildThread } from '../../src/core/thread/index';
import { extractPatches } from '../../src/core/patch/index';
import { linkDiscussion } from '../../src/core/discussion/link';
import { hunkKey } from '../../src/core/discussion/hunk-key';
import type { MailDocument } from '../../src/core/mail/types';
import type { Located } from '../../src/core/text/span';

async function load(name: string) {
  const raw = readFileSync(path.join(FIXTURES, 'seeds', name));
  const doc = await readDocument(raw);
  const thread = buildThread(doc.messages);
  const patches = extractPatches(doc, thread);
  return { raw: raw.toString('utf8'), doc, patches, d: linkDiscussion(doc, thread, patches) };
}

/** The text a Located points at, in the document or in the decoded part. */
function textAt(raw: string, doc: MailDocument, loc: Located): string {
  if (loc.view === 'document') return raw.slice(loc.span.start, loc.span.end);
  const part = doc.messages.flatMap((m) => m.parts).find((p) => p.id === loc.part);
  assert.ok(part);
  return part.text.slice(loc.span.start, loc.span.end);
}

test("seed 000: Brauner's refusal is linked to the i_bpf_storage hunk, Song's answer after it", async () => {
  const { raw, doc, patches, d } = await load('000_110b1c1c1020574e.txt');
  const hunk = patches.flatMap((p) => p.hunks).find((h) => h.lines.some((l) => l.kind === '+' && l.text.includes('i_bpf_storage')));
  assert.ok(hunk, 'the patch stage finds the quoted i_bpf_storage hunk');
  const key = hunkKey(hunk);
  const entries = d.hunks[key];
  assert.ok(entries && entries.length >= 2, 'two comments on the hunk');
  const [brauner, song] = entries;
  assert.equal(brauner.from.name, 'Christian Brauner');
  assert.equal(brauner.from.source, 'attribution');
  assert.equal(brauner.level, 1);
  assert.match(brauner.excerpt, /^Sorry, we're not growing struct inode for this\. It just keeps getting bigger\./);
  assert.match(brauner.excerpt, /pet field here\.$/);
  assert.match(textAt(raw, doc, brauner.comment), /^Sorry, we're not growing struct inode for this\./);
  assert.ok(brauner.quote);
  assert.match(textAt(raw, doc, brauner.quote), /i_bpf_storage/);
  // The words after Brauner's are the sender's; the file has no From, only the sign-off.
  assert.equal(song.level, 0);
  assert.equal(song.from.name, 'Song');
  assert.equal(song.from.source, 'signature');
  assert.match(song.excerpt, /^Per other discussions in this thread, I am implementing the following:/);
  assert.ok(song.comment.span.start > brauner.comment.span.end);
  // Who wrote the hunk (the message Brauner answered) is not in the file, and says so.
  const block = d.blocks.find((b) => b.anchors.some((a) => a.hunk === key));
  const anchor = block?.anchors.find((a) => a.hunk === key);
  assert.equal(anchor?.depth, 2);
  assert.deepEqual(anchor?.author, { name: '', source: 'unknown' });
  // The refusal is a verdict by Brauner on that hunk (its patch is not in the file).
  const refusal = d.looseVerdicts.find((v) => v.kind === 'refusal');
  assert.equal(refusal?.by.name, 'Christian Brauner');
  assert.equal(refusal?.hunk, key);
  assert.ok(d.claims.some((c) => c.struct === 'inode' && c.bytes === 8 && c.sign === 1));
});

test("seed 001: Song Liu's reply is linked to the inode_addons hunk it answers", async () => {
  const { raw, doc, patches, d } = await load('001_35e5ee02d807fc96.txt');
  const hunk = patches.flatMap((p) => p.hunks).find((h) => h.lines.some((l) => l.kind === '+' && /struct inode_addons \{/.test(l.text)));
  assert.ok(hunk, 'the patch stage finds the inode_addons hunk');
  const entries = d.hunks[hunkKey(hunk)] ?? [];
  const song = entries.find((e) => e.from.name === 'Song Liu');
  assert.ok(song, `entries: ${JSON.stringify(entries.map((e) => e.from.name))}`);
  assert.equal(song.from.source, 'sender');
  assert.equal(song.level, 0);
  assert.match(song.excerpt, /^This works for fsnotify\/fanotify\. However, for tracing use cases/);
  assert.match(textAt(raw, doc, song.comment), /^This works for fsnotify\/fanotify\./);
  const anchor = d.blocks.flatMap((b) => b.anchors).find((a) => a.hunk === hunkKey(hunk));
  assert.equal(anchor?.author?.name, 'Christian Brauner');
});
