// In-process thread reading: readDocument (split + decode) + buildThread + extractPatches
// over one large mbox held in memory, reported in MB/s of input bytes.
import { readDocument } from '../../src/core/mail';
import { buildThread } from '../../src/core/thread';
import { extractPatches } from '../../src/core/patch';
import { arg, emit, measure, readBytes } from './util';

async function main(): Promise<void> {
  const file = arg('file');
  const warmFile = arg('warm', file);
  const runs = Number(arg('runs', '2'));
  const bytes = readBytes(file);
  const warmBytes = warmFile === file ? bytes : readBytes(warmFile);
  let counts = { messages: 0, hunks: 0, patches: 0 };
  const job = async (b: Uint8Array) => {
    const doc = await readDocument(b);
    const thread = buildThread(doc.messages);
    const ps = extractPatches(doc, thread);
    counts = { messages: doc.messages.length, patches: ps.filter((p) => p.hasPatch).length, hunks: ps.reduce((a, p) => a + p.hunks.length, 0) };
  };
  // warm-up on a smaller input of the same kind, so the JIT has seen every path
  await job(warmBytes);
  await job(warmBytes);
  const s = await measure(() => job(bytes), { warmup: 0, runs, budgetMs: 1, minRuns: runs });
  emit({ bytes: bytes.length, ...counts, ...s, mbPerSecond: bytes.length / 1e6 / (s.median / 1000), rssMB: Math.round(process.memoryUsage().rss / 1e6) });
}

main().catch((e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
