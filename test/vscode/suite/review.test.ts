// Review sessions through the palette commands and the real API: start (version picker),
// step, mark, note (comment thread), storage, restart and reopen, size-impact block, reply,
// and the reply read back by `git mailinfo` and by the core's own thread reader.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { analyze } from '../../../src/core/analyze';
import { api, open, openAnalysed, sleep, until, wsFile } from './helpers';

const FILE = 'lsm-i_security-rcu-free.mbox';
const V2 = '20241218211615.506095-1-song@kernel.org';

interface Started { key: string; version: number; patches: number; hunks: number; current?: { patch: number; hunk: number } }

suite('review sessions', () => {
  test('Start Review Session offers the versions, newest first, and reveals the first hunk', async () => {
    const { editor } = await openAnalysed(FILE);
    const started = vscode.commands.executeCommand<Started>('kernelPatchLens.review.start');
    await sleep(600);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const r = await started;
    assert.ok(r, 'no session started');
    assert.equal(r.version, 2);
    assert.equal(r.key, V2);
    assert.ok(r.hunks >= 3, JSON.stringify(r));
    assert.deepEqual(r.current, { patch: 0, hunk: 0 });
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), editor.document.uri.toString());
    assert.match(active.document.lineAt(active.selection.active.line).text, /^@@ -306,7 \+306,10 @@/);
    const a = await api();
    assert.match(a.review.statusText(), /Review 1\/\d+ · 0 concerns/);
  });

  test('step, mark, note; the session is stored, survives a restart and a reopen; reply exported', async () => {
    const { editor } = await openAnalysed(FILE);
    const a = await api();
    const uri = editor.document.uri;
    assert.ok(a.review.session(uri), 'session not bound to the thread');

    assert.deepEqual(await vscode.commands.executeCommand('kernelPatchLens.review.next'), { patch: 0, hunk: 1 });
    let line = vscode.window.activeTextEditor!.selection.active.line;
    assert.match(editor.document.lineAt(line).text, /^@@ -1068,6 \+1068,7 @@/);
    assert.equal(await vscode.commands.executeCommand('kernelPatchLens.review.markConcern'), 'concern');
    assert.equal(await vscode.commands.executeCommand('kernelPatchLens.review.setNote', 'Why is **this** needed?\n\n- btrfs only\n- see `inode.c`'), 'Why is **this** needed?\n\n- btrfs only\n- see `inode.c`');
    assert.match(a.review.statusText(), /Review 2\/\d+ · 1 concern$/);

    assert.deepEqual(await vscode.commands.executeCommand('kernelPatchLens.review.previous'), { patch: 0, hunk: 0 });
    line = vscode.window.activeTextEditor!.selection.active.line;
    assert.match(editor.document.lineAt(line).text, /^@@ -306,7 \+306,10 @@/);
    await vscode.commands.executeCommand('kernelPatchLens.review.markReviewed');

    // The note is a comment thread on the hunk's first line, its body the Markdown as written.
    const threads = await until('note thread', () => a.review.noteThreads().find((t) => t.notes.some((n) => n.includes('Why is **this** needed?'))));
    assert.equal(threads.uri, uri.toString());
    assert.match(editor.document.lineAt(threads.line).text, /^@@ -1068,6 \+1068,7 @@/);

    const check = (s = a.review.session(uri)) => {
      assert.ok(s, 'no session');
      assert.equal(s.version, 2);
      assert.equal(s.patches[0].hunks[0].state, 'reviewed');
      assert.equal(s.patches[0].hunks[1].state, 'concern');
      assert.match(s.patches[0].hunks[1].note, /Why is \*\*this\*\* needed/);
      assert.deepEqual(s.current, { patch: 0, hunk: 0 });
    };
    check();
    const stored = a.review.stored().find((s) => s.key === V2);
    check(stored);

    // A restart of the session store: everything comes back from storage.
    a.review.restart();
    await until('session restored after restart', () => a.review.session(uri));
    check();
    assert.match(a.review.statusText(), /Review 1\/\d+ · 1 concern$/);

    // Close and reopen the thread: the session is bound again when it is analysed again.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await openAnalysed(FILE);
    await until('session restored on reopen', () => a.review.session(uri));
    check();

    // Size impact into the note of the current hunk: a fenced block.
    await vscode.commands.executeCommand('kernelPatchLens.review.next');
    const note = await vscode.commands.executeCommand<string>('kernelPatchLens.review.insertImpact');
    assert.match(note, /Why is \*\*this\*\* needed\?[\s\S]*\n```+\n/);

    const replies = await vscode.commands.executeCommand<{ uri: string; fileName: string; subject: string }[]>('kernelPatchLens.review.exportReply');
    assert.equal(replies?.length, 1, JSON.stringify(replies));
    assert.match(replies[0].fileName, /\.eml$/);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === replies[0].uri);
    assert.ok(doc, 'reply not opened');
    assert.equal(doc.languageId, 'kernel-patch-thread');
    const text = doc.getText();
    assert.match(text, new RegExp(`^In-Reply-To: <${V2.replace(/\./g, '\\.')}>$`, 'm'));
    assert.match(text, /^Subject: Re: \[RFC v2\] lsm: fs: Use inode_free_callback/m);
    assert.match(text, /^> [-+ ].*$/m);
    assert.match(text, /^Why is \*?this\*? needed\?$/m);
    assert.match(text, /btrfs only/);
    assert.doesNotMatch(text, /\*\*this\*\*/);

    // git mailinfo takes the exported file as a mail: a reply, not a patch.
    const mi = spawnSync('git', ['mailinfo', '-k', '/dev/null', '/dev/null'], { input: text, encoding: 'utf8' });
    assert.equal(mi.status, 0, mi.stderr);
    assert.match(mi.stdout, /^Subject: Re: \[RFC v2\] lsm: fs: Use inode_free_callback/m);
    // The thread with the reply appended, read by the core: the reply threads under v2 and
    // its quote anchors to the noted hunk, found again here by its own header.
    const thread = readFileSync(wsFile(FILE).fsPath, 'utf8');
    const b = await analyze(`${thread.replace(/\n*$/, '\n\n')}From reviewer Mon Dec  7 02:00:00 2026\n${text}`, { name: FILE, abi: 'x86_64' });
    const last = b.doc.messages.length - 1;
    const parent = b.thread.parent[last];
    assert.equal(parent !== undefined ? b.doc.messages[parent].messageId : undefined, V2, 'the reply threads under the patch it answers');
    const anchored = b.discussion.blocks.filter((bl) => bl.message === last).flatMap((bl) => bl.anchors.map((x) => x.hunk));
    assert.equal(anchored.length, 1, JSON.stringify(anchored));
    const h = b.hunks.find((x) => x.key === anchored[0])!;
    assert.equal(h.hunk.message, parent, 'anchored to a hunk of v2 itself');
    assert.deepEqual([h.hunk.oldStart, h.hunk.oldLines, h.hunk.newStart, h.hunk.newLines], [1068, 6, 1068, 7]);
    assert.ok(h.discussion.some((d) => d.message === last && /Why is \*?this\*? needed/.test(d.excerpt)), 'the note is discussion of its hunk');
    for (const d of vscode.workspace.textDocuments.filter((x) => x.isUntitled)) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    // End Review Session forgets it in storage too (the profile is shared with later suites).
    await open(FILE);
    await vscode.commands.executeCommand('kernelPatchLens.review.end');
    assert.equal(a.review.session(uri), undefined);
    assert.equal(a.review.stored().find((s) => s.key === V2), undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('notes through the comments API: reply, edit, delete update the session', async () => {
    const { editor } = await openAnalysed(FILE);
    const a = await api();
    const uri = editor.document.uri;
    await vscode.commands.executeCommand('kernelPatchLens.review.start', 2);
    const pos = a.review.session(uri)!.current!;
    // The current hunk has an (empty) thread to write into.
    const thread = await until('thread on the current hunk', () => a.review.liveThreads().find((t) => t.uri.toString() === uri.toString() && t.comments.length === 0));
    assert.match(editor.document.lineAt(thread.range!.start.line).text, /^@@ /);
    await vscode.commands.executeCommand('kernelPatchLens.review.saveNote', { thread, text: 'First *thought*' });
    const note = () => a.review.session(uri)!.patches[pos.patch].hunks[pos.hunk].note;
    assert.equal(note(), 'First *thought*');
    const withNote = await until('thread with the note', () => a.review.liveThreads().find((t) => t.comments.length === 1));
    const comment = withNote.comments[0];
    const body = comment.body as vscode.MarkdownString;
    assert.equal(body.value, 'First *thought*');
    assert.ok(!body.isTrusted, 'note Markdown must not be trusted');
    await vscode.commands.executeCommand('kernelPatchLens.review.editNote', comment);
    assert.equal(comment.mode, vscode.CommentMode.Editing);
    (comment as { body: string | vscode.MarkdownString }).body = 'Second thought';
    await vscode.commands.executeCommand('kernelPatchLens.review.saveEditedNote', comment);
    assert.equal(note(), 'Second thought');
    assert.equal(a.review.stored().find((s) => s.key === V2)?.patches[pos.patch].hunks[pos.hunk].note, 'Second thought');
    const again = await until('edited thread', () => a.review.liveThreads().find((t) => t.comments.length === 1));
    await vscode.commands.executeCommand('kernelPatchLens.review.deleteNote', again.comments[0]);
    assert.equal(note(), '');
    await vscode.commands.executeCommand('kernelPatchLens.review.end');
    assert.equal(a.review.stored().find((s) => s.key === V2), undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('commands without a session say so instead of failing', async () => {
    await open('inode-bpf-storage.patch');
    assert.equal(await vscode.commands.executeCommand('kernelPatchLens.review.next'), undefined);
    assert.equal(await vscode.commands.executeCommand('kernelPatchLens.review.markReviewed'), undefined);
  });
});
