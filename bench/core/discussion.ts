// Discussion linking (linkDiscussion) on a whole lore thread, warm, and its quote anchoring
// alone (anchorDiscussion). Only the linking is timed; before each run the thread is read,
// threaded and its hunks extracted afresh, untimed, as one analysis hands it over (so the
// discussion reads the body lines the patch stage split, which text/body.ts keeps per part).
import { anchorDiscussion, linkDiscussion } from '../../src/core/discussion';
import { readDocument } from '../../src/core/mail';
import { extractPatches } from '../../src/core/patch';
import { buildThread } from '../../src/core/thread';
import { arg, emit, measure, once, readBytes } from './util';

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
    const anchoredByAnchoring = Object.keys(anchorCold.value.ctx.out.hunks).length;
    const entries = Object.values(d.hunks).reduce((a, e) => a + e.length, 0);
    out.push({
      file, messages: doc.messages.length, hunks: patches.reduce((a, p) => a + p.hunks.length, 0),
      anchoredHunks: Object.keys(d.hunks).length, entries, verdicts: Object.values(d.verdicts).reduce((a, v) => a + v.length, 0),
      cold: { ms: cold.ms, cpuMs: cold.cpuMs }, warm, anchoring, anchoredByAnchoring,
    });
  }
  emit({ threads: out });
}

main().catch((e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
