// Where the reading time goes, warm, on a few MB of the same mbox: bytes → text, mbox
// split, message parsing (headers, MIME, transfer decoding), threading, hunk extraction;
// parsing once more with the CLI's in-memory Blob (what `stats` and `thread` install).
import { documentText, parseMessage, splitMbox } from '../../src/core/mail';
import type { MailDocument, Message } from '../../src/core/mail/types';
import { extractPatches } from '../../src/core/patch';
import { buildThread } from '../../src/core/thread';
import { useMemoryBlob } from '../../src/cli/commands/stats';
import { arg, emit, measure, readBytes } from './util';

async function main(): Promise<void> {
  const bytes = readBytes(arg('file'));
  const mb = bytes.length / 1e6;
  const opts = { warmup: 2, runs: 10, budgetMs: 1500 };
  const text = documentText(bytes).text;
  const raws = splitMbox(text);
  const parseAll = async () => {
    const out: Message[] = [];
    for (let i = 0; i < raws.length; i++) out.push(await parseMessage(raws[i], i));
    return out;
  };
  const messages = await parseAll();
  const thread = buildThread(messages);
  const stages = {
    decodeText: await measure(() => documentText(bytes), opts),
    split: await measure(() => splitMbox(text), opts),
    parseMessages: await measure(parseAll, { ...opts, warmup: 1 }),
    thread: await measure(() => buildThread(messages), opts),
    // Fresh parts each run: the lines of a part are split once and kept with it (text/body.ts).
    extractPatches: await measure(({ d, t }) => extractPatches(d, t), { ...opts, setup: async () => {
      const d: MailDocument = { kind: 'mbox', messages: await parseAll(), warnings: [] };
      return { d, t: buildThread(d.messages) };
    } }),
    // the CLI swaps Node's Blob (which postal-mime reads parts through) for an in-memory one
    parseMessagesCliBlob: await (async () => { useMemoryBlob(); return measure(parseAll, { ...opts, warmup: 1 }); })(),
  };
  const out: Record<string, unknown> = { bytes: bytes.length, messages: messages.length };
  for (const [k, s] of Object.entries(stages)) out[k] = { median: s.median, cpuMs: s.cpuMs, mbPerSecondCpu: mb / (s.cpuMs / 1000), mbPerSecondWall: mb / (s.median / 1000) };
  emit(out);
}

main().catch((e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
