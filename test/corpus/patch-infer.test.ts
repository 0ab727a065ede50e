import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, SKIP_NO_CORPUS } from '../helpers/paths';
import { readDocument } from '../../src/core/mail/index';
import { buildThread } from '../../src/core/thread/index';
import { extractPatches, messagePatches } from '../../src/core/patch/index';
import type { Message } from '../../src/core/mail/types';
import type { MessagePatches } from '../../src/core/patch/types';

/**
 * File inference measured against the quotes that kept their file header: the header
 * lines (`diff --git`, `index`, `---`, `+++`) are cut from the reply and the file has to
 * come back from the patch being answered.
 */
const HEADER = /^(>[> ]*)(diff --git |index [0-9a-f]|--- |\+\+\+ |new file mode|deleted file mode)/;

test('quotes whose file header is cut get the same file back from the answered patch', { skip: SKIP_NO_CORPUS }, async (t) => {
  let tried = 0;
  let same = 0;
  let unknown = 0;
  let wrong = 0;
  const dir = path.join(CORPUS, 'lore-lsm');
  for (const f of readdirSync(dir).sort()) {
    const doc = await readDocument(readFileSync(path.join(dir, f)));
    const thread = buildThread(doc.messages);
    const mps = extractPatches(doc, thread);
    for (const mp of mps) {
      const headed = mp.hunks.filter((h) => h.quoted && h.fileFrom === 'header');
      if (headed.length === 0) continue;
      const sources: MessagePatches[] = [];
      for (let p = thread.parent[mp.message]; p !== undefined && sources.length < 4; p = thread.parent[p]) {
        if (mps[p].hunks.length) sources.push(mps[p]);
      }
      if (sources.length === 0) continue;
      const m = doc.messages[mp.message];
      const cut: Message = { ...m, parts: m.parts.map((p) => ({ ...p, text: p.text.split('\n').map((l) => (HEADER.test(l) ? '' : l)).join('\n') })) };
      const again = messagePatches(cut, doc.kind, sources);
      for (const h of headed) {
        const r = again.hunks.find((x) => x.part === h.part && x.oldStart === h.oldStart && x.newStart === h.newStart && x.lines.length === h.lines.length);
        if (!r) continue;
        tried++;
        if (r.file === h.file) same++;
        else if (r.file === '') unknown++;
        else wrong++;
      }
    }
  }
  t.diagnostic(`quoted hunks with their header cut ${tried}: same file ${same}, unknown ${unknown}, different ${wrong}`);
  assert.ok(tried > 100);
  assert.ok(same >= 0.9 * tried);
  assert.ok(wrong <= 0.02 * tried);
});
