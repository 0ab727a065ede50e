// The palette commands through executeCommand, as a user (or a keybinding) runs them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { open, openAnalysed, setting, sleep, until } from './helpers';

suite('commands', () => {
  test('Next / Previous Struct Hunk move between struct hunks only', async () => {
    const { editor } = await openAnalysed('inode-bpf-storage.patch');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const idx = await vscode.commands.executeCommand<number>('kernelPatchLens.nextStructHunk');
    assert.notEqual(idx, undefined, 'no next struct hunk');
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /^@@ -648,6 \+649,9 @@ struct inode/);
    const end = editor.document.lineCount - 1;
    editor.selection = new vscode.Selection(end, 0, end, 0);
    await vscode.commands.executeCommand('kernelPatchLens.previousStructHunk');
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /^@@ -648/);
  });
  test('Show Discussion for Hunk lists the reviewers\' comments', async () => {
    const { editor } = await openAnalysed('seed-000.txt', true);
    const i = editor.document.getText().indexOf('i_bpf_storage;');
    editor.selection = new vscode.Selection(editor.document.positionAt(i), editor.document.positionAt(i));
    const items = await vscode.commands.executeCommand<{ label: string; detail: string }[]>('kernelPatchLens.showDiscussion');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(items?.some((x) => /Brauner/.test(x.label)), JSON.stringify(items));
  });
  test('Size Impact Report opens Markdown beside the thread', async () => {
    const { editor } = await openAnalysed('inode-bpf-storage.patch');
    const uri = await vscode.commands.executeCommand<string>('kernelPatchLens.sizeReport');
    assert.ok(uri, 'report not opened');
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.languageId, 'markdown');
    assert.notEqual(active.viewColumn, editor.viewColumn);
    assert.match(active.document.getText(), /inode/);
  });
  test('Choose Layout Basis writes the setting (embedded picked from the list)', async () => {
    await open('hostile.mbox');
    await setting('basis', 'auto');
    const result = vscode.commands.executeCommand<string>('kernelPatchLens.chooseBasis');
    await sleep(500);
    // Automatic, Kernel tree, BTF file, Running kernel, Embedded snapshot.
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await result, 'embedded');
    assert.equal(vscode.workspace.getConfiguration('kernelPatchLens').get('basis'), 'embedded');
    await setting('basis', undefined);
  });
  test('Choose Kernel Config… can be cancelled without harm', async () => {
    const result = vscode.commands.executeCommand<string | undefined>('kernelPatchLens.chooseConfig');
    await sleep(800);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor').then(undefined, () => undefined);
    assert.equal(await Promise.race([result, sleep(5000).then(() => 'still open')]), undefined);
  });
  test('Annotate as Patch Thread turns pasted text into a thread document', async () => {
    const seed = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'seed-000.txt'));
    const doc = await vscode.workspace.openTextDocument({ content: seed.getText(), language: 'plaintext' });
    await vscode.window.showTextDocument(doc);
    const r = await vscode.commands.executeCommand<{ messages: number; hunks: number }>('kernelPatchLens.annotate');
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'kernel-patch-thread');
    assert.ok(r && r.hunks > 0, JSON.stringify(r));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
  test('reveal puts the cursor on the place', async () => {
    const editor = await open('lsm-i_security-rcu-free.mbox');
    const offset = editor.document.getText().indexOf('From: Paul Moore');
    await vscode.commands.executeCommand('kernelPatchLens.reveal', editor.document.uri.toString(), { view: 'document', start: offset, end: offset + 4 });
    await until('cursor', () => vscode.window.activeTextEditor?.selection.active.line === editor.document.positionAt(offset).line);
  });
});
