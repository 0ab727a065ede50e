// The palette commands (category "Kernel Patch Lens") and the internal reveal command.
// Each returns something a test can check; none throws at the user.
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { docView, hunkAt, hunkPlace, commentPlace } from './lookup';
import { isStructHunk } from './model';
import { reveal, type Place } from './places';
import { reportMarkdown } from './analysis';
import { chooseBasis, chooseConfig } from './basis';
import { LANGUAGE } from './store';
import { plain } from './safe';

export function registerCommands(ctx: Ctx): void {
  const reg = (id: string, fn: (...args: never[]) => unknown) => ctx.register(vscode.commands.registerCommand(id, fn));

  reg('kernelPatchLens.annotate', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) { void vscode.window.showInformationMessage('Open a document to annotate first.'); return undefined; }
    let doc = editor.document;
    if (doc.languageId === 'plaintext') doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
    const a = await ctx.store.annotate(doc);
    return a ? { messages: a.mail.messages.length, hunks: a.hunks.length, ms: a.ms, missing: a.missing } : undefined;
  });

  reg('kernelPatchLens.reveal', async (src: string, place: Place) => {
    await reveal(vscode.Uri.parse(src), place);
  });

  const step = async (dir: 1 | -1) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    await ctx.store.ensure(editor.document);
    const view = docView(ctx.store, editor.document.uri);
    if (!view) return undefined;
    const here = editor.document.offsetAt(editor.selection.active);
    const hunks = view.hunks.filter(isStructHunk);
    const next = dir > 0 ? hunks.find((h) => h.hunk.span.start > here) : [...hunks].reverse().find((h) => h.hunk.span.start < here);
    if (!next) { void vscode.window.setStatusBarMessage(`Kernel Patch Lens: no ${dir > 0 ? 'next' : 'previous'} struct hunk`, 2000); return undefined; }
    const pos = editor.document.positionAt(next.hunk.span.start);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return next.index;
  };
  reg('kernelPatchLens.nextStructHunk', () => step(1));
  reg('kernelPatchLens.previousStructHunk', () => step(-1));

  reg('kernelPatchLens.showDiscussion', async (src?: string, index?: number) => {
    const editor = vscode.window.activeTextEditor;
    const uri = src ? vscode.Uri.parse(src) : editor?.document.uri;
    if (!uri) return undefined;
    const view = docView(ctx.store, uri);
    const h = index !== undefined ? view?.analysis.hunks[index] : view && editor ? hunkAt(view, editor.document.offsetAt(editor.selection.active)) : undefined;
    if (!view || !h) { void vscode.window.showInformationMessage('No patch hunk here.'); return undefined; }
    type Item = vscode.QuickPickItem & { place: Place };
    const items: Item[] = h.comments.map((c) => ({
      label: plain(c.from.name || c.from.address || 'unknown', 80),
      description: plain(c.date ?? '', 40),
      detail: plain(c.excerpt, 300),
      place: commentPlace(c),
    }));
    if (!items.length) items.push({ label: 'No reviewer comments on this hunk', detail: 'Go to the hunk', place: hunkPlace(h) });
    // Not awaited: the pick stays open while the command returns what it listed.
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = `Discussion: ${plain(h.hunk.file, 100)}`;
    qp.items = items;
    qp.matchOnDetail = true;
    qp.onDidAccept(() => { const sel = qp.selectedItems[0]; qp.hide(); if (sel) void reveal(view.source, sel.place); });
    qp.onDidHide(() => qp.dispose());
    qp.show();
    return items.map((i) => ({ label: i.label, detail: i.detail }));
  });

  reg('kernelPatchLens.sizeReport', async (src?: string) => {
    const uri = src ? vscode.Uri.parse(src) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) return undefined;
    const doc = await vscode.workspace.openTextDocument(uri);
    const a = await ctx.store.ensure(doc);
    const md = a ? reportMarkdown(a) : undefined;
    if (md === undefined) {
      void vscode.window.showInformationMessage(a ? 'The size-impact report could not be built (see the Kernel Patch Lens output).' : 'This document is not a patch thread, or its analysis failed (see the Kernel Patch Lens output).');
      return undefined;
    }
    const report = await vscode.workspace.openTextDocument({ language: 'markdown', content: md });
    await vscode.window.showTextDocument(report, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    return report.uri.toString();
  });

  reg('kernelPatchLens.chooseConfig', async () => {
    const p = await chooseConfig();
    if (p) ctx.store.refreshAll();
    return p;
  });

  reg('kernelPatchLens.chooseBasis', async () => {
    const b = await chooseBasis(ctx.host);
    if (b) ctx.store.refreshAll();
    return b;
  });

  reg('kernelPatchLens.refresh', () => ctx.store.refreshAll());
}
