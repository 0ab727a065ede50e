// Small helpers over the real VS Code API for the extension-host suite.
import * as vscode from 'vscode';
import type { Api } from '../../../src/extension/activate';

export const EXTENSION_ID = 'kernel-patch-lens.kernel-patch-lens';

export async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} not installed`);
  return ext.activate();
}

export function wsFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `fn` returns a truthy value (polling), failing with `what` after `ms`. */
export async function until<T>(what: string, fn: () => T | Promise<T>, ms = 10_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsFile(name));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Opens a file and waits for its analysis (the one the UI is showing). */
export async function openAnalysed(name: string, annotate = false) {
  const a = await api();
  const editor = await open(name);
  if (annotate) await vscode.commands.executeCommand('kernelPatchLens.annotate');
  const analysis = await until(`analysis of ${name}`, () => {
    const r = a.analysis(editor.document.uri);
    // The figures land first; the tests look at the whole analysis, discussion included,
    // once no re-run (an earlier test's settings change) is still due to land.
    return r && r.version === editor.document.version && !r.discussionPending && a.idle(editor.document.uri) ? r : undefined;
  });
  return { editor, analysis, api: a };
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

export async function hoversAt(uri: vscode.Uri, pos: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
}

export async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

export async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('kernelPatchLens').update(key, value, vscode.ConfigurationTarget.Workspace);
}
