// The manifest as VS Code sees it: language, commands, views, activation on thread files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, api, open, until } from './helpers';

const PALETTE = ['annotate', 'sizeReport', 'nextStructHunk', 'previousStructHunk', 'showDiscussion', 'chooseConfig', 'chooseBasis'];

suite('activation', () => {
  test('opening an .mbox activates the extension with the thread language', async () => {
    const editor = await open('hostile.mbox');
    assert.equal(editor.document.languageId, 'kernel-patch-thread');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await until('activation', () => ext.isActive);
  });
  test('every palette command is registered', async () => {
    await api();
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of PALETTE) assert.ok(all.has(`kernelPatchLens.${c}`), `kernelPatchLens.${c} missing`);
  });
  test('palette commands carry the "Kernel Patch Lens" category', () => {
    const cmds = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string; category: string }[];
    for (const c of PALETTE) assert.equal(cmds.find((x) => x.command === `kernelPatchLens.${c}`)?.category, 'Kernel Patch Lens');
  });
  test('.eml opens in the thread language', async () => {
    assert.equal((await open('lsm-prop-base64.eml')).document.languageId, 'kernel-patch-thread');
  });
  test('.patch keeps the diff language and is analysed', async () => {
    const a = await api();
    const editor = await open('inode-bpf-storage.patch');
    assert.equal(editor.document.languageId, 'diff');
    await until('analysis of the .patch', () => a.analysis(editor.document.uri));
  });
});
