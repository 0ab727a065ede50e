// Seed 000 (a web-archive page whose newlines were collapsed) and the same hunk as a
// `git format-patch` file: the figures, the CodeLens and the hover over the real API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, hoversAt, lenses, openAnalysed } from './helpers';

function at(doc: vscode.TextDocument, needle: string): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `${needle} not in document`);
  return doc.positionAt(i + 1);
}

suite('seed 000 and its patch', () => {
  test('seed 000: "Annotate as Patch Thread" finds the quoted struct inode hunk', async () => {
    const { analysis } = await openAnalysed('seed-000.txt', true);
    assert.deepEqual(analysis.missing.filter((s) => s === 'mail' || s === 'patch'), [], `core stages missing: ${analysis.missing.join(', ')}`);
    const h = analysis.hunks.find((x) => x.hunk.structs.some((s) => s.name === 'inode'));
    assert.ok(h, `no hunk on struct inode among ${analysis.hunks.length} hunks`);
    assert.equal(h.hunk.quoted, true);
  });
  test('seed 000: CodeLens reads "struct inode +8 B · N comments · NAK"', async () => {
    const { editor } = await openAnalysed('seed-000.txt', true);
    const titles = (await lenses(editor.document.uri)).map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => /^★ struct inode \+8 B · [1-9]\d* comments? · NAK/.test(t)), `lenses: ${JSON.stringify(titles)}`);
  });
  test('seed 000: hover shows the figure, the basis and Brauner\'s comment', async () => {
    const { editor } = await openAnalysed('seed-000.txt', true);
    const text = hoverText(await hoversAt(editor.document.uri, at(editor.document, 'i_bpf_storage;')));
    assert.match(text, /struct inode\*\* \+8 B/);
    assert.match(text, /basis: \*\*(source|btf|estimate)\*\*/);
    assert.match(text, /Brauner/);
    assert.match(text, /growing struct inode/);
  });
  test('format-patch file: CodeLens above the struct inode hunk only', async () => {
    const { editor } = await openAnalysed('inode-bpf-storage.patch');
    const ls = await lenses(editor.document.uri);
    const inode = ls.filter((l) => /^★ struct inode \+8 B/.test(l.command?.title ?? ''));
    assert.equal(inode.length, 1, JSON.stringify(ls.map((l) => l.command?.title)));
    assert.match(editor.document.lineAt(inode[0].range.start.line).text, /^@@ -648,6 \+649,9 @@ struct inode \{/);
  });
  test('format-patch file: hover lists the CONFIG_BPF_SYSCALL scenarios', async () => {
    const { editor } = await openAnalysed('inode-bpf-storage.patch');
    const text = hoverText(await hoversAt(editor.document.uri, at(editor.document, 'i_bpf_storage;')));
    assert.match(text, /CONFIG\\_BPF\\_SYSCALL\\=y/);
    assert.match(text, /\| config \| before \| after \|/);
  });
});
