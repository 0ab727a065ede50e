// Generated inputs for the benchmarks, built from ../shared/corpus at bench time into
// bench/work/ (git-ignored). Nothing here is committed.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

export const BENCH = path.dirname(path.dirname(new URL(import.meta.url).pathname));
export const REPO = path.dirname(BENCH);
export const WORK = path.join(BENCH, 'work');
export const CORPUS = process.env.KPL_CORPUS ?? path.resolve(REPO, '../shared/corpus');
export const LORE = path.join(CORPUS, 'lore-lsm');

/** The lore threads of the corpus, or a reason they are absent. */
export function loreThreads() {
  if (!existsSync(LORE)) return { skip: `corpus not found at ${LORE} (set KPL_CORPUS)` };
  const files = readdirSync(LORE).filter((f) => f.endsWith('.mbox')).sort().map((f) => path.join(LORE, f));
  if (!files.length) return { skip: `no *.mbox in ${LORE}` };
  return { files };
}

const ID_HEADERS = /^(message-id|in-reply-to|references)$/i;

/**
 * One repeat of the threads: Message-ID, In-Reply-To and References rewritten with a
 * per-repeat prefix so that each copy is its own thread (threading sees distinct ids).
 */
export function repeatOf(text, r) {
  if (r === 0) return text;
  const lines = text.split('\n');
  let inHeader = false;
  let current = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('From ')) { inHeader = true; current = ''; continue; }
    if (!inHeader) continue;
    if (l === '' || l === '\r') { inHeader = false; continue; }
    if (l[0] !== ' ' && l[0] !== '\t') {
      const c = l.indexOf(':');
      current = c > 0 ? l.slice(0, c) : '';
    }
    if (ID_HEADERS.test(current)) lines[i] = l.replace(/<([^<>\s]+)>/g, `<r${r}.$1>`);
  }
  return lines.join('\n');
}

function ensureWork() {
  mkdirSync(WORK, { recursive: true });
}

/** The threads concatenated as one latin1 string (byte-preserving). */
function loreText(files) {
  return files.map((f) => {
    let t = readFileSync(f, 'latin1');
    if (!t.endsWith('\n')) t += '\n';
    return t;
  }).join('');
}

/** An mbox of the lore threads repeated to at least `minBytes`; reused while it is current. */
export function bigMbox(files, minBytes, name = `lore-x${Math.round(minBytes / 1e6)}MB.mbox`) {
  ensureWork();
  const out = path.join(WORK, name);
  const stamp = out + '.stamp';
  const key = JSON.stringify({ files: files.map((f) => [f, statSync(f).size]), minBytes, v: 2 });
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return out;
  const base = loreText(files);
  const parts = [];
  let size = 0;
  for (let r = 0; size < minBytes; r++) {
    const t = repeatOf(base, r);
    parts.push(t);
    size += t.length;
  }
  writeFileSync(out, parts.join(''), 'latin1');
  writeFileSync(stamp, key);
  return out;
}

/** Free bytes on the file system holding bench/work. */
export function freeBytes() {
  ensureWork();
  const s = statfsSync(WORK);
  return s.bavail * s.bsize;
}

/** A `bytes`-sized mbox streamed from repeats (never held in memory). Caller deletes it. */
export async function hugeMbox(files, bytes, name = 'huge.mbox') {
  ensureWork();
  const out = path.join(WORK, name);
  const base = loreText(files);
  const ws = createWriteStream(out);
  let size = 0;
  for (let r = 0; size < bytes; r++) {
    const buf = Buffer.from(repeatOf(base, r), 'latin1');
    size += buf.length;
    if (!ws.write(buf)) await once(ws, 'drain');
  }
  ws.end();
  await once(ws, 'finish');
  return { file: out, size };
}

/** The first `n` messages of an mbox (split on its `From ` separator lines). */
export function firstMessages(file, n, name) {
  ensureWork();
  const text = readFileSync(file, 'latin1');
  const starts = [];
  const re = /^From mboxrd@z /gm;
  let m;
  while ((m = re.exec(text))) starts.push(m.index);
  const end = starts.length > n ? starts[n] : text.length;
  const out = path.join(WORK, name);
  writeFileSync(out, text.slice(0, end), 'latin1');
  return { file: out, messages: Math.min(n, starts.length) };
}

export function remove(p) {
  rmSync(p, { recursive: true, force: true });
}

export { createReadStream };
