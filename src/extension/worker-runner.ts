// The Node host's runner: the core pipeline in a worker thread, so the extension host
// stays responsive while a large thread is analysed. A worker that dies fails the runs in
// flight with one line each and is started again on the next run.
import { Worker } from 'node:worker_threads';
import type { BasisSpec } from './analysis';
import { joined, type ImpactResult, type Runner, type RunRequest, type RunResult } from './runner';
import { restoreLines, withText, type FromWorker, type ToWorker } from './worker-protocol';

interface Pending {
  /** The text sent, put back into the impact the worker answers without it. */
  text: string;
  resolve(r: RunResult | undefined): void;
  reject(e: Error): void;
  onImpact?: (r: ImpactResult) => void;
  first?: ImpactResult;
}

export class WorkerRunner implements Runner {
  private worker: Worker | undefined;
  private spec: BasisSpec | undefined;
  private sentSpec: BasisSpec | undefined;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;

  constructor(private readonly script: string) {}

  setBasis(spec: BasisSpec): void {
    this.spec = spec;
    if (this.worker && spec !== this.sentSpec) this.send({ type: 'basis', spec });
  }

  run(req: RunRequest, onImpact?: (r: ImpactResult) => void): Promise<RunResult | undefined> {
    const w = this.start();
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { text: req.text, resolve, reject, onImpact });
      w.postMessage({ type: 'run', id, ...req } satisfies ToWorker);
    });
  }

  private send(m: ToWorker): void {
    if (m.type === 'basis') this.sentSpec = m.spec;
    this.worker!.postMessage(m);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script);
    // The worker must not keep a host that is shutting down alive.
    w.unref();
    w.on('message', (m: FromWorker) => this.answer(m));
    w.on('error', (err) => this.fail(w, `analysis worker failed: ${err.message}`));
    w.on('exit', (code) => this.fail(w, `analysis worker exited (code ${code})`));
    this.worker = w;
    this.sentSpec = undefined;
    if (this.spec) this.send({ type: 'basis', spec: this.spec });
    return w;
  }

  private answer(m: FromWorker): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if ('impact' in m) {
      const first = withText(m.impact, p.text);
      first.at = { ...first.at, received: Date.now() };
      p.first = first;
      try {
        p.onImpact?.(first);
      } catch { /* a listener's failure is the listener's; the run goes on */ }
      return;
    }
    this.pending.delete(m.id);
    if ('discussion' in m) {
      if (!p.first) return p.reject(new Error('analysis worker sent a discussion before the impacts'));
      try {
        restoreLines(p.first.impact, m.lines);
      } catch (err) {
        return p.reject(err instanceof Error ? err : new Error(String(err)));
      }
      p.resolve(joined(p.first, m));
    } else if ('superseded' in m) p.resolve(undefined);
    else p.reject(new Error(m.error));
  }

  private fail(w: Worker, why: string): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new Error(why));
    this.pending.clear();
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) p.resolve(undefined);
    this.pending.clear();
    void w?.terminate();
  }
}
