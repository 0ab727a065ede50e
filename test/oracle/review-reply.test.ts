// Issue 7's "done means" without VS Code: a review session over real LSM series from lore
// (and over a small fixture) is started, stepped, annotated, stored as JSON, restored
// against a re-analysed thread and exported. Each exported reply is then checked by
// oracles: `git mailinfo` must accept it and print the right author and subject (the
// subject compared with what mailinfo prints for the original patch), and our own reader,
// reading the thread with the reply appended, must thread it under the patch answered and
// anchor its quotes to exactly the hunks that carry notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze, type Analysis } from '../../src/core/analyze';
import { pickLikeB4 } from '../../src/core/thread';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { quoteStructure } from '../../src/core/discussion';
import { bodyLines } from '../../src/core/text/body';
import {
  exportReply, impactMarkdown, progress, restore, setNote, setState, startSession, step, type HunkPos, type ReviewSession,
} from '../../src/core/review';
import { CORPUS, FIXTURES, REPO, SKIP_NO_CORPUS } from '../helpers/paths';

const ME = 'Jöhn Rëviewer <john.reviewer@example.org>';
const WHEN = new Date('2026-11-23T20:00:00Z');
const snap = loadSnapshot(readFileSync(path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz')));
const env = { abi: 'x86_64' as const, btf: snap, btfConfig: snap.config };

function mailinfo(eml: string, keep: boolean): { status: number | null; info: Record<string, string>; msg: string; patch: string; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpl-review-'));
  try {
    const r = spawnSync('git', ['mailinfo', ...(keep ? ['-k'] : []), path.join(dir, 'msg'), path.join(dir, 'patch')], { input: eml, encoding: 'utf8' });
    const info: Record<string, string> = {};
    for (const l of r.stdout.split('\n')) { const m = /^(\w+): (.*)$/.exec(l); if (m) info[m[1]] = m[2]; }
    return { status: r.status, info, stderr: r.stderr, msg: readFileSync(path.join(dir, 'msg'), 'utf8'), patch: readFileSync(path.join(dir, 'patch'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Walk every hunk with step(); note struct hunks (with their impact block) and a few others. */
function review(a: Analysis, s0: ReviewSession, notePatches: number): ReviewSession {
  let s = s0;
  const walked: HunkPos[] = [];
  for (let p = step(s, undefined, 'next'); p; p = step(s, p, 'next')) walked.push(p);
  assert.equal(walked.length, progress(s).total, 'step visits every hunk once');
  const noted = new Set<number>();
  for (const pos of walked) {
    const h = s.patches[pos.patch].hunks[pos.hunk];
    if (noted.size >= notePatches && !noted.has(pos.patch)) continue;
    if (h.struct || pos.hunk === 0) {
      const ha = a.hunks.find((x) => x.key === h.key)!;
      const note = h.struct
        ? `This changes *struct ${h.structs[0]}*; the figures:\n\n${impactMarkdown(ha)}\n\nWhy not \`__packed\`? See [the docs](https://docs.kernel.org/process/coding-style.html).`
        : `Nit: the first hunk of this patch\n> looks fine\n\n- one\n- two`;
      s = setNote(s, pos, note);
      s = setState(s, pos, h.struct ? 'concern' : 'skipped');
      noted.add(pos.patch);
    }
  }
  // One more patch, all reviewed and no notes: it gets a trailer-only reply.
  const quiet = s.patches.findIndex((p, i) => !noted.has(i) && p.hunks.length > 0);
  if (quiet >= 0) s.patches[quiet].hunks.forEach((_, hunk) => { s = setState(s, { patch: quiet, hunk }, 'reviewed'); });
  // And one noted patch with every hunk reviewed, for a reply that has notes and a trailer.
  const full = [...noted][0];
  s.patches[full].hunks.forEach((_, hunk) => { s = setState(s, { patch: full, hunk }, 'reviewed'); });
  return s;
}

/** Replies whose noted hunk was anchored to an identical hunk of another file (see below). */
const twins: string[] = [];

async function checkSeries(name: string, bytes: Buffer, notePatches: number): Promise<void> {
  const a = await analyze(bytes, { name, ...env });
  const s0 = startSession(a);
  const b4 = pickLikeB4(a.doc.messages);
  if (b4) assert.deepEqual(s0.patches.map((p) => p.messageId), b4.patches.map((i) => a.doc.messages[i].messageId), 'same patches as b4 would apply');
  const s = review(a, s0, notePatches);

  // Stored, and restored against a fresh analysis of the same file.
  const json = JSON.stringify(s);
  const again = await analyze(bytes, { name, ...env });
  const r = restore(json, again);
  assert.deepEqual(r.lost, []);
  assert.equal(r.added, 0);
  assert.deepEqual(r.session, JSON.parse(json));

  const replies = exportReply(r.session, again, { identity: ME, trailer: 'Reviewed-by', date: WHEN });
  const expectPatches = r.session.patches.filter((p) => p.hunks.some((h) => h.note.trim()) || p.hunks.every((h) => h.state === 'reviewed'));
  assert.deepEqual(replies.map((x) => x.messageId), expectPatches.map((p) => p.messageId));
  assert.ok(replies.some((x) => x.trailer) && replies.some((x) => !x.trailer));

  console.log(`# ${name}: ${replies.length} replies, ${replies.filter((x) => x.trailer).length} with a trailer, ${progress(r.session).noted} noted hunks`);
  for (const reply of replies) {
    const p = r.session.patches.find((x) => x.messageId === reply.messageId)!;
    const orig = again.doc.messages.find((m) => m.messageId === reply.messageId)!;
    const origRaw = again.text.slice(orig.span.start, orig.span.end);
    assert.deepEqual(reply.warnings, []);
    for (const l of reply.eml.split('\n')) assert.ok(new TextEncoder().encode(l).length <= 998, 'RFC 5322 line length');

    // git mailinfo: accepted; author is the identity; subject as mailinfo reads the original.
    for (const keep of [true, false]) {
      const got = mailinfo(reply.eml, keep);
      const want = mailinfo(origRaw, keep);
      assert.equal(got.status, 0, got.stderr);
      assert.equal(got.info.Author, 'Jöhn Rëviewer');
      assert.equal(got.info.Email, 'john.reviewer@example.org');
      assert.equal(got.info.Subject, keep ? `Re: ${want.info.Subject}` : want.info.Subject, `${keep ? '-k' : ''} subject`);
      assert.equal(got.patch, '', 'the quoted hunks are not taken for a patch');
      if (reply.trailer) assert.match(got.msg, /^Reviewed-by: Jöhn Rëviewer <john\.reviewer@example\.org>$/m);
    }

    // Our reader: the original thread plus the reply as one more mbox message.
    const mbox = `${again.text.replace(/\n*$/, '\n\n')}From john.reviewer@example.org Mon Nov 23 20:00:00 2026\n${reply.eml}`;
    const b = await analyze(mbox, { name, ...env });
    const last = b.doc.messages.length - 1;
    assert.equal(b.doc.messages.length, again.doc.messages.length + 1);
    const parent = b.thread.parent[last];
    assert.equal(parent !== undefined && b.doc.messages[parent].messageId, reply.messageId, 'threads under the patch answered');
    const rebound = restore(json, b).session.patches.find((x) => x.messageId === reply.messageId)!;
    const want = new Set(rebound.hunks.filter((h) => h.note.trim()).map((h) => h.key));
    const got = new Set(b.discussion.blocks.filter((bl) => bl.message === last).flatMap((bl) => bl.anchors.map((x) => x.hunk)));
    // A hunk repeated verbatim in another file of the same patch (the kernel's uapi header
    // and its tools/ copy) cannot be told apart by its lines, and linkDiscussion does not
    // read the quoted `diff --git` line: an anchor to such a twin counts as the noted hunk.
    const twin = (k: string): string => {
      const h = rebound.hunks.find((x) => x.key === k);
      if (!h || got.has(k)) return k;
      const t = rebound.hunks.find((x) => x.key !== k && x.header === h.header && x.hash === h.hash && got.has(x.key));
      return t ? t.key : k;
    };
    const wantSeen = new Set([...want].map(twin));
    if (wantSeen.size !== want.size || [...wantSeen].some((k) => !want.has(k))) twins.push(`${name} patch ${p.index}`);
    assert.deepEqual([...got].sort(), [...wantSeen].sort(), `${p.index}: quotes anchor to the noted hunks`);
    for (const key of wantSeen) {
      const entries = b.hunks.find((h) => h.key === key)!.discussion.filter((d) => d.message === last);
      assert.ok(entries.length >= 1, `${key}: the note is discussion of its hunk`);
    }
    const part = b.doc.messages[last].parts[0];
    const qs = quoteStructure(bodyLines(part, b.doc.kind));
    assert.equal(qs.topPosted, false);
    assert.equal(qs.attributions[0]?.attribution.name, orig.from.name, 'attribution names the patch author');
    assert.equal(qs.attributions[0]?.target, 1);
    // The only quoted lines are the hunk quotes: the note's own `>` line adds no depth.
    const quoted = bodyLines(part, b.doc.kind).filter((l) => l.depth > 0);
    // (A reply with a trailer and no notes quotes the commit message instead.)
    if (want.size) for (const l of quoted) assert.match(l.content, /^(diff --git |@@ |[-+ ]|\[\.\.\.\]$|$)/, `quoted line ${JSON.stringify(l.text)}`);
    if (reply.trailer) {
      const v = (b.verdicts[parent!] ?? []).filter((x) => x.message === last);
      assert.deepEqual(v.map((x) => [x.kind, x.by.address]), [['reviewed', 'john.reviewer@example.org']]);
    }
  }
}

test('fixture series: session → JSON → restore → reply accepted by git mailinfo and read back', async () => {
  await checkSeries('series.mbox', readFileSync(path.join(FIXTURES, 'review/series.mbox')), 2);
});

for (const f of ['kpsingh-signed-bpf-programs-qp.mbox', 'snowberg-x509-key-usage-base64.mbox']) {
  test(`lore ${f}: session → JSON → restore → reply accepted by git mailinfo and read back`, { skip: SKIP_NO_CORPUS }, async () => {
    await checkSeries(f, readFileSync(path.join(CORPUS, 'lore-lsm', f)), 3);
    if (twins.length) console.log(`# noted hunks anchored to an identical twin in another file: ${twins.splice(0).join(', ')}`);
  });
}

test('fixture series with non-ASCII authors and subjects: headers encoded so git mailinfo reads them back', async () => {
  const series = readFileSync(path.join(FIXTURES, 'review/series.mbox'), 'utf8')
    .replace(/^From: A U Thor <author@example.org>$/gm, 'From: =?UTF-8?Q?=C3=85ngstr=C3=B6m_Th=C3=B6r?= <author@example.org>')
    .replace('Subject: [PATCH v2 1/2] fs: add i_extra to struct inode', 'Subject: [PATCH v2 1/2] fs: add i_extra =?UTF-8?Q?=E2=80=94_f=C3=BCr_J=C3=BCrgen=E2=80=99s?=\n hooks, to struct inode');
  assert.notEqual(series, readFileSync(path.join(FIXTURES, 'review/series.mbox'), 'utf8'));
  await checkSeries('series-utf8.mbox', Buffer.from(series), 2);
});
