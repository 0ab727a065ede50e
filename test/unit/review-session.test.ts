// Review sessions over a small hand-written thread (v1 of one patch; v2 with a cover
// letter and two patches): version choice, hunk order, stepping, progress, JSON round
// trip and re-binding to a re-analysed (and to a changed) thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../src/core/analyze';
import {
  hunkAnalysisAt, sessionIds, sessionMatches, parseSession, progress, restore, seriesVersions, setNote, setState, startSession, step, REVIEW_SCHEMA,
} from '../../src/core/review';
import { ownHunks } from '../../src/core/review/start';
import { FIXTURES } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'review');
const SERIES = readFileSync(path.join(DIR, 'series.mbox'), 'utf8');
const REPLY = readFileSync(path.join(DIR, 'reply-extra.mbox'), 'utf8');

test('the newest version is chosen by default, an older one on request', async () => {
  const a = await analyze(SERIES, { abi: 'x86_64' });
  assert.deepEqual(seriesVersions(a).map((v) => [v.version, v.patches, v.cover]), [[1, 1, false], [2, 2, true]]);
  const s = startSession(a);
  assert.equal(s.schema, REVIEW_SCHEMA);
  assert.equal(s.version, 2);
  assert.equal(s.key, 'v2-0@example.org');
  assert.equal(s.cover, 'v2-0@example.org');
  assert.deepEqual(s.patches.map((p) => [p.index, p.messageId]), [[1, 'v2-1@example.org'], [2, 'v2-2@example.org']]);
  const v1 = startSession(a, 1);
  assert.deepEqual(v1.patches.map((p) => p.messageId), ['v1-1@example.org']);
  assert.equal(v1.key, 'v1-1@example.org');
  assert.throws(() => startSession(a, 3), /no version 3/);
});

test('hunks are listed in patch order with their keys, @@ lines and struct flags', async () => {
  const a = await analyze(SERIES, { abi: 'x86_64' });
  const s = startSession(a);
  const byId = new Map(a.doc.messages.map((m) => [m.messageId, m.index]));
  for (const p of s.patches) {
    const own = ownHunks(a, byId.get(p.messageId)!);
    assert.deepEqual(p.hunks.map((h) => h.key), own.map((h) => h.key));
    assert.deepEqual(p.hunks.map((h) => h.struct), own.map((h) => h.impact.structs.length + h.impact.newStructs.length > 0));
    for (const [i, h] of p.hunks.entries()) {
      // The @@ line is the document's own line at the hunk's first line.
      assert.equal(a.text.split('\n')[h.line - 1], h.header);
      assert.equal(h.file, own[i].hunk.file);
    }
  }
  assert.deepEqual(s.patches.map((p) => p.hunks.map((h) => h.struct)), [[true, true], [false]]);
  assert.deepEqual(s.patches[0].hunks.map((h) => h.structs), [['inode'], ['inode']]);
  assert.ok(s.patches[0].hunks[0].impact?.includes('struct inode'));
});

test('step walks across patches both ways, with filters', async () => {
  const s0 = startSession(await analyze(SERIES, { abi: 'x86_64' }));
  assert.deepEqual(s0.current, { patch: 0, hunk: 0 });
  const seen = [];
  for (let p = step(s0, undefined, 'next'); p; p = step(s0, p, 'next')) seen.push(p);
  assert.deepEqual(seen, [{ patch: 0, hunk: 0 }, { patch: 0, hunk: 1 }, { patch: 1, hunk: 0 }]);
  assert.deepEqual(step(s0, { patch: 1, hunk: 0 }, 'previous'), { patch: 0, hunk: 1 });
  assert.deepEqual(step(s0, undefined, 'previous'), { patch: 1, hunk: 0 });
  assert.equal(step(s0, { patch: 0, hunk: 0 }, 'previous'), undefined);
  assert.equal(step(s0, { patch: 0, hunk: 1 }, 'next', { structOnly: true }), undefined);
  const s1 = setState(s0, { patch: 0, hunk: 1 }, 'reviewed');
  assert.deepEqual(step(s1, { patch: 0, hunk: 0 }, 'next', { states: ['unreviewed'] }), { patch: 1, hunk: 0 });
  assert.throws(() => step(s0, { patch: 5, hunk: 0 }, 'next'), /no hunk/);
});

test('states and notes change a copy; progress counts them', async () => {
  const s0 = startSession(await analyze(SERIES, { abi: 'x86_64' }));
  let s = setState(s0, { patch: 0, hunk: 0 }, 'reviewed');
  s = setState(s, { patch: 0, hunk: 1 }, 'concern');
  s = setNote(s, { patch: 0, hunk: 1 }, 'Why *not* in the hole?');
  s = setState(s, { patch: 1, hunk: 0 }, 'skipped');
  assert.equal(s0.patches[0].hunks[0].state, 'unreviewed', 'the original session is unchanged');
  const p = progress(s);
  assert.deepEqual([p.total, p.unreviewed, p.reviewed, p.concern, p.skipped, p.noted, p.fraction], [3, 0, 1, 1, 1, 1, 1]);
  assert.deepEqual([p.struct.total, p.struct.reviewed, p.struct.concern], [2, 1, 1]);
  assert.deepEqual(p.patches.map((x) => x.allReviewed), [false, false]);
  const p0 = progress(s0);
  assert.deepEqual([p0.unreviewed, p0.fraction], [3, 0]);
  assert.throws(() => setState(s, { patch: 0, hunk: 0 }, 'bogus' as never), /unknown hunk state/);
});

test('a stored session re-binds to a re-analysed thread whose offsets moved', async () => {
  const a = await analyze(SERIES, { abi: 'x86_64' });
  let s = startSession(a);
  s = setState(s, { patch: 0, hunk: 1 }, 'concern');
  s = setNote(s, { patch: 0, hunk: 1 }, 'note on the second hunk');
  s = { ...s, current: { patch: 0, hunk: 1 } };
  const json = JSON.stringify(s);
  // The refetched thread has a reply in front: every offset after it moves.
  const b = await analyze(REPLY + SERIES, { abi: 'x86_64' });
  const r = restore(json, b);
  assert.deepEqual(r.lost, []);
  assert.equal(r.added, 0);
  const h = r.session.patches[0].hunks[1];
  assert.equal(h.state, 'concern');
  assert.equal(h.note, 'note on the second hunk');
  assert.notEqual(h.key, s.patches[0].hunks[1].key, 'the key follows the new offsets');
  assert.ok(b.hunks.some((x) => x.key === h.key && !x.hunk.quoted), 'the new key names a hunk of the new analysis');
  assert.deepEqual(r.session.current, { patch: 0, hunk: 1 });
  // Restoring onto the very same analysis is the identity.
  assert.deepEqual(restore(json, a).session, JSON.parse(json));
});

test('hunks that no longer match and patches no longer there are reported, notes kept', async () => {
  const a = await analyze(SERIES, { abi: 'x86_64' });
  let s = startSession(a);
  s = setNote(s, { patch: 0, hunk: 1 }, 'about i_extra_flags');
  s = setState(s, { patch: 0, hunk: 0 }, 'reviewed');
  s = setNote(s, { patch: 1, hunk: 0 }, 'init');
  const changed = SERIES.replace('+\tunsigned long\t\ti_extra_flags;', '+\tunsigned int\t\ti_extra_flags;');
  assert.notEqual(changed, SERIES);
  const r = restore(JSON.stringify(s), await analyze(changed, { abi: 'x86_64' }));
  assert.deepEqual(r.lost.map((l) => [l.messageId, l.reason, l.hunk.note]), [['v2-1@example.org', 'hunk-changed', 'about i_extra_flags']]);
  assert.equal(r.added, 1);
  assert.equal(r.session.patches[0].hunks[0].state, 'reviewed');
  assert.equal(r.session.patches[0].hunks[1].note, '');
  const gone = SERIES.replace('<v2-2@example.org>', '<other@example.org>');
  const r2 = restore(JSON.stringify(s), await analyze(gone, { abi: 'x86_64' }));
  assert.deepEqual(r2.lost.map((l) => [l.messageId, l.reason]), [['v2-2@example.org', 'patch-missing']]);
  assert.equal(r2.session.patches.length, 1);
});

test('damaged stored sessions are refused with one clear line', () => {
  assert.throws(() => parseSession('{'), /not JSON/);
  assert.throws(() => parseSession({ schema: 'kernel-patch-lens.review@2' }), /schema/);
  const s = { schema: REVIEW_SCHEMA, key: 'k', title: 't', version: 1, patches: [{ messageId: 'm', index: 1, subject: 's', from: 'f', hunks: [{ file: 'f', header: '@@', hash: 'h', key: 'k', line: 1, struct: false, structs: [], state: 'done', note: '' }] }] };
  assert.throws(() => parseSession(s), /patches\[0\]\.hunks\[0\]\.state "done" is not a hunk state/);
});

test('a session finds its thread by Message-ID and its hunks by identity', async () => {
  const a = await analyze(SERIES, { abi: 'x86_64' });
  const s = startSession(a);
  assert.deepEqual(sessionIds(s), ['v2-0@example.org', 'v2-1@example.org', 'v2-2@example.org']);
  assert.equal(sessionMatches(s, a), true);
  assert.equal(sessionMatches(s, await analyze(REPLY, { abi: 'x86_64' })), false, 'the reply alone names no series message');
  // Against a shifted analysis the stored key is stale; the hunk is still found by identity.
  const b = await analyze(REPLY + SERIES, { abi: 'x86_64' });
  const h = hunkAnalysisAt(s, { patch: 0, hunk: 1 }, b)!;
  assert.equal(h.hunk.message, b.doc.messages.findIndex((m) => m.messageId === 'v2-1@example.org'));
  assert.equal(h.hunk.newStart, 661);
  assert.notEqual(h.key, s.patches[0].hunks[1].key);
  assert.equal(hunkAnalysisAt(s, { patch: 9, hunk: 0 }, b), undefined);
});
