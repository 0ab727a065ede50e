import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CORPUS, SKIP_NO_CORPUS } from '../helpers/paths';
import { documentText, readDocument } from '../../src/core/mail/index';
import { buildThread } from '../../src/core/thread/index';
import { extractPatches } from '../../src/core/patch/index';
import type { MailDocument } from '../../src/core/mail/types';
import type { Hunk, MessagePatches } from '../../src/core/patch/types';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (!e.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

async function read(file: string): Promise<{ doc: MailDocument; mps: MessagePatches[] }> {
  const doc = await readDocument(readFileSync(file), { name: file });
  return { doc, mps: extractPatches(doc, buildThread(doc.messages)) };
}

function counted(h: Hunk): [number, number] {
  let o = 0;
  let n = 0;
  for (const l of h.lines) {
    if (l.kind !== '+') o++;
    if (l.kind !== '-') n++;
  }
  return [o, n];
}

test('every corpus file is read to patches without an exception', { skip: SKIP_NO_CORPUS }, async (t) => {
  let documents = 0;
  let messages = 0;
  let hunks = 0;
  for (const f of files(CORPUS)) {
    let doc: MailDocument;
    try {
      doc = await readDocument(readFileSync(f), { name: f });
    } catch {
      continue; // the mail stage's own tests cover its failures; this one is about patches
    }
    const mps = extractPatches(doc, buildThread(doc.messages));
    assert.equal(mps.length, doc.messages.length, f);
    documents++;
    messages += mps.length;
    hunks += mps.reduce((s, m) => s + m.hunks.length, 0);
  }
  t.diagnostic(`documents ${documents}, messages ${messages}, hunks ${hunks}`);
  assert.ok(documents > 100, `documents read: ${documents}`);
  assert.ok(hunks > 500, `hunks: ${hunks} in ${messages} messages`);
});

test('lore-lsm: complete hunks agree with their @@ counts; hunks of patch mails are complete', { skip: SKIP_NO_CORPUS }, async (t) => {
  let checked = 0;
  let quotedIncomplete = 0;
  for (const f of files(path.join(CORPUS, 'lore-lsm'))) {
    const { mps } = await read(f);
    for (const mp of mps) {
      for (const h of mp.hunks) {
        const [o, n] = counted(h);
        if (h.complete) {
          assert.deepEqual([o, n], [h.oldLines, h.newLines], `${f} #${mp.message} ${h.file} @@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines}`);
          checked++;
        } else if (h.quoted || mp.subject.reply || !mp.subject.isPatch) {
          // A reply may paste a trimmed snippet of a diff unquoted; only patch mails must be whole.
          quotedIncomplete++;
          assert.ok(o <= h.oldLines || h.headerInferred || h.elided, `${f} #${mp.message} quoted hunk over its counts`);
        } else {
          assert.fail(`${f} #${mp.message}: patch hunk ${h.file} @@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} incomplete (${o}/${n})`);
        }
      }
    }
  }
  t.diagnostic(`complete hunks checked ${checked}, quoted/reply incomplete ${quotedIncomplete}`);
  assert.ok(checked > 300, `complete hunks checked: ${checked} (quoted incomplete: ${quotedIncomplete})`);
});

test('every corpus patch: per-file +/- counts equal git apply --numstat', { skip: SKIP_NO_CORPUS }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpl-numstat-'));
  let compared = 0;
  let unreadable = 0;
  try {
    for (const f of files(CORPUS)) {
      let doc: MailDocument;
      let mps: MessagePatches[];
      try {
        ({ doc, mps } = await read(f));
      } catch {
        continue;
      }
      for (const mp of mps) {
        const msg = doc.messages[mp.message];
        for (const part of msg.parts) {
          const own = mp.hunks.filter((h) => h.part === part.id && !h.quoted);
          if (own.length === 0) continue;
          const file = path.join(dir, 'p.patch');
          writeFileSync(file, part.text);
          let out: string;
          try {
            out = execFileSync('git', ['apply', '--numstat', file], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
          } catch {
            unreadable++; // git refuses the whole patch (e.g. a corrupt hunk); nothing to compare against
            continue;
          }
          const expected = new Map<string, [number, number]>();
          for (const row of out.trim().split('\n').filter(Boolean)) {
            const [a, d, p] = row.split('\t');
            if (a === '-') continue; // binary
            const prev = expected.get(p) ?? [0, 0];
            expected.set(p, [prev[0] + Number(a), prev[1] + Number(d)]);
          }
          const ours = new Map<string, [number, number]>();
          for (const h of own) {
            const prev = ours.get(h.file) ?? [0, 0];
            ours.set(h.file, [prev[0] + h.lines.filter((l) => l.kind === '+').length, prev[1] + h.lines.filter((l) => l.kind === '-').length]);
          }
          for (const [p, v] of [...ours].filter(([, v]) => v[0] + v[1] === 0)) ours.delete(p);
          assert.deepEqual(Object.fromEntries(ours), Object.fromEntries(expected), `${f} message ${mp.message} part ${part.id}`);
          compared++;
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.diagnostic(`patch parts compared with git apply --numstat ${compared}, refused by git ${unreadable}`);
  assert.ok(compared > 50, `patches compared: ${compared}, refused by git: ${unreadable}`);
});

test('every corpus hunk line, diffstat and trailer stands in the document at its offset', { skip: SKIP_NO_CORPUS }, async (t) => {
  let lines = 0;
  let decoded = 0;
  for (const f of files(CORPUS)) {
    const bytes = readFileSync(f);
    let doc: MailDocument;
    try {
      doc = await readDocument(bytes, { name: f });
    } catch {
      continue;
    }
    const { text } = documentText(bytes);
    const mps = extractPatches(doc, buildThread(doc.messages));
    for (const mp of mps) {
      const parts = new Map(doc.messages[mp.message].parts.map((p) => [p.id, p]));
      const view = (id: string): string | undefined => {
        const p = parts.get(id);
        return p && p.view === 'document' ? text : undefined;
      };
      for (const h of mp.hunks) {
        const v = view(h.part);
        if (!v) { decoded += h.lines.length; continue; }
        for (const l of h.lines) {
          const at = v.slice(l.offset, l.offset + 1 + l.text.length);
          // CRs the mail reader dropped inside a line are the one allowed difference.
          const ok = at === l.kind + l.text || v.slice(l.offset, l.offset + l.text.length) === l.text
            || v.slice(l.offset, l.offset + 2 + l.text.length).replace(/\r/g, '') === l.kind + l.text;
          assert.ok(ok, `${f} #${mp.message} ${h.file}: ${JSON.stringify(l.kind + l.text)} not at ${l.offset}: ${JSON.stringify(at)}`);
          lines++;
        }
      }
      for (const tr of mp.trailers) {
        const v = view(tr.part);
        if (v) assert.ok(v.startsWith(tr.name, tr.offset), `${f} #${mp.message} trailer ${tr.name} at ${tr.offset}`);
      }
    }
  }
  t.diagnostic(`diff lines checked at their document offsets ${lines}; lines in decoded views ${decoded}`);
  assert.ok(lines > 10_000);
});
