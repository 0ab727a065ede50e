import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CORPUS, SKIP_NO_CORPUS } from '../helpers/paths';
import { readDocument } from '../../src/core/mail/index';
import { collectTrailers } from '../../src/core/discussion/trailers';

function haveB4(): boolean {
  try {
    execFileSync('b4', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const SKIP = SKIP_NO_CORPUS || (haveB4() ? false : 'b4 not installed');
const B4DIR = path.join(CORPUS, 'b4');
const samples = SKIP ? [] : readdirSync(B4DIR).filter((f) => /^trailers-.*\.mbox$/.test(f)).sort();

/** Trailer lines of a patch body: the last paragraph above the `---` line. */
function trailerLines(body: string): string[] {
  const top = body.split(/^---$/m)[0].replace(/\s+$/, '');
  const para = top.split(/\n\n/).pop() ?? '';
  return para.split('\n').filter((l) => /^[\w-]+: \S/.test(l));
}

/** Split b4's .mbx output into (Message-Id, body) pairs. */
function b4Patches(mbx: string): { id: string; body: string }[] {
  return mbx
    .split(/^From git@z .*$/m)
    .filter((m) => m.trim())
    .map((m) => {
      const sep = m.indexOf('\n\n');
      const head = m.slice(0, sep);
      const id = /^Message-Id:\s*<([^>]+)>/im.exec(head)?.[1] ?? '';
      return { id, body: m.slice(sep + 2) };
    });
}

/** What b4 adds: lines of the output's trailer block not present in the sent patch's. */
function added(out: string[], orig: string[]): string[] {
  const left = [...orig];
  const res: string[] = [];
  for (const l of out) {
    const i = left.indexOf(l);
    if (i >= 0) left.splice(i, 1);
    else res.push(l);
  }
  return res;
}

/** Run b4 into a temp dir; a failing b4 fails the test with its stderr. */
function runB4(file: string, extra: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpl-b4-'));
  try {
    try {
      execFileSync('b4', ['am', ...extra, '-m', file, '-o', dir], { stdio: 'pipe' });
    } catch (e) {
      const err = e as { status?: number; stderr?: Buffer };
      assert.fail(`b4 exited ${err.status}: ${err.stderr?.toString().slice(-500)}`);
    }
    const mbx = readdirSync(dir).find((f) => f.endsWith('.mbx'));
    assert.ok(mbx, 'b4 wrote an .mbx');
    return readFileSync(path.join(dir, mbx), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const mode of [[], ['-t']]) {
  for (const name of samples.length ? samples : ['(none)']) {
    test(`b4 am ${mode.join(' ')} -m ${name}: follow-up trailers equal b4's`, { skip: SKIP }, async () => {
      const file = path.join(B4DIR, name);
      const raw = readFileSync(file);
      const mbx = runB4(file, mode);
      const doc = await readDocument(raw);
      const ours = collectTrailers(doc, { coverToAll: mode.includes('-t') });
      const written = b4Patches(mbx);
      assert.ok(written.length > 0, 'b4 output holds patches');
      for (const { id, body } of written) {
        const m = doc.messages.find((x) => x.messageId === id);
        assert.ok(m, `patch ${id} is read from the mbox`);
        const sent = m.parts.map((p) => p.text).find((t) => /^diff |^---$/m.test(t)) ?? m.parts[0]?.text ?? '';
        const expected = added(trailerLines(body), trailerLines(sent));
        const got = (ours.get(m.index) ?? []).map((t) => `${t.name}: ${t.value}`);
        assert.deepEqual(got, expected, `${name} ${id}`);
      }
    });
  }
}
