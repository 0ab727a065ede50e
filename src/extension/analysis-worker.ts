// Entry of the analysis worker thread (Node hosts). Requests that queued up while a run
// was busy are looked at together, and only the newest one per document is analysed: an
// edit burst on a 1 MB thread costs one run, not one per keystroke.
import { parentPort } from 'node:worker_threads';
import { nodeTree } from './node-tree';
import { BasisHolder, runWith } from './runner';
import type { FromWorker, ToWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('analysis-worker.js runs as a worker thread');
const holder = new BasisHolder(nodeTree);
const queue: ToWorker[] = [];
let draining = false;

function post(m: FromWorker): void {
  port!.postMessage(m);
}

async function drain(): Promise<void> {
  draining = true;
  try {
    while (queue.length) {
      const batch = queue.splice(0);
      const newest = new Map<string, number>();
      for (const m of batch) if (m.type === 'run') newest.set(m.key, m.id);
      for (const m of batch) {
        if (m.type === 'basis') { holder.set(m.spec); continue; }
        if (newest.get(m.key) !== m.id) { post({ id: m.id, superseded: true }); continue; }
        try {
          post({ id: m.id, result: await runWith(holder, m, 'worker') });
        } catch (err) {
          post({ id: m.id, error: err instanceof Error ? err.message : String(err) });
        }
      }
      // Let messages that arrived during the runs join the next batch.
      await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    draining = false;
  }
}

port.on('message', (m: ToWorker) => {
  queue.push(m);
  if (!draining) setImmediate(() => void drain());
});
