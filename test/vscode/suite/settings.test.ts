// Settings apply without a reload; edits re-run the analysis, debounced and cancelled.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lenses, openAnalysed, setting, sleep, until } from './helpers';

suite('settings and edits', () => {
  test('turning CodeLens off and on applies at once', async () => {
    const { editor } = await openAnalysed('inode-bpf-storage.patch');
    await until('lenses', async () => (await lenses(editor.document.uri)).length > 0);
    await setting('codeLens', false);
    assert.equal((await lenses(editor.document.uri)).length, 0);
    await setting('codeLens', undefined);
    assert.ok((await lenses(editor.document.uri)).length > 0);
  });
  test('watched structs mark their hunks with ★, applied without reload', async () => {
    const { editor } = await openAnalysed('inode-bpf-storage.patch');
    const titles = async () => (await lenses(editor.document.uri)).map((l) => l.command?.title ?? '');
    assert.ok((await titles()).some((t) => t.startsWith('★ struct inode')), JSON.stringify(await titles()));
    await setting('watchedStructs', ['dentry']);
    assert.ok((await titles()).some((t) => t.startsWith('struct inode')), JSON.stringify(await titles()));
    await setting('watchedStructs', undefined);
  });
  test('changing the ABI re-analyses open threads', async () => {
    const { editor, api } = await openAnalysed('inode-bpf-storage.patch');
    let fired = 0;
    const sub = api.onDidAnalyse((u) => { if (u.toString() === editor.document.uri.toString()) fired++; });
    await setting('abi', 'i386');
    await until('re-analysis after abi change', () => fired > 0);
    // The reset re-runs every open thread too, once its configuration event arrives (late in
    // code-server: settings.json is watched): wait for it, or it lands in the next test.
    const seen = fired;
    await setting('abi', undefined);
    await until('re-analysis after abi reset', () => fired > seen);
    sub.dispose();
  });
  test('a burst of edits is analysed once, for the final text', async () => {
    const { editor, api } = await openAnalysed('hostile.mbox');
    let runs = 0;
    const sub = api.onDidAnalyse((u) => { if (u.toString() === editor.document.uri.toString()) runs++; });
    for (let i = 0; i < 5; i++) {
      await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount - 1, 0), `typing ${i}\n`));
      await sleep(20);
    }
    const doc = editor.document;
    await until('analysis of the final text', () => api.analysis(doc.uri)?.version === doc.version);
    await sleep(400);
    sub.dispose();
    assert.equal(runs, 1, `analysed ${runs} times`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
