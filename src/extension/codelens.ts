// A CodeLens above each struct hunk: `struct inode +8 B · 2 comments · NAK`, opening the
// discussion of that hunk.
import * as vscode from 'vscode';
import type { AnalysisStore } from './store';
import { docView } from './lookup';
import { isStructHunk } from './model';
import { lensTitle, watchMark } from './labels';
import { settings } from './config';

export class CodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: AnalysisStore) {
    store.onDidChange(() => this.changed.fire());
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('kernelPatchLens')) this.changed.fire(); });
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const s = settings(doc);
    if (!s.showCodeLens) return [];
    const view = docView(this.store, doc.uri);
    if (!view) return [];
    return view.hunks.filter(isStructHunk).map((h) => {
      const line = doc.positionAt(h.hunk.span.start).line;
      return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: watchMark(h, s.watchedStructs) + lensTitle(h),
        tooltip: 'Show the discussion of this hunk',
        command: 'kernelPatchLens.showDiscussion',
        arguments: [view.source.toString(), h.index],
      });
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
