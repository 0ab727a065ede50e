// git as the oracle, run at test time: every mbox of the corpus splits into the number of
// messages `git mailsplit` writes, and every message split from the corpus gives the same
// info/msg/patch as `git mailinfo -u`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CORPUS, SKIP_NO_CORPUS } from '../helpers/paths';
import { readDocument } from '../../src/core/mail/index';
import { splitMbox } from '../../src/core/mail/split';
import { mailinfo } from '../../src/core/mail/mailinfo';

const HAVE_GIT = spawnSync('git', ['--version']).status === 0;
const skip = SKIP_NO_CORPUS || (HAVE_GIT ? false : 'git not installed');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

function gitSplit(file: string): { status: number; files: string[]; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpl-split-'));
  const r = spawnSync('git', ['mailsplit', `-o${dir}`, file]);
  return { status: r.status ?? 1, files: readdirSync(dir).sort().map((f) => path.join(dir, f)), dir };
}

/** A format-patch From line inside a multipart body whose closing boundary comes later. */
function fromLinesInsideParts(text: string): number {
  let n = 0;
  const re = /^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(0, m.index);
    const b = /boundary="?([^";\s]+)"?[^]*$/i.exec(before);
    if (b && !before.includes(`--${b[1]}--`) && text.indexOf(`--${b[1]}--`, m.index) > 0) n++;
  }
  return n;
}

const files = SKIP_NO_CORPUS ? [] : walk(CORPUS).filter((f) => readFileSync(f, 'latin1').trimStart().startsWith('From '));

test('every mbox gives the message count git mailsplit gives', { skip }, async () => {
  let compared = 0;
  for (const file of files) {
    const git = gitSplit(file);
    rmSync(git.dir, { recursive: true, force: true });
    const doc = await readDocument(new Uint8Array(readFileSync(file)));
    if (git.status !== 0) {
      // git calls it a corrupt mailbox: not an mbox to us either
      assert.notEqual(doc.kind, 'mbox', file);
      continue;
    }
    compared++;
    // the one intended difference: a patch attachment's own From line is not a new message
    const inside = fromLinesInsideParts(readFileSync(file, 'latin1'));
    assert.equal(doc.messages.length + inside, git.files.length, file);
  }
  console.log(`mailsplit: compared ${compared} mboxes`);
  assert.ok(compared > 100, `compared ${compared} mboxes`);
});

test('git mailinfo -u and ours agree on every message of the corpus mboxes', { skip }, () => {
  let compared = 0;
  const mismatches: string[] = [];
  for (const file of files) {
    const git = gitSplit(file);
    try {
      if (git.status !== 0) continue;
      const ours = splitMbox(readFileSync(file, 'latin1'));
      if (ours.length !== git.files.length) continue; // counted in the test above
      git.files.forEach((f) => {
        const input = readFileSync(f, 'latin1');
        const msgFile = path.join(git.dir, 'msg');
        const patchFile = path.join(git.dir, 'patch');
        const r = spawnSync('git', ['mailinfo', '-u', msgFile, patchFile], { input: Buffer.from(input, 'latin1') });
        if (r.status !== 0) return; // git refuses the mail; nothing to compare
        const mine = mailinfo(input);
        compared++;
        const same = mine.info === r.stdout.toString('latin1') &&
          mine.msg === readFileSync(msgFile, 'latin1') && mine.patch === readFileSync(patchFile, 'latin1');
        if (!same) mismatches.push(`${file} ${path.basename(f)}`);
      });
    } finally {
      rmSync(git.dir, { recursive: true, force: true });
    }
  }
  console.log(`mailinfo: compared ${compared} messages`);
  assert.deepEqual(mismatches, []);
  assert.ok(compared > 300, `compared ${compared} messages`);
});
