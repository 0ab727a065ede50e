// MIME bodies go to postal-mime (structure, transfer encodings, charsets, flowed text);
// this file only turns its result into BodyParts and finds parts that stand verbatim in
// the document so they can keep document positions.
import PostalMime from 'postal-mime';
import type { Attachment } from 'postal-mime';
import { decodeBytes } from './bytes';
import type { BodyPart } from './types';

const PATCH_NAME = /\.(patch|diff|txt)$/i;

// The core builds against ES2022 without DOM types (see bytes.ts).
interface Encoder { encode(s: string): Uint8Array }
interface Decoder { decode(b: Uint8Array): string }
const TE = (globalThis as unknown as { TextEncoder: new () => Encoder }).TextEncoder;
const TD = (globalThis as unknown as { TextDecoder: new (label: string) => Decoder }).TextDecoder;
let utf8: { encoder: Encoder; decoder: Decoder } | undefined;

function hexNibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * The text postal-mime gives for the body of a single, non-multipart, inline `text/plain`
 * part in UTF-8 whose transfer encoding is quoted-printable (`qp`), base64 or 7bit/8bit (`plain`),
 * computed the way it does (its lines split at LF with trailing CR/LF dropped, QP escapes
 * and soft breaks read byte by byte, every line given back a LF, the bytes decoded as
 * UTF-8) without its per-line promises and Blob round trips. `body` is the text that
 * follows the blank line after the headers handed to postal-mime.
 */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Uint8Array(256);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUE[BASE64.charCodeAt(i)] = i;

/** postal-mime's decodeBase64 of one `=`-free unit, written at `p`; returns the end. */
function base64Unit(unit: string, out: Uint8Array, p: number): number {
  let len = unit.length;
  // a remainder of one character cannot encode a byte
  if (len % 4 === 1) len--;
  const rem = len % 4;
  const end = p + Math.floor(len / 4) * 3 + (rem ? rem - 1 : 0);
  const at = (i: number): number => (i < len ? BASE64_VALUE[unit.charCodeAt(i)] : 0);
  for (let i = 0; i < len; i += 4) {
    const e1 = at(i), e2 = at(i + 1), e3 = at(i + 2), e4 = at(i + 3);
    out[p++] = (e1 << 2) | (e2 >> 4);
    if (p < end) out[p++] = ((e2 & 15) << 4) | (e3 >> 2);
    if (p < end) out[p++] = ((e3 & 3) << 6) | (e4 & 63);
  }
  return p;
}

/** A lone surrogate: the UTF-8 round trip turns it into U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The `plain` reading below on the string itself: each line's trailing CRs dropped, a LF
 * after the last line. Undefined where the byte round trip would change the text (a lone
 * surrogate, or a leading BOM, which the decoder drops).
 */
function plainLines(body: string): string | undefined {
  if (body.charCodeAt(0) === 0xfeff || LONE_SURROGATE.test(body)) return undefined;
  const text = body.includes('\r') ? body.replace(/\r+(?=\n)/g, '') : body;
  if (body.length === 0 || body.charCodeAt(body.length - 1) === 10) return text;
  return text.replace(/\r+$/, '') + '\n';
}

export function simpleTextBody(body: string, encoding: 'qp' | 'plain' | 'base64'): string {
  utf8 ??= { encoder: new TE(), decoder: new TD('utf-8') };
  if (encoding === 'base64') {
    // postal-mime's Base64Decoder: every character outside the alphabet and `=` dropped
    // (line breaks included), each run of `=` ends a unit, units decoded one by one
    const s = body.replace(/[^a-zA-Z0-9+/=]+/g, '');
    const out = new Uint8Array(Math.ceil((s.length * 3) / 4) + 3);
    let o = 0;
    for (const unit of s.split(/=+/)) o = base64Unit(unit, out, o);
    return utf8.decoder.decode(out.subarray(0, o));
  }
  // Quoted-printable without a `=` has no escapes and no soft breaks: it reads as plain.
  if (encoding === 'plain' || !body.includes('=')) {
    const text = plainLines(body);
    if (text !== undefined) return text;
  }
  const src = utf8.encoder.encode(body);
  const n = src.length;
  const out = new Uint8Array(n + 1);
  const qp = encoding === 'qp';
  let o = 0;
  let pos = 0;
  while (pos < n) {
    // postal-mime's readLine: up to and including the LF; CR/LF at the end are not content
    const start = pos;
    let end = pos;
    while (pos < n) {
      const c = src[pos++];
      if (c !== 13 && c !== 10) end = pos;
      else if (c === 10) break;
    }
    if (!qp) {
      out.set(src.subarray(start, end), o);
      o += end - start;
      out[o++] = 10;
      continue;
    }
    // QPDecoder.update: a final `=` is a soft line break; `=XX` needs both digits on the line
    let stop = end;
    const soft = stop > start && src[stop - 1] === 61;
    if (soft) stop--;
    for (let i = start; i < stop; i++) {
      const c = src[i];
      if (c === 61 && i + 2 < stop) {
        const hi = hexNibble(src[i + 1]);
        const lo = hexNibble(src[i + 2]);
        if (hi >= 0 && lo >= 0) {
          out[o++] = (hi << 4) | lo;
          i += 2;
          continue;
        }
      }
      out[o++] = c;
    }
    if (!soft) out[o++] = 10;
  }
  return utf8.decoder.decode(out.subarray(0, o));
}

const SIMPLE_TYPE = /^content-type[ \t]*:[ \t]*text\/plain[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*(?:utf-?8|"utf-?8")[ \t]*)?$/i;
const SIMPLE_CTE = /^content-transfer-encoding[ \t]*:[ \t]*(quoted-printable|base64|7bit|8bit)[ \t]*$/i;

/**
 * Which simpleTextBody encoding reads a part with these raw MIME header lines exactly as
 * postal-mime would, or undefined when only postal-mime can tell (any other type, charset,
 * parameter, encoding, a disposition, folded or repeated headers). Other headers
 * (MIME-Version, Content-Language, Content-ID, Content-Description) do not change the text
 * of an inline part.
 */
export function simpleTextEncoding(mimeHeaderLines: readonly string[]): 'qp' | 'plain' | 'base64' | undefined {
  let type = 0;
  let cte: 'qp' | 'plain' | 'base64' | undefined;
  for (const line of mimeHeaderLines) {
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) return undefined;
    const colon = line.indexOf(':');
    const key = (colon < 0 ? line : line.slice(0, colon)).replace(/[ \t]+$/, '').toLowerCase();
    if (key === 'content-type') {
      if (!SIMPLE_TYPE.test(line)) return undefined;
      type++;
    } else if (key === 'content-transfer-encoding') {
      const m = SIMPLE_CTE.exec(line);
      if (!m || cte) return undefined;
      const v = m[1].toLowerCase();
      cte = v === 'quoted-printable' ? 'qp' : v === 'base64' ? 'base64' : 'plain';
    } else if (key.startsWith('content-disposition')) {
      return undefined;
    }
  }
  return type === 1 ? cte ?? 'plain' : undefined;
}

/** The body part for a decoded text: document view when it stands verbatim in the body. */
export function textPart(raw: string, body: { at: number; offset: number }, id: string, contentType: string, text: string, attachment: boolean, filename?: string): BodyPart {
  const norm = text.replace(/\r\n?/g, '\n');
  const at = norm.length > 0 && !raw.includes('\r', body.at) ? raw.indexOf(norm, body.at) : -1;
  const part: BodyPart = at >= 0
    ? { id, contentType, attachment, text: norm, view: 'document', offset: body.offset + at - body.at }
    : { id, contentType, attachment, text: norm, view: 'decoded', offset: 0 };
  if (filename) part.filename = filename;
  return part;
}

function isTextAttachment(a: Attachment): boolean {
  const t = a.mimeType.toLowerCase();
  if (t === 'text/html' || t === 'text/calendar') return false;
  if (t.startsWith('text/')) return true;
  if (t === 'application/octet-stream' || t === 'application/x-patch' || t === 'application/x-diff') {
    return !!a.filename && PATCH_NAME.test(a.filename);
  }
  return false;
}

function attachmentText(a: Attachment): string {
  const c = a.content;
  if (typeof c === 'string') return c;
  const bytes = c instanceof Uint8Array ? c : new Uint8Array(c);
  return decodeBytes(bytes, 'utf-8');
}

/**
 * Parses a MIME entity with postal-mime. `raw` is the entity text (its MIME headers, a
 * blank line, the body); `body` says where its body starts in `raw` and at which document
 * offset. Parts whose decoded text stands verbatim in the body keep document positions.
 */
export async function mimeParts(input: string | Uint8Array, body: { at: number; offset: number }, index: number, warnings: string[]): Promise<BodyPart[]> {
  const raw = typeof input === 'string' ? input : decodeBytes(input, 'latin1');
  const email = await PostalMime.parse(input, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 64 });
  const parts: BodyPart[] = [];
  const add = (contentType: string, text: string, attachment: boolean, filename?: string): void => {
    parts.push(textPart(raw, body, `${index}.${parts.length}`, contentType, text, attachment, filename));
  };
  if (email.text !== undefined) add('text/plain', email.text, false);
  else if (email.html !== undefined) add('text/html', email.html.replace(/<[^>]*>/g, ''), false);
  for (const a of email.attachments) {
    if (!isTextAttachment(a)) continue;
    try {
      add(a.mimeType, attachmentText(a), true, a.filename ?? undefined);
    } catch (e) {
      warnings.push(`attachment ${a.filename ?? a.mimeType} unreadable: ${String(e)}`);
    }
  }
  return parts;
}
