// `kernel-patch-lens stats <file>…`: counts only, read as a stream so memory stays flat
// however large the mbox (gzip and UTF-8 decoded chunk by chunk, one message at a time).
import { closeSync, openSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Gunzip } from 'fflate';
import { MboxSplitter, parseMessage, readDocument, isFromLine } from '../../core/mail/index';
import type { Message } from '../../core/mail/types';
import { extractPatches, messagePatches } from '../../core/patch/index';
import type { MessagePatches } from '../../core/patch/types';
import { buildThread } from '../../core/thread/index';
import { UsageError } from '../util';

export const STATS_SCHEMA = 'kernel-patch-lens.stats@1';

/**
 * postal-mime gathers every decoded part in a Blob and reads it back with
 * `blob.arrayBuffer()`; Node's Blob does that through its C++ stream machinery, which was
 * a third of the time spent reading a QP-heavy mbox. In the CLI process a synchronous
 * in-memory Blob does the same job (the core itself stays untouched and browser-safe).
 */
class MemoryBlob {
  readonly type: string;
  private readonly bytes: Uint8Array;
  constructor(parts: readonly unknown[] = [], options?: { type?: string }) {
    this.type = options?.type ?? '';
    const chunks: Uint8Array[] = [];
    for (const p of parts) {
      if (p instanceof Uint8Array) chunks.push(p);
      else if (p instanceof ArrayBuffer) chunks.push(new Uint8Array(p));
      else if (ArrayBuffer.isView(p)) chunks.push(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
      else if (p instanceof MemoryBlob) chunks.push(p.bytes);
      else chunks.push(new TextEncoder().encode(String(p)));
    }
    if (chunks.length === 1) this.bytes = chunks[0].slice();
    else {
      let n = 0;
      for (const c of chunks) n += c.length;
      this.bytes = new Uint8Array(n);
      let at = 0;
      for (const c of chunks) { this.bytes.set(c, at); at += c.length; }
    }
  }
  get size(): number { return this.bytes.length; }
  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.bytes.buffer.slice(this.bytes.byteOffset, this.bytes.byteOffset + this.bytes.byteLength) as ArrayBuffer);
  }
  text(): Promise<string> { return Promise.resolve(new TextDecoder().decode(this.bytes)); }
  slice(start?: number, end?: number, type?: string): MemoryBlob {
    return new MemoryBlob([this.bytes.slice(start, end)], { type });
  }
  get [Symbol.toStringTag](): string { return 'Blob'; }
}

export function useMemoryBlob(): void {
  (globalThis as unknown as { Blob: unknown }).Blob = MemoryBlob;
}
const CHUNK = 1 << 20;

interface Counts {
  files: number;
  messages: number;
  patches: number;
  hunks: number;
  quotedHunks: number;
  structHunks: number;
  bytes: number;
}

function count(c: Counts, mp: MessagePatches): void {
  if (mp.hasPatch) c.patches++;
  c.hunks += mp.hunks.length;
  for (const h of mp.hunks) {
    if (h.quoted) c.quotedHunks++;
    if (h.structs.length) c.structHunks++;
  }
}

/** Yields the file's decoded text in chunks (gunzipped when it is gzip). */
function* textChunks(file: string, onBytes: (n: number) => void): Generator<string> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    const buf = new Uint8Array(CHUNK);
    const decoder = new TextDecoder('utf-8');
    let gz: Gunzip | undefined;
    let pending: string[] = [];
    let first = true;
    let gzDone = false;
    let gzSize = 0;
    const tail = new Uint8Array(4);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, CHUNK, null);
      } catch (e) {
        throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
      onBytes(n);
      const chunk = buf.subarray(0, n);
      // keep the last four bytes: gzip's ISIZE trailer checks the stream was complete
      if (n >= 4) tail.set(chunk.subarray(n - 4));
      else if (n > 0) { tail.copyWithin(0, n); tail.set(chunk, 4 - n); }
      if (first) {
        first = false;
        if (n >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) {
          gz = new Gunzip((data, final) => {
            gzSize += data.length;
            pending.push(decoder.decode(data, { stream: true }));
            if (final) gzDone = true;
          });
        }
      }
      if (gz) {
        try {
          gz.push(chunk.slice(), n === 0);
        } catch (e) {
          throw new Error(`cannot read ${file}: unreadable gzip data: ${e instanceof Error ? e.message : String(e)}`);
        }
        const isize = (tail[0] | (tail[1] << 8) | (tail[2] << 16) | (tail[3] << 24)) >>> 0;
        if (n === 0 && (!gzDone || isize !== gzSize % 2 ** 32)) throw new Error(`cannot read ${file}: unreadable gzip data: truncated or corrupt`);
        for (const s of pending) yield s;
        pending = [];
      } else if (n > 0) {
        yield decoder.decode(chunk, { stream: true });
      }
      if (n === 0) break;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

async function statsFile(file: string, c: Counts): Promise<void> {
  const gen = textChunks(file, (n) => { c.bytes += n; });
  // a `for…of` that breaks would close the generator; this view never does
  const chunks: Iterable<string> = { [Symbol.iterator]: () => ({ next: () => gen.next() }) };
  const firstParts: string[] = [];
  let head = '';
  // enough text to tell an mbox from anything else
  for (let r = gen.next(); !r.done; r = gen.next()) {
    firstParts.push(r.value);
    head += r.value;
    if (head.length >= 4096 || head.includes('\n')) break;
  }
  const firstLine = head.slice(head.search(/\S|$/)).split('\n', 1)[0];
  if (!isFromLine(firstLine)) {
    // not an mbox: one document, read whole (single messages, archives, HTML)
    let text = firstParts.join('');
    for (const s of chunks) text += s;
    const doc = await readDocument(text, { name: file });
    c.messages += doc.messages.length;
    for (const mp of extractPatches(doc, buildThread(doc.messages))) count(c, mp);
    return;
  }
  const splitter = new MboxSplitter();
  // The patches a reply answers are its ancestors (In-Reply-To, then References, nearest
  // first), as extractPatches reads them with the whole thread; a bounded map of the
  // recent messages with hunks stands in for the thread so memory stays flat.
  const withHunks = new Map<string, { mp: MessagePatches; size: number }>();
  // bounded by the text the kept messages hold, not by their number: big patches count
  const BUDGET = 8 * 1024 * 1024;
  const MAX = 256;
  let held = 0;
  let index = 0;
  const take = async (raws: ReturnType<MboxSplitter['push']>): Promise<void> => {
    for (const raw of raws) {
      const m: Message = await parseMessage(raw, index++);
      c.messages++;
      const sources: MessagePatches[] = [];
      const ids = [m.inReplyTo, ...[...m.references].reverse()];
      for (const id of ids) {
        const mp = id ? withHunks.get(id)?.mp : undefined;
        if (mp && !sources.includes(mp)) sources.push(mp);
        if (sources.length >= 4) break;
      }
      const mp = messagePatches(m, 'mbox', sources);
      count(c, mp);
      if (mp.hunks.length && m.messageId) {
        const old = withHunks.get(m.messageId);
        if (old) { held -= old.size; withHunks.delete(m.messageId); }
        const size = raw.text.length;
        withHunks.set(m.messageId, { mp, size });
        held += size;
        for (const [id, e] of withHunks) {
          if ((held <= BUDGET && withHunks.size <= MAX) || withHunks.size <= 1) break;
          held -= e.size;
          withHunks.delete(id);
        }
      }
    }
  };
  for (const s of firstParts) await take(splitter.push(s));
  for (const s of chunks) await take(splitter.push(s));
  await take(splitter.end());
}

export async function statsCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: {} });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (parsed.positionals.length === 0) throw new UsageError('stats: at least one <file> expected');
  useMemoryBlob();
  const c: Counts = { files: 0, messages: 0, patches: 0, hunks: 0, quotedHunks: 0, structHunks: 0, bytes: 0 };
  const t0 = process.hrtime.bigint();
  for (const file of parsed.positionals) {
    await statsFile(file, c);
    c.files++;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const out = {
    schema: STATS_SCHEMA,
    ...c,
    seconds: Math.round(seconds * 1e4) / 1e4,
    mbPerSecond: seconds > 0 ? Math.round((c.bytes / 1e6 / seconds) * 100) / 100 : null,
    rssMB: Math.round(process.memoryUsage().rss / 1e6),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  return 0;
}
