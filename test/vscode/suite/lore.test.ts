// Real lore threads from the corpus: a 10-message mbox with QP and base64 replies, and a
// base64-encoded reply quoting a struct hunk (positions in a decoded view).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { api, hoverText, hoversAt, lenses, openAnalysed, until } from './helpers';
import { partUri } from '../../../src/extension/places';

suite('lore threads', () => {
  test('10-message thread: every message read, the thread view lists them with their patches', async () => {
    const started = Date.now();
    const { analysis, api: a } = await openAnalysed('lsm-i_security-rcu-free.mbox');
    const elapsed = Date.now() - started;
    const out = path.resolve(__dirname, '../../../../test-results/vscode-timings.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ thread: 'lsm-i_security-rcu-free.mbox', openToAnalysisMs: elapsed, analysisMs: analysis.ms }, null, 2));
    assert.equal(analysis.mail?.messages.length, 10);
    const rows = await until('tree rows', async () => ((await a.treeRows()).length ? a.treeRows() : undefined));
    assert.equal(rows.filter((r) => r.kind === 'message').length, 10);
    assert.ok(rows.some((r) => r.kind === 'patch'), 'no patch row');
    assert.ok(rows.some((r) => r.kind === 'hunk' && r.label.startsWith('fs/inode.c @@')), 'no fs/inode.c hunk row');
    assert.ok(rows.some((r) => r.kind === 'message' && /Paul Moore/.test(r.description)), 'no message from Paul Moore');
  });
  test('base64 reply: the quoted struct lsm_prop hunk lives in a decoded view that opens read-only', async () => {
    const { editor, analysis } = await openAnalysed('lsm-prop-base64.eml');
    const h = analysis.hunks.find((x) => x.hunk.structs.some((s) => s.name === 'lsm_prop'));
    assert.ok(h, `no lsm_prop hunk among ${analysis.hunks.length}`);
    assert.equal(h.hunk.view, 'decoded');
    const part = await vscode.workspace.openTextDocument(partUri(editor.document.uri, h.hunk.part));
    assert.match(part.getText(), /\+\tu8 reserved;/);
    await vscode.window.showTextDocument(part);
    const ls = await lenses(part.uri);
    assert.ok(ls.some((l) => /struct lsm_prop/.test(l.command?.title ?? '')), JSON.stringify(ls.map((l) => l.command?.title)));
    const pos = part.positionAt(part.getText().indexOf('u8 reserved;'));
    assert.match(hoverText(await hoversAt(part.uri, pos)), /struct lsm\\_prop/);
  });
  test('a gzip thread opens as its decoded text in the thread language', async () => {
    await api();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.joinPath(folder, 'lsm-i_security-rcu-free.mbox.gz'), 'kernelPatchLens.gzip');
    const editor = await until('decoded editor', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'kernel-patch-lens-decoded' ? e : undefined;
    });
    assert.equal(editor.document.languageId, 'kernel-patch-thread');
    assert.match(editor.document.lineAt(0).text, /^From mboxrd@z/);
    assert.equal(editor.document.lineCount > 1000, true);
  });
});
