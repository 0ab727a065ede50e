// The review commands (category "Kernel Patch Lens") and the host that owns the session
// controller; `restart()` drops it and builds a new one from storage, as a reload would.
// Every command returns something a test can check and shows errors, never throws them.
import * as vscode from 'vscode';
import {
  exportReply, hunkAnalysisAt, hunkAt, impactMarkdown, seriesVersions, startSession, step,
  type HunkPos, type ReviewSession,
} from '../core/review';
import type { AnalysisStore } from './store';
import { LANGUAGE } from './store';
import { ReviewController, type NoteComment } from './review';
import { plain } from './safe';

export interface ReviewApi {
  session(uri: vscode.Uri): ReviewSession | undefined;
  stored(): ReviewSession[];
  noteThreads(): { uri: string; line: number; notes: string[] }[];
  statusText(): string;
  liveThreads(): vscode.CommentThread[];
  restart(): void;
}

function reviewSettings(): { trailer?: 'Reviewed-by' | 'Acked-by'; identity?: string } {
  const c = vscode.workspace.getConfiguration('kernelPatchLens.review');
  const t = c.get<string>('trailer', 'Reviewed-by');
  const identity = c.get<string>('identity', '').trim();
  return { trailer: t === 'Reviewed-by' || t === 'Acked-by' ? t : undefined, identity: identity || undefined };
}

export class ReviewHost implements vscode.Disposable {
  controller: ReviewController;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly memento: vscode.Memento, private readonly store: AnalysisStore, private readonly log: vscode.OutputChannel) {
    this.controller = new ReviewController(memento, store, log);
    this.registerCommands();
  }

  restart(): void {
    this.controller.dispose();
    this.controller = new ReviewController(this.memento, this.store, this.log);
  }

  api(): ReviewApi {
    return {
      session: (uri) => this.controller.session(uri),
      stored: () => this.controller.stored(),
      noteThreads: () => this.controller.noteThreads(),
      statusText: () => this.controller.statusText(),
      liveThreads: () => this.controller.liveThreads(),
      restart: () => this.restart(),
    };
  }

  private fail(e: unknown): undefined {
    const msg = e instanceof Error ? e.message : String(e);
    this.log.appendLine(`review: ${msg}`);
    void vscode.window.showErrorMessage(`Kernel Patch Lens: ${plain(msg, 300)}`);
    return undefined;
  }

  private registerCommands(): void {
    const reg = (id: string, fn: (...args: never[]) => unknown) => this.subs.push(vscode.commands.registerCommand(id, async (...args: never[]) => {
      try { return await fn(...args); } catch (e) { return this.fail(e); }
    }));
    const c = () => this.controller;

    reg('kernelPatchLens.review.start', async (version?: number) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) { void vscode.window.showInformationMessage('Open a patch thread to review first.'); return undefined; }
      const source = editor.document.uri;
      await this.store.ensure(editor.document);
      const a = c().core(source);
      if (!a) { void vscode.window.showInformationMessage('This document is not an analysed patch thread.'); return undefined; }
      const versions = seriesVersions(a);
      let v = typeof version === 'number' ? version : undefined;
      if (v === undefined && versions.length > 1) {
        const items = [...versions].reverse().map((x) => ({
          label: `v${x.version}`, description: plain(x.title, 120), detail: `${x.patches} patch${x.patches === 1 ? '' : 'es'}${x.cover ? ', cover letter' : ''}`, version: x.version,
        }));
        const pick = await vscode.window.showQuickPick(items, { title: 'Review which version of the series?', placeHolder: 'newest first' });
        if (!pick) return undefined;
        v = pick.version;
      }
      const have = c().session(source);
      let s: ReviewSession;
      if (have && (v === undefined || have.version === v)) s = have;
      else s = startSession(a, v);
      await c().put(source, s);
      await c().revealCurrent(source);
      return { key: s.key, version: s.version, patches: s.patches.length, hunks: s.patches.reduce((n, p) => n + p.hunks.length, 0), current: s.current };
    });

    const move = async (dir: 'next' | 'previous'): Promise<HunkPos | undefined> => {
      const act = c().active();
      if (!act) { void vscode.window.showInformationMessage('No review session on this thread: run Start Review Session first.'); return undefined; }
      const pos = step(act.session, act.session.current, dir);
      if (!pos) { void vscode.window.setStatusBarMessage(`Kernel Patch Lens: no ${dir} hunk in this review`, 2000); return act.session.current; }
      await c().go(act.source, pos);
      return pos;
    };
    reg('kernelPatchLens.review.next', () => move('next'));
    reg('kernelPatchLens.review.previous', () => move('previous'));
    reg('kernelPatchLens.review.markReviewed', (thread?: unknown) => c().mark('reviewed', thread));
    reg('kernelPatchLens.review.markConcern', (thread?: unknown) => c().mark('concern', thread));
    reg('kernelPatchLens.review.markSkipped', (thread?: unknown) => c().mark('skipped', thread));

    // The note of the current hunk, set directly (tests, keyboard users).
    reg('kernelPatchLens.review.setNote', async (text?: string) => {
      const act = c().active();
      const pos = act?.session.current;
      if (!act || !pos) return undefined;
      const note = typeof text === 'string' ? text : await vscode.window.showInputBox({ title: 'Review note (Markdown)', value: hunkAt(act.session, pos)?.note ?? '' });
      if (note === undefined) return undefined;
      await c().note(act.source, pos, note);
      return note;
    });

    // Comments API: a reply on a hunk thread sets (or extends) its note; edit/save/delete.
    reg('kernelPatchLens.review.saveNote', async (reply: vscode.CommentReply) => {
      const at = reply && c().threadAt(reply.thread);
      const s = at && c().session(at.source);
      if (!at || !s) return undefined;
      const old = hunkAt(s, at.pos)?.note.trim() ?? '';
      const note = old ? `${old}\n\n${reply.text}` : reply.text;
      await c().note(at.source, at.pos, note);
      return note;
    });
    reg('kernelPatchLens.review.editNote', (comment: NoteComment) => {
      const t = c().noteThreadOf(comment);
      if (!t) return;
      comment.mode = vscode.CommentMode.Editing;
      comment.body = typeof comment.body === 'string' ? comment.body : comment.body.value;
      t.comments = [...t.comments];
    });
    reg('kernelPatchLens.review.saveEditedNote', async (comment: NoteComment) => {
      const text = typeof comment.body === 'string' ? comment.body : comment.body.value;
      await c().note(vscode.Uri.parse(comment.source), comment.pos, text);
    });
    reg('kernelPatchLens.review.cancelEditNote', () => c().render());
    reg('kernelPatchLens.review.deleteNote', async (comment: NoteComment) => {
      await c().note(vscode.Uri.parse(comment.source), comment.pos, '');
    });

    reg('kernelPatchLens.review.insertImpact', async () => {
      const act = c().active();
      const pos = act?.session.current;
      const a = act && c().core(act.source);
      const h = act && pos && a && hunkAnalysisAt(act.session, pos, a);
      if (!act || !pos || !h) { void vscode.window.showInformationMessage('No current review hunk.'); return undefined; }
      const old = hunkAt(act.session, pos)?.note.trim() ?? '';
      const note = `${old ? `${old}\n\n` : ''}${impactMarkdown(h)}`;
      await c().note(act.source, pos, note);
      return note;
    });

    reg('kernelPatchLens.review.exportReply', async () => {
      const act = c().active();
      const a = act && c().core(act.source);
      if (!act || !a) { void vscode.window.showInformationMessage('No review session on this thread: run Start Review Session first.'); return undefined; }
      const replies = exportReply(act.session, a, reviewSettings());
      if (!replies.length) { void vscode.window.showInformationMessage('Nothing to reply yet: no hunk has a note, and no patch is fully reviewed with a trailer identity set.'); return []; }
      const uris: string[] = [];
      for (const r of replies) {
        for (const w of r.warnings) this.log.appendLine(`review reply ${r.fileName}: ${w}`);
        const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE, content: r.eml });
        await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
        uris.push(doc.uri.toString());
      }
      // Offered, not awaited: nothing is ever sent, files are written only when asked.
      void vscode.window.showInformationMessage(`${replies.length} review repl${replies.length === 1 ? 'y' : 'ies'} opened (nothing was sent).`, 'Save as .eml…').then(async (choice) => {
        if (!choice) return;
        const dir = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, openLabel: 'Save replies here' });
        if (!dir?.[0]) return;
        for (const r of replies) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir[0], r.fileName), new TextEncoder().encode(r.eml));
        void vscode.window.showInformationMessage(`Saved ${replies.length} .eml file(s); send them with git send-email or mutt.`);
      });
      return replies.map((r, i) => ({ uri: uris[i], fileName: r.fileName, subject: r.subject, trailer: r.trailer }));
    });

    reg('kernelPatchLens.review.end', async () => {
      const act = c().active();
      if (act) await c().drop(act.source);
    });
  }

  dispose(): void {
    this.controller.dispose();
    for (const d of this.subs) d.dispose();
  }
}
