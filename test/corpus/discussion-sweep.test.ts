/**
 * Every file of the corpus goes through linkDiscussion without throwing, and what comes out
 * points inside the text it names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, SKIP_NO_CORPUS } from '../helpers/paths';
import { documentText, readDocument } from '../../src/core/mail/index';
import { buildThread } from '../../src/core/thread/index';
import { extractPatches } from '../../src/core/patch/index';
import { linkDiscussion } from '../../src/core/discussion/link';
import type { MailDocument } from '../../src/core/mail/types';
import type { Located } from '../../src/core/text/span';

function* walk(dir: string): Generator<string> {
  for (const f of readdirSync(dir).sort()) {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (!/MANIFEST|\.json$|\.verify$/.test(f)) yield p;
  }
}

function inBounds(doc: MailDocument, textLen: number, loc: Located): boolean {
  const end = loc.view === 'document' ? textLen : (doc.messages.flatMap((m) => m.parts).find((p) => p.id === loc.part)?.text.length ?? -1);
  return loc.span.start >= 0 && loc.span.start <= loc.span.end && loc.span.end <= end;
}

test('corpus sweep: linkDiscussion reads every file and its positions stay inside their views', { skip: SKIP_NO_CORPUS }, async () => {
  let files = 0;
  let entries = 0;
  const problems: string[] = [];
  for (const f of walk(CORPUS)) {
    const raw = readFileSync(f);
    const doc = await readDocument(raw);
    const len = documentText(raw).text.length;
    const d = linkDiscussion(doc, buildThread(doc.messages), extractPatches(doc, buildThread(doc.messages)));
    files++;
    for (const list of Object.values(d.hunks)) {
      for (const e of list) {
        entries++;
        if (!inBounds(doc, len, e.comment)) problems.push(`${f}: comment out of bounds`);
        if (e.quote && !inBounds(doc, len, e.quote)) problems.push(`${f}: quote out of bounds`);
        if (e.link && !/^https:\/\/lore\.kernel\.org\/r\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]+$/.test(e.link)) problems.push(`${f}: bad link ${e.link}`);
      }
    }
    for (const b of d.blocks) for (const a of b.anchors) if (a.first > a.last || a.first < b.block.start || a.last >= b.block.end) problems.push(`${f}: anchor outside its block`);
  }
  console.log(`${files} files, ${entries} discussion entries`);
  assert.ok(files > 100);
  assert.deepEqual(problems, []);
});
