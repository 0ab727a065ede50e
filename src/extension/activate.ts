// Shared activation for the Node and the browser entry points. The returned API is what
// the extension-host tests use to look at the analysis the UI is showing.
import * as vscode from 'vscode';
import { Ctx } from './ctx';
import type { Host } from './basis';
import type { Analysis } from './model';
import { treeRows, type TreeRow } from './testing';
import type { ReviewApi } from './review-commands';

export interface Api {
  analysis(uri: vscode.Uri): Analysis | undefined;
  ensure(doc: vscode.TextDocument): Promise<Analysis | undefined>;
  /** The thread view's rows as rendered (for tests and screen readers' sake, plain text). */
  treeRows(): Promise<TreeRow[]>;
  /** No analysis of the document is scheduled or running. */
  idle(uri: vscode.Uri): boolean;
  /** Fires with the document URI whenever a whole analysis (discussion included) lands. */
  onDidAnalyse: vscode.Event<vscode.Uri>;
  /** Review sessions: the bound session, storage, note threads, and a simulated restart. */
  review: ReviewApi;
}

export function activateWith(context: vscode.ExtensionContext, host: Host): Api {
  const ctx = new Ctx(context, host);
  context.subscriptions.push(ctx);
  return {
    analysis: (uri) => ctx.store.get(uri),
    ensure: (doc) => ctx.store.ensure(doc),
    idle: (uri) => ctx.store.idle(uri),
    treeRows: () => treeRows(ctx.tree),
    onDidAnalyse: ctx.store.onDidComplete,
    review: ctx.review.api(),
  };
}
