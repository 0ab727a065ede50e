// Where the core pipeline runs for the editor. The Node host runs it in a worker thread
// (worker-runner.ts) so a 1 MB thread never freezes the extension host; the browser host
// runs it inline. Both load the basis once per change and answer in two stages: the struct
// impacts first (the figures can be drawn), then the discussion.
import { joinDiscussion, type Analysis as CoreAnalysis, type ImpactAnalysis } from '../core/analyze';
import type { SourceTree } from '../core/c/preprocess-types';
import { linkDiscussion, type Discussion } from '../core/discussion';
import { loadBasis, runImpact, type BasisSpec, type LoadedBasis } from './analysis';

export interface RunRequest {
  /** The document (its URI); a newer request for the same key supersedes an older one. */
  key: string;
  text: string;
  name?: string;
}

/** The first stage: reading, hunks, struct impacts. */
export interface ImpactResult {
  impact: ImpactAnalysis;
  /** Types or a tree were read: the impact stage had a basis. */
  hasBasis: boolean;
  /** Set on the first result after the basis changed: what was loaded, for the log. */
  basis?: { details: string[]; problems: string[]; loadMs: number };
  where: 'worker' | 'inline';
  /** Time spent in the pipeline itself (in the worker, without the hand-over). */
  ms: number;
  /** Wall-clock stamps (Date.now(), one clock for all threads) of the stage's journey. */
  at: { started: number; posted?: number; received?: number };
}

export interface RunResult extends Omit<ImpactResult, 'impact'> {
  core: CoreAnalysis;
}

export interface Runner {
  /** The basis for the runs that follow; the same object again is a no-op. */
  setBasis(spec: BasisSpec): void;
  /**
   * The whole analysis; `onImpact` gets the first stage as soon as it is there. Undefined
   * when a newer request for the same document superseded this one.
   */
  run(req: RunRequest, onImpact?: (r: ImpactResult) => void): Promise<RunResult | undefined>;
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

  get(): { basis: LoadedBasis; report?: ImpactResult['basis'] } {
    if (!this.spec) throw new Error('no layout basis was set before the analysis');
    this.loaded ??= loadBasis(this.spec, this.tree);
    const b = this.loaded;
    const report = this.reported ? undefined : { details: b.details, problems: b.problems, loadMs: b.loadMs };
    this.reported = true;
    return { basis: b, report };
  }
}

/** The first stage against the held basis; the worker and the inline runner both call this. */
export async function impactStage(holder: BasisHolder, req: RunRequest, where: ImpactResult['where']): Promise<ImpactResult> {
  const { basis, report } = holder.get();
  const started = Date.now();
  const impact = await runImpact(req.text, basis, req.name);
  return { impact, hasBasis: !!(basis.types || basis.tree), basis: report, where, ms: Date.now() - started, at: { started } };
}

/** The second stage: the discussion of the first stage's thread, and its time. */
export function discussionStage(impact: ImpactAnalysis): { discussion: Discussion; ms: number } {
  const started = Date.now();
  const discussion = linkDiscussion(impact.doc, impact.thread, impact.patches);
  return { discussion, ms: Date.now() - started };
}

/** Both stages joined into the core's whole analysis. */
export function joined(first: ImpactResult, second: { discussion: Discussion; ms: number }): RunResult {
  const { impact, ...rest } = first;
  return { ...rest, core: joinDiscussion(impact, second.discussion, second.ms), ms: first.ms + second.ms };
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

  async run(req: RunRequest, onImpact?: (r: ImpactResult) => void): Promise<RunResult | undefined> {
    const id = ++this.seq;
    this.latest.set(req.key, id);
    const current = () => this.latest.get(req.key) === id;
    const first = await impactStage(this.holder, req, 'inline');
    if (!current()) return undefined;
    onImpact?.(first);
    // Let the figures be drawn, and newer edits supersede this run, before the discussion.
    await new Promise<void>((r) => setTimeout(r, 0));
    if (!current()) return undefined;
    return joined(first, discussionStage(first.impact));
  }

  dispose(): void {}
}
