// A hostile thread: Markdown command links, HTML, javascript: links, zero-width and bidi
// characters in names. Everything must come out as inert text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoversAt, lenses, openAnalysed, until } from './helpers';
import { HOVER_COMMANDS } from '../../../src/extension/safe';

const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

function inertMarkdown(value: string): void {
  // Links: only the extension's allow-listed commands and lore; nothing from the mail.
  for (const m of value.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) {
    const target = m[1];
    const ok = HOVER_COMMANDS.some((c) => target.startsWith(`command:${c}?`)) || target.startsWith('https://lore.kernel.org/r/');
    assert.ok(ok, `link target from mail: ${target}`);
  }
  assert.doesNotMatch(value, /(?<!\\)<(img|a|script|b)\b/i, 'raw HTML');
  assert.doesNotMatch(value, /(?<!\\)javascript:/i);
  assert.doesNotMatch(value, /https:\/\/evil/);
  assert.doesNotMatch(value, INVISIBLE);
}

suite('hostile mail', () => {
  test('hover over the hostile hunk is escaped and links only to allow-listed commands', async () => {
    const { editor } = await openAnalysed('hostile.mbox');
    const doc = editor.document;
    const pos = doc.positionAt(doc.getText().indexOf('*i_e\u200bvil'));
    const hovers = await hoversAt(doc.uri, pos);
    assert.ok(hovers.length > 0, 'no hover on the hostile hunk');
    const values = hovers.flatMap((h) => h.contents).map((c) => (c as vscode.MarkdownString).value);
    for (const v of values) inertMarkdown(v);
    const all = values.join('\n');
    assert.match(all, /\\<U\\\+200B\\>/, 'zero-width space not made visible');
    assert.match(all, /Rev\\<b\\>iewer/, 'reviewer name not shown as text');
  });
  test('CodeLens titles carry no invisible characters', async () => {
    const { editor } = await openAnalysed('hostile.mbox');
    const titles = (await lenses(editor.document.uri)).map((l) => l.command?.title ?? '');
    assert.ok(titles.length > 0, 'no CodeLens on the hostile hunk');
    for (const t of titles) assert.doesNotMatch(t, INVISIBLE, t);
  });
  test('thread view labels are plain text with invisibles made visible', async () => {
    const { api } = await openAnalysed('hostile.mbox');
    const rows = await until('tree rows', async () => {
      const r = await api.treeRows();
      return r.some((x) => x.kind === 'message') ? r : undefined;
    });
    for (const r of rows) {
      assert.doesNotMatch(r.label + r.description + r.tooltip, INVISIBLE, JSON.stringify(r));
    }
    assert.ok(rows.some((r) => r.label.includes('<img src=x onerror=alert(1)>')), 'subject not shown literally');
    assert.ok(rows.some((r) => r.tooltip.includes('<U+202E>')), 'bidi override in the sender not made visible');
  });
  test('the size report escapes mail text', async () => {
    const { editor } = await openAnalysed('hostile.mbox');
    const uri = await vscode.commands.executeCommand<string>('kernelPatchLens.sizeReport', editor.document.uri.toString());
    assert.ok(uri, 'no report opened');
    const report = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)!;
    const text = report.getText();
    assert.doesNotMatch(text, /(?<!\\)\]\((command|javascript):/i);
    assert.doesNotMatch(text, /(?<!\\)<(img|a|script)\b/i);
    assert.doesNotMatch(text, INVISIBLE);
  });
});
