// Discussion linking (linkDiscussion) on a whole lore thread, warm, and its quote anchoring
// alone (anchorDiscussion). Only the linking is timed; before each run the thread is read,
// threaded and its hunks extracted afresh, untimed, as one analysis hands it over (so the
// discussion reads the body lines the patch stage split, which text/body.ts keeps per part).
import { anchorDiscussion, linkDiscussion } from '../../src/core/discussion';
import { readDocument } from '../../src/core/mail';
import { extractPatches } from '../../src/core/patch';
import { buildThread } from '../../src/core/thread';
import { PerformanceObserver } from 'node:perf_hooks';
import { arg, emit, measure, median, once, readBytes, type Samples } from './util';

/** V8's GC pauses (main thread), on the performance.now() clock. */
const pauses: [number, number][] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push([e.startTime, e.startTime + e.duration]);
}).observe({ entryTypes: ['gc'] });

/**
 * Which timed runs a GC pause fell into, and the runs without one: a young-generation
 * collection that lands in a run copies what is alive, the freshly read thread included.
 */
async function gcSplit(s: Samples): Promise<{ runsWithGc: number; runs: number; gcMsInThose: number; medianWithoutGc: number | null }> {
  await new Promise((r) => setTimeout(r, 0)); // the observer is told asynchronously
  const spans = s.spans ?? [];
  const gcIn = spans.map(([a, b]) => pauses.reduce((t, [p, q]) => t + Math.max(0, Math.min(b, q) - Math.max(a, p)), 0));
  const hit = gcIn.filter((g) => g > 0);
  const clean = s.ms.filter((_, i) => gcIn[i] === 0);
  return { runsWithGc: hit.length, runs: spans.length, gcMsInThose: hit.length ? median(hit) : 0, medianWithoutGc: clean.length ? median(clean) : null };
}

async function main(): Promise<void> {
  const out = [];
  for (const file of arg('files').split(',')) {
    const bytes = readBytes(file);
    const doc = await readDocument(bytes);
    const thread = buildThread(doc.messages);
    const patches = extractPatches(doc, thread);
    const cold = await once(() => linkDiscussion(doc, thread, patches));
    const d = cold.value;
    // Each timed run gets the thread as one analysis hands it over: read, threaded and its
    // hunks extracted afresh (untimed), so nothing the previous run touched is reused.
    const fresh = async () => {
      const dd = await readDocument(bytes);
      const tt = buildThread(dd.messages);
      return { dd, tt, pp: extractPatches(dd, tt) };
    };
    const warm = await measure(({ dd, tt, pp }) => linkDiscussion(dd, tt, pp), { warmup: 2, runs: 20, budgetMs: 2500, setup: fresh });
    // Issue 5's "anchoring": parts read, quotes anchored to hunks with their comments; no
    // mentions, verdicts, trailers or claims.
    const anchorCold = await once(() => anchorDiscussion(doc, thread, patches));
    const anchoring = await measure(({ dd, tt, pp }) => anchorDiscussion(dd, tt, pp), { warmup: 2, runs: 20, budgetMs: 2500, setup: fresh });
    const anchoringGc = await gcSplit(anchoring);
    const anchoredByAnchoring = Object.keys(anchorCold.value.ctx.out.hunks).length;
    const entries = Object.values(d.hunks).reduce((a, e) => a + e.length, 0);
    out.push({
      file, messages: doc.messages.length, hunks: patches.reduce((a, p) => a + p.hunks.length, 0),
      anchoredHunks: Object.keys(d.hunks).length, entries, verdicts: Object.values(d.verdicts).reduce((a, v) => a + v.length, 0),
      cold: { ms: cold.ms, cpuMs: cold.cpuMs }, warm, anchoring, anchoringGc, anchoredByAnchoring,
    });
  }
  emit({ threads: out });
}

main().catch((e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
