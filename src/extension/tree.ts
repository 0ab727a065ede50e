// The thread view: messages (nested as replies) → the patch a message carries → its hunks
// → the comments on each hunk. Labels are plain text built from mail fields via `plain`.
import * as vscode from 'vscode';
import type { AnalysisStore } from './store';
import type { Analysis, HunkView, PatchView } from './model';
import type { ThreadNode } from '../core/thread/types';
import type { DiscussionEntry } from '../core/discussion/types';
import { bytes, fileLabel, lensTitle, verdictText } from './labels';
import { hunkDelta } from './model';
import { commentPlace, hunkPlace } from './lookup';
import { plain } from './safe';
import type { Place } from './places';

type Node =
  | { kind: 'message'; message: number; children: ThreadNode[] }
  | { kind: 'patch'; patch: PatchView }
  | { kind: 'hunk'; hunk: HunkView }
  | { kind: 'comment'; comment: DiscussionEntry; hunk: HunkView };

export class ThreadTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private source: vscode.Uri | undefined;

  private shown: unknown;

  constructor(private readonly store: AnalysisStore, private readonly sourceOf: (uri: vscode.Uri) => vscode.Uri) {
    store.onDidChange(() => this.follow());
    vscode.window.onDidChangeActiveTextEditor(() => this.follow());
    this.follow();
  }

  /**
   * The tree shows the thread of the active editor (or of the last thread editor). It is
   * redrawn only when that thread or its analysis changed, so revealing a place from the
   * tree keeps the nodes the user expanded.
   */
  private follow(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (uri) {
      const src = this.sourceOf(uri);
      if (this.store.get(src)) this.source = src;
    }
    const now = this.source && this.store.get(this.source);
    if (now === this.shown) return;
    this.shown = now;
    this.changed.fire(undefined);
  }

  get current(): { source: vscode.Uri; analysis: Analysis } | undefined {
    const a = this.source && this.store.get(this.source);
    return a && this.source ? { source: this.source, analysis: a } : undefined;
  }

  getChildren(node?: Node): Node[] {
    const cur = this.current;
    if (!cur) return [];
    const a = cur.analysis;
    if (!node) {
      return a.thread.roots.flatMap((r) => this.messageNodes(r));
    }
    switch (node.kind) {
      case 'message': {
        const out: Node[] = [];
        const p = a.patches.find((x) => x.message === node.message);
        if (p && p.hunks.length) out.push({ kind: 'patch', patch: p });
        for (const c of node.children) out.push(...this.messageNodes(c));
        return out;
      }
      case 'patch': return node.patch.hunks.map((h) => ({ kind: 'hunk' as const, hunk: h }));
      case 'hunk': return node.hunk.comments.map((c) => ({ kind: 'comment' as const, comment: c, hunk: node.hunk }));
      default: return [];
    }
  }

  /** A container for a message missing from the file stands aside; its replies show. */
  private messageNodes(t: ThreadNode): Node[] {
    if (t.message === undefined) return t.children.flatMap((c) => this.messageNodes(c));
    return [{ kind: 'message', message: t.message, children: t.children }];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const cur = this.current!;
    const a = cur.analysis;
    const open = (p: Place): vscode.Command => ({ title: 'Reveal', command: 'kernelPatchLens.reveal', arguments: [cur.source.toString(), p] });
    switch (node.kind) {
      case 'message': {
        const m = a.mail!.messages[node.message];
        const p = a.patches.find((x) => x.message === node.message);
        const hasKids = node.children.length > 0 || (p?.hunks.length ?? 0) > 0;
        const item = new vscode.TreeItem(plain(m.subject || '(no subject)', 120), hasKids ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        const v = p ? verdictText(p.verdicts) : undefined;
        item.description = [plain(m.from.name || m.from.address, 60), m.date?.slice(0, 10), v].filter(Boolean).join(' · ');
        item.tooltip = `${plain(m.from.name)} <${plain(m.from.address)}>\n${plain(m.dateRaw ?? m.date ?? '')}\n${plain(m.messageId ?? '')}`;
        item.iconPath = new vscode.ThemeIcon(p?.hunks.length ? 'git-pull-request' : 'mail');
        item.contextValue = 'message';
        item.id = `${cur.source.toString()}#m${node.message}`;
        item.command = open({ view: 'document', start: m.span.start, end: m.span.start });
        return item;
      }
      case 'patch': {
        const deltas = node.patch.hunks.map(hunkDelta).filter((d): d is number => d !== undefined);
        const item = new vscode.TreeItem(`patch: ${node.patch.hunks.length} hunks`, vscode.TreeItemCollapsibleState.Expanded);
        item.description = [deltas.length ? bytes(deltas.reduce((s, d) => s + d, 0)) : undefined, verdictText(node.patch.verdicts)].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon('diff');
        item.contextValue = 'patch';
        item.id = `${cur.source.toString()}#p${node.patch.message}`;
        const first = node.patch.hunks[0];
        if (first) item.command = open(hunkPlace(first));
        return item;
      }
      case 'hunk': {
        const h = node.hunk;
        const item = new vscode.TreeItem(fileLabel(h), h.comments.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = (h.hunk.structs.length || h.impact) ? lensTitle(h) : `${h.comments.length} comments`;
        item.iconPath = new vscode.ThemeIcon(h.hunk.quoted ? 'quote' : 'symbol-structure');
        item.contextValue = 'hunk';
        item.id = `${cur.source.toString()}#h${h.key}`;
        item.command = open(hunkPlace(h));
        return item;
      }
      case 'comment': {
        const c = node.comment;
        const item = new vscode.TreeItem(plain(c.from.name || c.from.address || 'unknown', 60));
        item.description = plain(c.excerpt, 160);
        item.tooltip = `${plain(c.from.name)}${c.date ? `, ${plain(c.date)}` : ''}\n${plain(c.excerpt, 1000)}`;
        item.iconPath = new vscode.ThemeIcon('comment');
        item.contextValue = 'comment';
        item.command = open(commentPlace(c));
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
