// Review sessions in the editor: one session per thread document, bound to its analysis
// (re-bound by the core's restore() whenever the thread is analysed again), stored in the
// extension's global storage, shown as a highlighted current hunk, a status-bar item and
// one comment thread per noted hunk (VS Code's comments API; notes are untrusted Markdown).
import * as vscode from 'vscode';
import type { Analysis as CoreAnalysis } from '../core/analyze';
import {
  hunkAnalysisAt, hunkAt, moveTo, progress, restore, sessionIds, sessionMatches, setNote, setState,
  type HunkPos, type HunkState, type ReviewSession,
} from '../core/review';
import type { AnalysisStore } from './store';
import { parseDecoded, placeUri, reveal, showsPlace, type Place } from './places';
import { ReviewStorage } from './review-store';

export const CONTROLLER_ID = 'kernelPatchLens.review';
export const ACTIVE_CONTEXT = 'kernelPatchLens.reviewActive';

/** A note as a comment: its body is the reviewer's Markdown, never trusted, no HTML. */
export class NoteComment implements vscode.Comment {
  mode = vscode.CommentMode.Preview;
  readonly author: vscode.CommentAuthorInformation = { name: 'Review note' };
  contextValue = 'kplReviewNote';
  body: string | vscode.MarkdownString;
  constructor(note: string, readonly source: string, readonly pos: HunkPos, public label?: string) {
    this.body = noteMarkdown(note);
  }
}

export function noteMarkdown(note: string): vscode.MarkdownString {
  const m = new vscode.MarkdownString(note, false);
  m.isTrusted = false;
  m.supportHtml = false;
  return m;
}

function sourceOf(uri: vscode.Uri): vscode.Uri {
  const d = parseDecoded(uri);
  return d && !d.gz ? d.src : uri;
}

const STATE_LABEL: Record<HunkState, string> = { unreviewed: 'unreviewed', reviewed: 'reviewed', concern: 'concern', skipped: 'skipped' };

export class ReviewController implements vscode.Disposable {
  /** Source document URI → its session. */
  private readonly sessions = new Map<string, ReviewSession>();
  private readonly storage: ReviewStorage;
  private readonly comments = vscode.comments.createCommentController(CONTROLLER_ID, 'Kernel Patch Lens review notes');
  private threads: { thread: vscode.CommentThread; source: string; pos: HunkPos }[] = [];
  private readonly current = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    borderColor: new vscode.ThemeColor('focusBorder'),
    borderStyle: 'solid',
    borderWidth: '0 0 0 2px',
    overviewRulerColor: new vscode.ThemeColor('focusBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  private readonly status = vscode.window.createStatusBarItem('kernelPatchLens.review', vscode.StatusBarAlignment.Left, 90);
  private readonly subs: vscode.Disposable[] = [];
  private renderGen = 0;

  constructor(memento: vscode.Memento, private readonly store: AnalysisStore, private readonly log: vscode.OutputChannel) {
    this.storage = new ReviewStorage(memento, (l) => log.appendLine(l));
    this.status.name = 'Kernel Patch Lens review';
    this.status.command = 'kernelPatchLens.review.next';
    this.comments.options = { prompt: 'Note on this hunk (Markdown)', placeHolder: 'Write a review note…' };
    this.comments.commentingRangeProvider = { provideCommentingRanges: (doc) => this.commentingRanges(doc) };
    this.subs.push(
      this.comments, this.current, this.status,
      store.onDidChange((uri) => this.bind(uri)),
      vscode.window.onDidChangeActiveTextEditor(() => this.renderEditors()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.renderEditors()),
    );
    // A restart: bind every thread already analysed.
    for (const d of vscode.workspace.textDocuments) if (store.get(d.uri)) this.bind(d.uri);
    this.renderEditors();
  }

  core(source: vscode.Uri): CoreAnalysis | undefined {
    return this.store.get(source)?.core;
  }

  session(uri: vscode.Uri): ReviewSession | undefined {
    return this.sessions.get(sourceOf(uri).toString());
  }

  stored(): ReviewSession[] {
    return this.storage.all();
  }

  /** Re-binds the session of a freshly analysed thread (in memory first, else from storage). */
  private bind(uri: vscode.Uri): void {
    const key = uri.toString();
    const got = this.store.get(uri);
    // The figures came first; the session binds once the discussion is there too.
    if (got?.discussionPending) return;
    const a = got?.core;
    if (!a) {
      if (this.sessions.delete(key)) this.render();
      return;
    }
    const have = this.sessions.get(key);
    const stored = have ?? this.storage.all().find((s) => sessionMatches(s, a));
    if (!stored) return;
    try {
      const r = restore(stored, a);
      if (!r.session.current && stored.current) {
        const first = r.session.patches.findIndex((p) => p.hunks.length);
        if (first >= 0) r.session.current = { patch: first, hunk: 0 };
      }
      for (const l of r.lost) this.log.appendLine(`review ${r.session.title}: hunk ${l.hunk.file} ${l.hunk.header} of patch ${l.patchIndex} not found again (${l.reason}); its note: ${JSON.stringify(l.hunk.note)}`);
      const lostNotes = r.lost.filter((l) => l.hunk.note.trim()).length;
      if (lostNotes && !have) void vscode.window.showWarningMessage(`Kernel Patch Lens: ${lostNotes} review note(s) belong to hunks no longer in this thread; they are in the output channel.`);
      this.sessions.set(key, r.session);
      if (!have) this.log.appendLine(`review session "${r.session.title}" v${r.session.version} restored for ${uri.path.split('/').pop()}`);
    } catch (e) {
      this.log.appendLine(`review session could not be restored: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.render();
  }

  /**
   * Makes `s` the session of `source`, stores it and redraws. Other open documents holding
   * the same series (a saved copy, a pasted thread) are re-bound to the same session.
   */
  async put(source: vscode.Uri, s: ReviewSession): Promise<void> {
    this.sessions.set(source.toString(), s);
    for (const [k, other] of this.sessions) {
      if (k === source.toString() || other.key !== s.key) continue;
      const a = this.store.get(vscode.Uri.parse(k))?.core;
      try {
        if (a) this.sessions.set(k, restore(s, a).session);
      } catch {
        this.sessions.delete(k);
      }
    }
    await this.storage.save(s);
    this.render();
  }

  /** Ends the session of `source` everywhere it is bound, and forgets it in storage. */
  async drop(source: vscode.Uri): Promise<void> {
    const s = this.sessions.get(source.toString());
    if (!s) return;
    for (const [k, other] of [...this.sessions]) if (other.key === s.key) this.sessions.delete(k);
    await this.storage.remove(s.key);
    this.render();
  }

  /** Where a session hunk stands now (document or decoded part view). */
  place(source: vscode.Uri, s: ReviewSession, pos: HunkPos): Place | undefined {
    const a = this.core(source);
    const h = a && hunkAnalysisAt(s, pos, a);
    return h && { view: h.hunk.view, part: h.hunk.part, start: h.hunk.span.start, end: h.hunk.span.end };
  }

  async revealCurrent(source: vscode.Uri): Promise<void> {
    const s = this.sessions.get(source.toString());
    const p = s?.current && this.place(source, s, s.current);
    if (!p) return;
    await reveal(source, p);
    this.render();
  }

  /** The active editor's source and session, if it shows a thread under review. */
  active(): { source: vscode.Uri; session: ReviewSession } | undefined {
    const ed = vscode.window.activeTextEditor;
    if (ed) {
      const source = sourceOf(ed.document.uri);
      const session = this.sessions.get(source.toString());
      if (session) return { source, session };
    }
    return undefined;
  }

  /** Marks the current hunk, or the hunk of a comment thread whose title button was used. */
  async mark(state: HunkState, thread?: unknown): Promise<HunkState | undefined> {
    const at = thread && typeof thread === 'object' ? this.threads.find((t) => t.thread === thread) : undefined;
    const act = at ? { source: vscode.Uri.parse(at.source), session: this.sessions.get(at.source)! } : this.active();
    const pos = at ? at.pos : act?.session.current;
    if (!act?.session || !pos) { void vscode.window.showInformationMessage('No review session on this thread: run Start Review Session first.'); return undefined; }
    await this.put(act.source, setState(act.session, pos, state));
    return state;
  }

  async note(source: vscode.Uri, pos: HunkPos, text: string): Promise<void> {
    const s = this.sessions.get(source.toString());
    if (!s || !hunkAt(s, pos)) return;
    await this.put(source, setNote(s, pos, text));
  }

  async go(source: vscode.Uri, pos: HunkPos): Promise<void> {
    const s = this.sessions.get(source.toString());
    if (!s) return;
    await this.put(source, moveTo(s, pos));
    await this.revealCurrent(source);
  }

  threadAt(thread: vscode.CommentThread): { source: vscode.Uri; pos: HunkPos } | undefined {
    const t = this.threads.find((x) => x.thread === thread);
    return t && { source: vscode.Uri.parse(t.source), pos: t.pos };
  }

  /** The status-bar text, empty when hidden behind another document (for tests). */
  statusText(): string {
    return this.status.text;
  }

  noteThreadOf(comment: vscode.Comment): vscode.CommentThread | undefined {
    return this.threads.find((t) => t.thread.comments.includes(comment))?.thread;
  }

  /** The live comment threads (tests drive the comments API commands with them). */
  liveThreads(): vscode.CommentThread[] {
    return this.threads.map((t) => t.thread);
  }

  /** The comment threads as shown (for tests): where and what. */
  noteThreads(): { uri: string; line: number; notes: string[] }[] {
    return this.threads.map(({ thread }) => ({
      uri: thread.uri.toString(), line: thread.range?.start.line ?? -1,
      notes: thread.comments.map((c) => (typeof c.body === 'string' ? c.body : c.body.value)),
    }));
  }

  private commentingRanges(doc: vscode.TextDocument): vscode.Range[] {
    const source = sourceOf(doc.uri);
    const s = this.sessions.get(source.toString());
    if (!s) return [];
    const out: vscode.Range[] = [];
    s.patches.forEach((p, pi) => p.hunks.forEach((_, hi) => {
      const pl = this.place(source, s, { patch: pi, hunk: hi });
      if (pl && showsPlace(doc.uri, source, pl)) out.push(new vscode.Range(doc.positionAt(pl.start).line, 0, doc.positionAt(pl.end).line, 0));
    }));
    return out;
  }

  render(): void {
    this.renderEditors();
    void this.renderThreads();
  }

  private renderEditors(): void {
    for (const ed of vscode.window.visibleTextEditors) {
      const source = sourceOf(ed.document.uri);
      const s = this.sessions.get(source.toString());
      const p = s?.current && this.place(source, s, s.current);
      const ranges = p && showsPlace(ed.document.uri, source, p) && this.fresh(source, ed.document)
        ? [new vscode.Range(ed.document.positionAt(p.start).line, 0, ed.document.positionAt(p.end).line, 0)] : [];
      ed.setDecorations(this.current, ranges);
    }
    const act = this.active();
    const ed = vscode.window.activeTextEditor;
    const shown = act && ed && sourceOf(ed.document.uri).toString() === act.source.toString();
    void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT, !!shown);
    if (!act || !shown) { this.status.hide(); return; }
    const pr = progress(act.session);
    const flat = act.session.patches.flatMap((p, pi) => p.hunks.map((_, hi) => `${pi}/${hi}`));
    const cur = act.session.current;
    const at = cur ? flat.indexOf(`${cur.patch}/${cur.hunk}`) + 1 : 0;
    const h = cur && hunkAt(act.session, cur);
    this.status.text = `$(checklist) Review ${at}/${pr.total} · ${pr.concern} concern${pr.concern === 1 ? '' : 's'}`;
    this.status.tooltip = `${act.session.title} (v${act.session.version}): ${pr.reviewed} reviewed, ${pr.concern} concern, ${pr.skipped} skipped, ${pr.unreviewed} open` +
      (h ? `\nThis hunk: ${h.file} — ${STATE_LABEL[h.state]}${h.impact ? ` — ${h.impact}` : ''}` : '') + '\nClick for the next hunk';
    this.status.show();
  }

  /** Offsets of the analysis index the document only while it is unedited since. */
  private fresh(source: vscode.Uri, doc: vscode.TextDocument): boolean {
    const a = this.store.get(source);
    return !!a && (a.version === doc.version || doc.uri.toString() !== source.toString());
  }

  private async renderThreads(): Promise<void> {
    const gen = ++this.renderGen;
    const next: { thread: vscode.CommentThread; source: string; pos: HunkPos }[] = [];
    const want: { uri: vscode.Uri; range: vscode.Range; note: string; source: string; pos: HunkPos; current: boolean; label: string }[] = [];
    for (const [k, s] of this.sessions) {
      const source = vscode.Uri.parse(k);
      for (let pi = 0; pi < s.patches.length; pi++) {
        for (let hi = 0; hi < s.patches[pi].hunks.length; hi++) {
          const h = s.patches[pi].hunks[hi];
          const pos = { patch: pi, hunk: hi };
          const current = s.current?.patch === pi && s.current.hunk === hi;
          if (!h.note.trim() && !current) continue;
          const pl = this.place(source, s, pos);
          if (!pl) continue;
          const uri = placeUri(source, pl);
          const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (!doc || !this.fresh(source, doc)) continue;
          const range = new vscode.Range(doc.positionAt(pl.start).line, 0, doc.positionAt(pl.start).line, 0);
          want.push({ uri, range, note: h.note, source: k, pos, current, label: `${STATE_LABEL[h.state]} · [${s.patches[pi].index}/${s.patches.length}] ${h.file}` });
        }
      }
    }
    if (gen !== this.renderGen) return;
    for (const t of this.threads) t.thread.dispose();
    for (const w of want) {
      const comments = w.note.trim() ? [new NoteComment(w.note, w.source, w.pos, w.label)] : [];
      const thread = this.comments.createCommentThread(w.uri, w.range, comments);
      thread.label = w.label;
      thread.canReply = true;
      thread.contextValue = 'kplReviewHunk';
      thread.collapsibleState = w.current && w.note.trim() ? vscode.CommentThreadCollapsibleState.Expanded : vscode.CommentThreadCollapsibleState.Collapsed;
      next.push({ thread, source: w.source, pos: w.pos });
    }
    this.threads = next;
  }

  ids(uri: vscode.Uri): string[] {
    const s = this.session(uri);
    return s ? sessionIds(s) : [];
  }

  dispose(): void {
    for (const t of this.threads) t.thread.dispose();
    this.threads = [];
    void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT, false);
    for (const d of this.subs) d.dispose();
  }
}
