// Inline figures after the first changed line of each struct hunk, coloured by growth or
// shrink through theme colours, and a gutter mark on hunks that reviewers discussed.
import * as vscode from 'vscode';
import type { AnalysisStore } from './store';
import { docView } from './lookup';
import { firstChangedLine, hunkDelta, type HunkView } from './model';
import { impactTexts, watchMark } from './labels';
import { settings } from './config';

type Tone = 'growthError' | 'growthWarning' | 'shrink' | 'neutral';

function afterType(tone: Tone): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor(`kernelPatchLens.${tone}Foreground`), margin: '0 0 0 2em', fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}

export class Decorations implements vscode.Disposable {
  private readonly types: Record<Tone, vscode.TextEditorDecorationType> = {
    growthError: afterType('growthError'),
    growthWarning: afterType('growthWarning'),
    shrink: afterType('shrink'),
    neutral: afterType('neutral'),
  };
  private readonly gutter: vscode.TextEditorDecorationType;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly store: AnalysisStore, media: vscode.Uri) {
    this.gutter = vscode.window.createTextEditorDecorationType({
      light: { gutterIconPath: vscode.Uri.joinPath(media, 'discussion-light.svg') },
      dark: { gutterIconPath: vscode.Uri.joinPath(media, 'discussion-dark.svg') },
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('kernelPatchLens.discussionRuler'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    this.subs.push(
      store.onDidChange(() => this.refresh()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('kernelPatchLens')) this.refresh(); }),
    );
    this.refresh();
  }

  refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor);
  }

  private tone(delta: number | undefined, doc: vscode.TextDocument): Tone {
    const s = settings(doc);
    if (delta === undefined || delta === 0) return 'neutral';
    if (delta < 0) return 'shrink';
    return delta >= s.growthErrorBytes ? 'growthError' : delta >= s.growthWarningBytes ? 'growthWarning' : 'neutral';
  }

  private apply(editor: vscode.TextEditor): void {
    const doc = editor.document;
    const view = docView(this.store, doc.uri);
    const byTone: Record<Tone, vscode.DecorationOptions[]> = { growthError: [], growthWarning: [], shrink: [], neutral: [] };
    const marks: vscode.DecorationOptions[] = [];
    // A stale analysis would put figures on the wrong lines; parts are read-only, never stale.
    if (view && (view.analysis.version === doc.version || doc.uri.toString() !== view.source.toString())) {
      const { showInline: inline, watchedStructs } = settings(doc);
      for (const h of view.hunks) {
        const line = anchorLine(doc, h);
        if (inline) {
          const texts = impactTexts(h);
          if (texts.length) {
            // After the changed line's own text: for a web page whose newlines were
            // collapsed that is mid-line, not after the whole paragraph.
            const changed = firstChangedLine(h.hunk);
            const lineEnd = doc.lineAt(line).range.end;
            const own = changed ? doc.positionAt(changed.offset + 1 + changed.text.length) : lineEnd;
            const end = own.line === line && own.isBefore(lineEnd) ? own : lineEnd;
            byTone[this.tone(hunkDelta(h), doc)].push({
              range: new vscode.Range(end, end),
              renderOptions: { after: { contentText: watchMark(h, watchedStructs) + texts.join('   ') } },
            });
          }
        }
        if (h.comments.length) {
          const start = doc.positionAt(h.hunk.span.start).line;
          marks.push({ range: new vscode.Range(start, 0, start, 0) });
        }
      }
    }
    for (const tone of Object.keys(byTone) as Tone[]) editor.setDecorations(this.types[tone], byTone[tone]);
    editor.setDecorations(this.gutter, marks);
  }

  dispose(): void {
    for (const t of Object.values(this.types)) t.dispose();
    this.gutter.dispose();
    for (const s of this.subs) s.dispose();
  }
}

/** The first `+`/`-` line of the hunk (the one the figure is about), else its first line. */
export function anchorLine(doc: vscode.TextDocument, h: HunkView): number {
  const changed = firstChangedLine(h.hunk);
  return doc.positionAt(changed?.offset ?? h.hunk.span.start).line;
}
