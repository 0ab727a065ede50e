// Where the core pipeline runs for the editor. The Node host runs it in a worker thread
// (worker-runner.ts) so a 1 MB thread never freezes the extension host; the browser host
// runs it inline. Both load the basis once per change and answer with the same result.
import type { Analysis as CoreAnalysis } from '../core/analyze';
import type { SourceTree } from '../core/c/preprocess-types';
import { loadBasis, runCore, type BasisSpec, type LoadedBasis } from './analysis';

export interface RunRequest {
  /** The document (its URI); a newer request for the same key supersedes an older one. */
  key: string;
  text: string;
  name?: string;
}

export interface RunResult {
  core: CoreAnalysis;
  /** Types or a tree were read: the impact stage had a basis. */
  hasBasis: boolean;
  /** Set on the first result after the basis changed: what was loaded, for the log. */
  basis?: { details: string[]; problems: string[]; loadMs: number };
  where: 'worker' | 'inline';
  /** Time spent in the pipeline itself (in the worker, without the hand-over). */
  ms: number;
}

export interface Runner {
  /** The basis for the runs that follow; the same object again is a no-op. */
  setBasis(spec: BasisSpec): void;
  /** Undefined when a newer request for the same document superseded this one. */
  run(req: RunRequest): Promise<RunResult | undefined>;
  dispose(): void;
}

/** The basis, loaded on first need after each change; shared by the inline runner and the worker. */
export class BasisHolder {
  private spec: BasisSpec | undefined;
  private loaded: LoadedBasis | undefined;
  private reported = false;

  constructor(private readonly tree?: SourceTree) {}

  set(spec: BasisSpec): void {
    if (spec === this.spec) return;
    this.spec = spec;
    this.loaded = undefined;
    this.reported = false;
  }

  get(): { basis: LoadedBasis; report?: RunResult['basis'] } {
    if (!this.spec) throw new Error('no layout basis was set before the analysis');
    this.loaded ??= loadBasis(this.spec, this.tree);
    const b = this.loaded;
    const report = this.reported ? undefined : { details: b.details, problems: b.problems, loadMs: b.loadMs };
    this.reported = true;
    return { basis: b, report };
  }
}

/** Runs one request against the held basis; the worker and the inline runner both call this. */
export async function runWith(holder: BasisHolder, req: RunRequest, where: RunResult['where']): Promise<RunResult> {
  const { basis, report } = holder.get();
  const started = Date.now();
  const core = await runCore(req.text, basis, req.name);
  return { core, hasBasis: !!(basis.types || basis.tree), basis: report, where, ms: Date.now() - started };
}

export class InlineRunner implements Runner {
  private readonly holder: BasisHolder;
  private readonly latest = new Map<string, number>();
  private seq = 0;

  constructor(tree?: SourceTree) {
    this.holder = new BasisHolder(tree);
  }

  setBasis(spec: BasisSpec): void {
    this.holder.set(spec);
  }

  async run(req: RunRequest): Promise<RunResult | undefined> {
    const id = ++this.seq;
    this.latest.set(req.key, id);
    const r = await runWith(this.holder, req, 'inline');
    return this.latest.get(req.key) === id ? r : undefined;
  }

  dispose(): void {}
}
