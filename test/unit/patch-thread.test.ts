import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from '../helpers/paths';
import { readDocument } from '../../src/core/mail/index';
import { buildThread } from '../../src/core/thread/index';
import { extractPatches } from '../../src/core/patch/index';

const FILE = path.join(FIXTURES, 'patch', 'thread.mbox');

test('a thread: files of cut quotes inferred from the answered patch at any depth, replies before the patch in the file', async () => {
  const doc = await readDocument(readFileSync(FILE), { name: FILE });
  assert.equal(doc.messages.length, 3);
  for (const mps of [extractPatches(doc, buildThread(doc.messages)), extractPatches(doc)]) {
    assert.deepEqual(mps.map((m) => m.message), [0, 1, 2]);
    const [reply2, patch, reply1] = mps;
    assert.equal(patch.hasPatch, true);
    assert.equal(patch.hunks.length, 1);
    assert.deepEqual(patch.hunks[0].structs, [{ kind: 'struct', name: 'inode', evidence: 'heading', changed: true }]);
    assert.deepEqual(patch.trailers.map((t) => t.name), ['Signed-off-by']);
    assert.equal(patch.diffstat?.insertions, 3);

    assert.equal(reply1.hasPatch, false);
    const q1 = reply1.hunks[0];
    assert.equal(q1.file, 'include/linux/fs.h');
    assert.equal(q1.fileFrom, 'inferred');
    assert.equal(q1.complete, false);
    assert.deepEqual(reply1.trailers.map((t) => t.name), ['NAK']);

    const q2 = reply2.hunks[0];
    assert.equal(q2.depth, 2);
    assert.equal(q2.headerInferred, true);
    assert.equal(q2.file, 'include/linux/fs.h');
    assert.equal(q2.fileFrom, 'inferred');
    assert.deepEqual([q2.oldStart, q2.newStart], [703, 704]);
    assert.deepEqual(q2.lines.map((l) => l.kind + l.text), ['+\tstruct inode_addons\t*i_addons;', '+#endif']);
    assert.deepEqual(q2.structs.map((s) => s.name), ['inode']);
  }
});
