// Discussion linking (linkDiscussion) on a whole lore thread, warm, and its quote anchoring
// alone (anchorDiscussion): the thread is read, threaded and its hunks extracted once; only
// the linking is timed. As in one analysis, the discussion reads the body lines the patch
// stage already split (text/body.ts keeps them per part).
import { anchorDiscussion, linkDiscussion } from '../../src/core/discussion';
import { readDocument } from '../../src/core/mail';
import { extractPatches } from '../../src/core/patch';
import { buildThread } from '../../src/core/thread';
import { arg, emit, measure, once, readBytes } from './util';

async function main(): Promise<void> {
  const out = [];
  for (const file of arg('files').split(',')) {
    const doc = await readDocument(readBytes(file));
    const thread = buildThread(doc.messages);
    const patches = extractPatches(doc, thread);
    const cold = await once(() => linkDiscussion(doc, thread, patches));
    const d = cold.value;
    const warm = await measure(() => linkDiscussion(doc, thread, patches), { warmup: 2, runs: 20, budgetMs: 2500 });
    // Issue 5's "anchoring": parts read, quotes anchored to hunks with their comments; no
    // mentions, verdicts, trailers or claims.
    const anchorCold = await once(() => anchorDiscussion(doc, thread, patches));
    const anchoring = await measure(() => anchorDiscussion(doc, thread, patches), { warmup: 2, runs: 20, budgetMs: 2500 });
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
