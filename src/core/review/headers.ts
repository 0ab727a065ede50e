// RFC 5322 header fields for the exported reply. Mail text is 8-bit in the body, but
// header fields must be ASCII: non-ASCII words go out as RFC 2047 encoded words, and
// long fields are folded at spaces so every line stays well under 998 octets.
import type { Address } from '../mail/types';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number): string => String(n).padStart(2, '0');

/** `Mon, 23 Nov 2026 20:25:35 +0000` (UTC: the core knows no local time zone). */
export function rfc5322Date(d: Date): string {
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** One word as `=?UTF-8?Q?…?=` chunks of at most 75 characters (RFC 2047 §2). */
function encodeWord(word: string): string[] {
  const chunks: string[] = [];
  let cur = '';
  for (const ch of word) {
    const enc = /[A-Za-z0-9!*+\-/]/.test(ch) ? ch : encodeURIComponent(ch).replace(/%/g, '=').replace(/^([^=].*)$/, (c) => '=' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
    if (cur.length + enc.length > 75 - 12) { chunks.push(`=?UTF-8?Q?${cur}?=`); cur = ''; }
    cur += enc;
  }
  if (cur) chunks.push(`=?UTF-8?Q?${cur}?=`);
  return chunks;
}

/** Unstructured text (Subject): ASCII words as they are, others encoded. */
export function encodeText(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (ASCII_PRINTABLE.test(clean)) return clean;
  // Adjacent encoded words are joined without their separating space by decoders, so a
  // run of non-ASCII words is encoded as one run, spaces included.
  const words = clean.split(' ');
  const out: string[] = [];
  let run: string[] = [];
  const flush = (): void => { if (run.length) out.push(...encodeWord(run.join(' '))); run = []; };
  for (const w of words) {
    if (ASCII_PRINTABLE.test(w) && !/=\?/.test(w)) { flush(); out.push(w); } else run.push(w);
  }
  flush();
  return out.join(' ');
}

/** `Name <addr>` with the name quoted or encoded as needed. */
export function formatAddress(a: Address): string {
  const addr = a.address.replace(/[<>\s]/g, '');
  const name = a.name.replace(/[\r\n]+/g, ' ').trim();
  if (!name || name === addr) return addr;
  if (!ASCII_PRINTABLE.test(name)) return `${encodeWord(name).join(' ')} <${addr}>`;
  // Atoms only (RFC 5322 3.2.3); a dot, as in "R. Eviewer", needs quotes.
  if (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$/.test(name)) return `${name} <${addr}>`;
  return `"${name.replace(/[\\"]/g, (c) => '\\' + c)}" <${addr}>`;
}

/** `Name: value`, folded before a space once a line would pass 78 characters. */
export function field(name: string, value: string): string {
  const words = value.split(' ');
  const lines: string[] = [];
  let line = `${name}:`;
  for (const w of words) {
    if (line.length + 1 + w.length > 78 && line.length > name.length + 1) { lines.push(line); line = ''; }
    line += ' ' + w;
  }
  lines.push(line);
  return lines.join('\n');
}

/** A Message-ID that can stand between angle brackets in a header as it is. */
export function headerSafeId(id: string): boolean {
  return id.length > 0 && id.length < 900 && /^[\x21-\x7e]+$/.test(id) && !/[<>]/.test(id);
}
