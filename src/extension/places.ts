// Where things stand: offsets in the opened document (`document` view) or in the decoded
// text of one body part (`decoded` view), which opens as a read-only virtual document.
import * as vscode from 'vscode';

export const DECODED_SCHEME = 'kernel-patch-lens-decoded';

export interface Place {
  view: 'document' | 'decoded';
  part?: string;
  start: number;
  end: number;
}

interface DecodedQuery { src: string; part?: string; gz?: boolean }

/** The virtual document showing one decoded body part of `source`. */
export function partUri(source: vscode.Uri, part: string): vscode.Uri {
  const q: DecodedQuery = { src: source.toString(), part };
  return vscode.Uri.from({ scheme: DECODED_SCHEME, path: `${source.path}.part-${part}.eml`, query: JSON.stringify(q) });
}

/** The virtual document showing the gunzipped text of a `.gz` file. */
export function gzipUri(file: vscode.Uri): vscode.Uri {
  const q: DecodedQuery = { src: file.toString(), gz: true };
  const inner = file.path.replace(/\.gz$/i, '');
  const path = /\.(mbox|mbx|eml|patch|diff)$/i.test(inner) ? inner : `${inner}.mbox`;
  return vscode.Uri.from({ scheme: DECODED_SCHEME, path, query: JSON.stringify(q) });
}

export function parseDecoded(uri: vscode.Uri): { src: vscode.Uri; part?: string; gz: boolean } | undefined {
  if (uri.scheme !== DECODED_SCHEME) return undefined;
  try {
    const q = JSON.parse(uri.query) as DecodedQuery;
    return { src: vscode.Uri.parse(q.src), part: q.part, gz: q.gz === true };
  } catch {
    return undefined;
  }
}

/** The document a place is in, given the document it was analysed from. */
export function placeUri(source: vscode.Uri, p: Place): vscode.Uri {
  return p.view === 'decoded' && p.part ? partUri(source, p.part) : source;
}

/** Whether `doc` shows the view a place refers to (the analysed document or its part). */
export function showsPlace(doc: vscode.Uri, source: vscode.Uri, p: Place): boolean {
  return placeUri(source, p).toString() === doc.toString();
}

export async function reveal(source: vscode.Uri, p: Place): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(placeUri(source, p));
  const range = new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end));
  const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false, preview: false });
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
