// The patches we pick for the newest version equal what `b4 am -m FILE` picks, read from
// b4's own output mbox at test time (Message-IDs in order).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CORPUS, SKIP_NO_CORPUS } from '../helpers/paths';
import { readDocument } from '../../src/core/mail/index';
import { buildThread, newestSeries, pickLikeB4 } from '../../src/core/thread/index';

const HAVE_B4 = spawnSync('b4', ['--version']).status === 0;
const skip = SKIP_NO_CORPUS || (HAVE_B4 ? false : 'b4 not installed');

function b4Pick(file: string): { ids: string[]; cover?: string; partialReroll: boolean } | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpl-b4-'));
  try {
    const r = spawnSync('b4', ['-n', '--offline-mode', 'am', '-m', file, '-o', dir], { encoding: 'utf8', timeout: 120_000 });
    const files = readdirSync(dir);
    const mbx = files.find((f) => f.endsWith('.mbx'));
    if (r.status !== 0 || !mbx) return undefined;
    // each message's own Message-ID header (a body may quote one as a trailer)
    const ids = readFileSync(path.join(dir, mbx), 'utf8').split(/^From .*\n/m).filter((c) => c.trim())
      .map((c) => /^Message-I[dD]:\s*<([^>]+)>/im.exec(c.split(/\n\n/, 1)[0])?.[1] ?? '?');
    const coverFile = files.find((f) => f.endsWith('.cover'));
    const cover = coverFile ? /^Message-I[dD]:\s*<([^>]+)>/im.exec(readFileSync(path.join(dir, coverFile), 'utf8'))?.[1] : undefined;
    return { ids, cover, partialReroll: /Partial reroll detected/.test(r.stdout + r.stderr) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const files = SKIP_NO_CORPUS ? [] : [
  ...readdirSync(path.join(CORPUS, 'b4')).filter((f) => f.endsWith('.mbox')).map((f) => path.join(CORPUS, 'b4', f)),
  ...readdirSync(path.join(CORPUS, 'lore-lsm')).filter((f) => f.endsWith('.mbox')).map((f) => path.join(CORPUS, 'lore-lsm', f)),
];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]).sort();
}

// Every other mbox of the corpus: where b4 writes a series, we pick the same patches.
// (b4 writes nothing for some: it crashes on a few patchwork samples, or refuses
// incomplete series; those have no answer to compare with.)
test('b4 am over every other mbox of the corpus', { skip }, async () => {
  let compared = 0;
  const mismatches: string[] = [];
  for (const file of walk(CORPUS)) {
    if (files.includes(file)) continue;
    const doc = await readDocument(new Uint8Array(readFileSync(file)));
    if (doc.kind !== 'mbox') continue;
    const expected = b4Pick(file);
    if (!expected) continue;
    compared++;
    const ours = pickLikeB4(doc.messages);
    const ids = ours?.patches.map((i) => doc.messages[i].messageId);
    if (JSON.stringify(ids) !== JSON.stringify(expected.ids)) mismatches.push(`${file}: ${JSON.stringify(ids)} vs ${JSON.stringify(expected.ids)}`);
  }
  console.log(`b4: compared ${compared} more mboxes`);
  assert.deepEqual(mismatches, []);
  assert.ok(compared >= 20, `compared ${compared}`);
});

for (const file of files) {
  test(`b4 am picks the same patches: ${path.basename(path.dirname(file))}/${path.basename(file)}`, { skip }, async () => {
    assert.ok(existsSync(file));
    const expected = b4Pick(file);
    const doc = await readDocument(new Uint8Array(readFileSync(file)));
    const ours = pickLikeB4(doc.messages);
    if (!expected) {
      assert.equal(ours, undefined, 'b4 found no series');
      return;
    }
    assert.ok(ours, 'we found no series');
    const ids = ours.patches.map((i) => doc.messages[i].messageId);
    assert.deepEqual(ids, expected.ids);
    assert.equal(ours.cover !== undefined ? doc.messages[ours.cover].messageId : undefined, expected.cover);
    // the thread's own series view agrees too, except where b4 stitched a partial reroll
    if (!expected.partialReroll) {
      const picks = newestSeries(buildThread(doc.messages).series).map((p) => p.patches.map((i) => doc.messages[i].messageId));
      assert.ok(picks.some((ids) => JSON.stringify(ids) === JSON.stringify(expected.ids)), `newestSeries ${JSON.stringify(picks)}`);
    }
  });
}
