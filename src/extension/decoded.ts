// Read-only virtual documents: the gunzipped text of a `.gz` thread, and the decoded text
// of a quoted-printable/base64 body part (the view `decoded` positions refer to).
import * as vscode from 'vscode';
import { bytesToText, gunzip, isGzip } from '../core/mail/bytes';
import type { AnalysisStore } from './store';
import { DECODED_SCHEME, gzipUri, parseDecoded } from './places';

export class DecodedContent implements vscode.TextDocumentContentProvider {
  constructor(private readonly store: AnalysisStore) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const d = parseDecoded(uri);
    if (!d) return '';
    if (d.gz) {
      const bytes = await vscode.workspace.fs.readFile(d.src);
      if (!isGzip(bytes)) return bytesToText(bytes).text;
      return bytesToText(gunzip(bytes)).text;
    }
    const doc = await vscode.workspace.openTextDocument(d.src);
    const a = await this.store.ensure(doc);
    const part = a?.mail?.messages.flatMap((m) => m.parts).find((p) => p.id === d.part);
    return part?.text ?? '';
  }
}

/**
 * `.gz` files open in this tiny editor, which hands them straight to the decoded text
 * document (VS Code would otherwise refuse them as binary).
 */
export class GzipEditor implements vscode.CustomReadonlyEditorProvider {
  static readonly viewType = 'kernelPatchLens.gzip';

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = { enableScripts: false };
    panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none';"></head>` +
      `<body><p>Opened the decoded text of this file in a read-only editor.</p></body></html>`;
    const doc = await vscode.workspace.openTextDocument(gzipUri(document.uri));
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: panel.viewColumn });
    panel.dispose();
  }
}

export function registerDecoded(store: AnalysisStore): vscode.Disposable[] {
  return [
    vscode.workspace.registerTextDocumentContentProvider(DECODED_SCHEME, new DecodedContent(store)),
    vscode.window.registerCustomEditorProvider(GzipEditor.viewType, new GzipEditor(), { supportsMultipleEditorsPerDocument: false }),
  ];
}
