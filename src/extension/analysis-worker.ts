// Entry of the analysis worker thread (Node hosts). Requests that queued up while a run
// was busy are looked at together, and only the newest one per document is analysed: an
// edit burst on a 1 MB thread costs one run, not one per keystroke. A run posts its struct
// impacts first, then its discussion, unless a newer request for the document came between.
import { parentPort } from 'node:worker_threads';
import { nodeTree } from '../node/tree';
import { inflatedSnapshot } from '../node/snapshot';
import { BasisHolder, discussionStage, impactStage } from './runner';
import type { BasisSpec } from './analysis';
import { sendCut, withoutText, type FromWorker, type ToWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('analysis-worker.js runs as a worker thread');
const holder = new BasisHolder(nodeTree);
const queue: ToWorker[] = [];
let draining = false;

function post(m: FromWorker): void {
  port!.postMessage(m);
}

/** Lets messages that arrived during a run reach the queue. */
function arrivals(): Promise<void> {
  return new Promise<void>((r) => setImmediate(r));
}

/** The embedded snapshot arrives gzipped; zlib inflates it here, faster than the core. */
function inflated(spec: BasisSpec): BasisSpec {
  const t = spec.types;
  if (t?.kind !== 'snapshot') return spec;
  const bytes = inflatedSnapshot(t.bytes);
  return bytes === t.bytes ? spec : { ...spec, types: { kind: 'snapshot', bytes } };
}

const newerQueued = (key: string): boolean => queue.some((m) => m.type === 'run' && m.key === key);

async function runOne(m: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  try {
    const first = await impactStage(holder, m, 'worker');
    const impact = withoutText(first);
    impact.at = { ...first.at, posted: Date.now() };
    const lines = sendCut(first.impact, () => post({ id: m.id, impact }));
    await arrivals();
    if (newerQueued(m.key)) return post({ id: m.id, superseded: true });
    post({ id: m.id, ...discussionStage(first.impact), lines });
  } catch (err) {
    post({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
}

async function drain(): Promise<void> {
  draining = true;
  try {
    while (queue.length) {
      const batch = queue.splice(0);
      const newest = new Map<string, number>();
      for (const m of batch) if (m.type === 'run') newest.set(m.key, m.id);
      for (const m of batch) {
        if (m.type === 'basis') holder.set(inflated(m.spec));
        else if (newest.get(m.key) !== m.id || newerQueued(m.key)) post({ id: m.id, superseded: true });
        else await runOne(m);
      }
      await arrivals();
    }
  } finally {
    draining = false;
  }
}

port.on('message', (m: ToWorker) => {
  queue.push(m);
  if (!draining) setImmediate(() => void drain());
});
