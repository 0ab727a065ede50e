// The one object that owns the extension's subscriptions and UI state (as rust-analyzer's
// Ctx does): it creates the store, the providers and the views, and registers commands.
import * as vscode from 'vscode';
import { AnalysisStore, LANGUAGE } from './store';
import { BasisStatus, OptionsSource, type Host } from './basis';
import { Decorations } from './decorations';
import { HoverProvider } from './hover';
import { CodeLensProvider } from './codelens';
import { ThreadTree } from './tree';
import { registerDecoded } from './decoded';
import { registerCommands } from './commands';
import { DECODED_SCHEME, parseDecoded } from './places';
import { SECTION } from './config';
import { ReviewHost } from './review-commands';

/** Documents the providers serve; the store decides which of them are threads. */
const SELECTOR: vscode.DocumentSelector = [
  { language: LANGUAGE },
  { language: 'diff' },
  { language: 'plaintext' },
  { scheme: DECODED_SCHEME },
];

export class Ctx implements vscode.Disposable {
  readonly log = vscode.window.createOutputChannel('Kernel Patch Lens');
  readonly store: AnalysisStore;
  readonly tree: ThreadTree;
  readonly review: ReviewHost;
  private readonly subs: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext, readonly host: Host) {
    this.register(this.log);
    const options = this.register(new OptionsSource(host, this.log, vscode.Uri.joinPath(extension.extensionUri, 'media')));
    const runner = host.runner(extension.extensionUri);
    this.register({ dispose: () => runner.dispose() });
    this.store = this.register(new AnalysisStore(() => options.get(), runner, this.log));
    const status = this.register(new BasisStatus());
    this.register(new Decorations(this.store, vscode.Uri.joinPath(extension.extensionUri, 'media')));
    this.register(vscode.languages.registerHoverProvider(SELECTOR, new HoverProvider(this.store)));
    this.register(vscode.languages.registerCodeLensProvider(SELECTOR, this.register(new CodeLensProvider(this.store))));
    this.tree = this.register(new ThreadTree(this.store, (uri) => sourceOf(uri)));
    this.register(vscode.window.createTreeView('kernelPatchLens.thread', { treeDataProvider: this.tree, showCollapseAll: true }));
    for (const d of registerDecoded(this.store)) this.register(d);
    registerCommands(this);
    this.review = this.register(new ReviewHost(extension.globalState, this.store, this.log));

    const showStatus = () => {
      const doc = vscode.window.activeTextEditor?.document;
      status.visible(!!doc && this.store.isThread(doc) || doc?.uri.scheme === DECODED_SCHEME);
      // Say which basis the figures on screen actually came from.
      const a = doc && this.store.get(sourceOf(doc.uri));
      const used = new Set((a?.hunks ?? []).flatMap((h) => (h.impact?.structs ?? []).map((s) => `${s.basis}: ${s.basisDetail}`)));
      status.update(used.size ? `figures from ${[...used].join('; ')}` : a ? `no struct figures in this document${a.missing.includes('impact') ? ' (no basis could be read)' : ''}` : undefined);
    };
    this.register(vscode.window.onDidChangeActiveTextEditor(showStatus));
    this.register(this.store.onDidChange(showStatus));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SECTION)) this.store.refreshAll(); }));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.store.refreshAll()));
    showStatus();
  }

  register<T extends vscode.Disposable>(d: T): T {
    this.subs.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.subs.reverse()) d.dispose();
  }
}

/** A decoded body part belongs to the document it was decoded from. */
function sourceOf(uri: vscode.Uri): vscode.Uri {
  const d = parseDecoded(uri);
  return d && !d.gz ? d.src : uri;
}
