// Keeps one analysis per thread document: debounced after edits, cancelled when the text
// changes again, re-run when settings change, dropped when the document closes.
import * as vscode from 'vscode';
import { toAnalysis, type BasisSpec } from './analysis';
import type { Analysis } from './model';
import type { Runner } from './runner';
import { DECODED_SCHEME, parseDecoded } from './places';
import { settings } from './config';

export const LANGUAGE = 'kernel-patch-thread';
const LARGE = 512 * 1024;

interface Pending {
  timer?: ReturnType<typeof setTimeout>;
  cts: vscode.CancellationTokenSource;
  /** The run in flight, for the document version it reads. */
  version?: number;
  done?: Promise<Analysis | undefined>;
}

export class AnalysisStore implements vscode.Disposable {
  private readonly results = new Map<string, Analysis>();
  private readonly pending = new Map<string, Pending>();
  /** Documents the user asked to annotate whatever their language. */
  private readonly annotated = new Set<string>();
  /** When each thread document opened, until its first analysis lands (the budget is from opening). */
  private readonly opened = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** An analysis landed: the figures first, then again with the discussion. */
  readonly onDidChange = this.changed.event;
  private readonly completed = new vscode.EventEmitter<vscode.Uri>();
  /** An analysis landed with its discussion linked. */
  readonly onDidComplete = this.completed.event;
  private readonly subs: vscode.Disposable[] = [this.changed, this.completed];

  constructor(private readonly options: () => Promise<BasisSpec>, private readonly runner: Runner, private readonly log: vscode.OutputChannel) {
    this.subs.push(
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (this.isThread(d)) this.opened.set(d.uri.toString(), Date.now());
        this.schedule(d, 0);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document, settings(e.document).debounceMs);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  isThread(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme === DECODED_SCHEME) return parseDecoded(doc.uri)?.gz === true;
    if (this.annotated.has(doc.uri.toString())) return true;
    if (doc.languageId === LANGUAGE) return true;
    return /\.(mbox|mbx|eml|patch|diff)$/i.test(doc.uri.path) && doc.languageId !== 'plaintext';
  }

  get(uri: vscode.Uri): Analysis | undefined {
    return this.results.get(uri.toString());
  }

  /** Nothing scheduled or in flight for `uri`: what is shown is final until the next change. */
  idle(uri: vscode.Uri): boolean {
    return !this.pending.has(uri.toString());
  }

  async annotate(doc: vscode.TextDocument): Promise<Analysis | undefined> {
    this.annotated.add(doc.uri.toString());
    return this.run(doc);
  }

  /** Re-runs every open thread (settings or basis changed). */
  refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** The whole analysis for `doc` (discussion included): the one in flight, else computed now. */
  async ensure(doc: vscode.TextDocument): Promise<Analysis | undefined> {
    const a = this.get(doc.uri);
    if (a && a.version === doc.version && !a.discussionPending) return a;
    if (!this.isThread(doc)) return undefined;
    const p = this.pending.get(doc.uri.toString());
    if (p?.done && p.version === doc.version) {
      const r = await p.done;
      if (r) return r;
    }
    return this.run(doc);
  }

  schedule(doc: vscode.TextDocument, delay: number): void {
    if (!this.isThread(doc)) return;
    const key = doc.uri.toString();
    this.cancel(key);
    const cts = new vscode.CancellationTokenSource();
    const entry: Pending = { cts };
    entry.timer = setTimeout(() => { void this.run(doc, cts); }, delay);
    this.pending.set(key, entry);
  }

  private async run(doc: vscode.TextDocument, cts = new vscode.CancellationTokenSource()): Promise<Analysis | undefined> {
    const key = doc.uri.toString();
    let entry = this.pending.get(key);
    if (entry?.cts !== cts) {
      this.cancel(key);
      entry = { cts };
      this.pending.set(key, entry);
    }
    const name = doc.uri.path.split('/').pop() ?? '';
    // One copy of the text per run: on a 1 MB thread each getText() joins 23,000 lines anew.
    const text = doc.getText();
    const version = doc.version;
    const work = async (): Promise<Analysis | undefined> => {
      try {
        const started = Date.now();
        // Give a burst of edits the chance to cancel this run before it starts.
        await new Promise<void>((r) => setTimeout(r, 0));
        if (cts.token.isCancellationRequested) return undefined;
        const live = () => !cts.token.isCancellationRequested && !doc.isClosed;
        // The UI model of either stage, with where and how long the pipeline ran.
        const model = (core: Parameters<typeof toAnalysis>[0], run: { hasBasis: boolean; where: Analysis['where']; ms: number }): Analysis =>
          ({ ...toAnalysis(core, version, run.hasBasis, Date.now() - started), where: run.where, pipelineMs: run.ms });
        this.runner.setBasis(await this.options());
        const r = await this.runner.run({ key, text, name }, (first) => {
          if (first.basis) {
            for (const d of first.basis.details) this.log.appendLine(`layout basis: ${d} (${first.basis.loadMs} ms)`);
            for (const p of first.basis.problems) this.log.appendLine(p);
          }
          if (!live()) return;
          const modelStarted = Date.now();
          const a = model(first.impact, first);
          const { posted, received } = first.at;
          a.figures = {
            ms: a.ms, pipelineMs: first.ms, readMs: first.impact.millis.read, impactMs: first.impact.millis.impact,
            ...(first.where === 'worker' ? { toWorkerMs: first.at.started - started, handOverMs: received !== undefined && posted !== undefined ? received - posted : undefined } : {}),
            modelMs: Date.now() - modelStarted,
          };
          for (const p of a.problems) this.log.appendLine(`${doc.uri.fsPath || key}: ${p}`);
          this.log.appendLine(`analysed ${name} (${text.length} chars) in ${a.ms} ms (${first.ms} ms of it in the ${first.where === 'worker' ? 'analysis worker' : 'pipeline'}): ${a.hunks.length} hunks` +
            (a.missing.length ? `; no size figures: ${a.missing.join(', ')} had no layout basis` : ''));
          this.land(key, doc, a);
        });
        if (!r || !live()) return undefined;
        const a = model(r.core, r);
        const before = this.results.get(key);
        if (before?.version === version) {
          a.sinceOpenMs = before.sinceOpenMs;
          a.figures = before.figures;
        }
        this.log.appendLine(`discussion of ${name} linked: ${a.ms} ms after the analysis started (${r.core.millis.discussion} ms linking)`);
        this.land(key, doc, a);
        return a;
      } catch (err) {
        // Bad input must never take the extension host down: one line in the log instead.
        this.log.appendLine(`${key}: analysis failed: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      } finally {
        if (this.pending.get(key)?.cts === cts) this.pending.delete(key);
      }
    };
    entry.version = version;
    entry.done = text.length < LARGE
      ? work()
      : Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Kernel Patch Lens: analysing thread', cancellable: false }, work));
    return entry.done;
  }

  /** Shows `a` (listeners draw synchronously, so after fire() it is on screen) and times it from the open. */
  private land(key: string, doc: vscode.TextDocument, a: Analysis): void {
    this.results.set(key, a);
    this.changed.fire(doc.uri);
    if (!a.discussionPending) this.completed.fire(doc.uri);
    const openedAt = this.opened.get(key);
    if (openedAt === undefined) return;
    const since = Date.now() - openedAt;
    const name = doc.uri.path.split('/').pop();
    if (a.sinceOpenMs === undefined) {
      a.sinceOpenMs = since;
      this.log.appendLine(`annotated ${name} ${since} ms after it opened`);
    }
    if (!a.discussionPending) {
      this.opened.delete(key);
      a.discussionSinceOpenMs = since;
      this.log.appendLine(`discussion of ${name} shown ${since} ms after it opened`);
    }
  }

  private cancel(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    if (p.timer) clearTimeout(p.timer);
    p.cts.cancel();
    p.cts.dispose();
    this.pending.delete(key);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cancel(key);
    this.opened.delete(key);
    if (this.results.delete(key)) this.changed.fire(uri);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
    for (const s of this.subs) s.dispose();
  }
}
