// Every LSM thread of the corpus: a note on every other hunk of the newest series, the
// replies appended to the thread, read back by our reader in one pass. Every reply must
// thread under its patch; nearly every noted hunk must be anchored by the reply's quote.
// The misses are printed: they come from linkDiscussion (identical hunks in two files,
// blank-line-only changes, quotes matched to a quoted copy in another reply), not from
// the quoting, and the floor keeps the rate from sliding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../src/core/analyze';
import { exportReply, restore, setNote, startSession } from '../../src/core/review';
import { CORPUS, SKIP_NO_CORPUS } from '../helpers/paths';

const LORE = path.join(CORPUS, 'lore-lsm');
const files = SKIP_NO_CORPUS ? [] : readdirSync(LORE).filter((f) => f.endsWith('.mbox')).sort();

test('replies to every other hunk of each LSM series thread and anchor', { skip: SKIP_NO_CORPUS }, async () => {
  let noted = 0, anchored = 0;
  const misses: string[] = [];
  for (const f of files) {
    const a = await analyze(readFileSync(path.join(LORE, f)), { name: f, abi: 'x86_64' });
    let s = startSession(a);
    s.patches.forEach((p, pi) => p.hunks.forEach((_, hi) => { if (hi % 2 === 0) s = setNote(s, { patch: pi, hunk: hi }, `note ${pi}.${hi}`); }));
    const replies = exportReply(s, a, { identity: 'R Eviewer <r@example.org>', date: new Date('2026-11-23T20:00:00Z') });
    assert.equal(replies.length, s.patches.filter((p) => p.hunks.length).length);
    const mbox = a.text.replace(/\n*$/, '\n\n') + replies.map((r) => `From r@example.org Mon Nov 23 20:00:00 2026\n${r.eml}\n`).join('');
    const b = await analyze(mbox, { name: f, abi: 'x86_64' });
    assert.equal(b.doc.messages.length, a.doc.messages.length + replies.length);
    const rebound = restore(JSON.stringify(s), b);
    assert.deepEqual(rebound.lost, []);
    replies.forEach((r, i) => {
      const at = a.doc.messages.length + i;
      const parent = b.thread.parent[at];
      assert.equal(parent !== undefined ? b.doc.messages[parent].messageId : undefined, r.messageId, `${f}: reply ${i} threads under its patch`);
      const got = new Set(b.discussion.blocks.filter((x) => x.message === at).flatMap((x) => x.anchors.map((y) => y.hunk)));
      const p = rebound.session.patches.find((x) => x.messageId === r.messageId)!;
      for (const h of p.hunks.filter((x) => x.note)) {
        noted++;
        if (got.has(h.key)) anchored++;
        else misses.push(`${f} ${p.index}/${h.file} ${h.header.slice(0, 24)}`);
      }
      // No anchor lands on a hunk the reply does not answer: each names a noted hunk, or a
      // twin or quoted copy of one (same @@ ranges).
      const ranges = new Set(p.hunks.filter((h) => h.note).map((h) => /^@@ -(\d+)(?:,\d+)? \+(\d+)/.exec(h.header)!.slice(1).join(',')));
      for (const k of got) {
        const x = b.hunks.find((y) => y.key === k)!;
        assert.ok(ranges.has(`${x.hunk.oldStart},${x.hunk.newStart}`), `${f}: reply ${i} anchored to ${x.hunk.file} -${x.hunk.oldStart} +${x.hunk.newStart}`);
      }
    });
  }
  console.log(`# ${anchored}/${noted} noted hunks anchored; missed: ${misses.join('; ')}`);
  assert.ok(noted > 400, `${noted} noted hunks`);
  assert.ok(anchored / noted >= 0.97, `${anchored}/${noted} anchored`);
});
