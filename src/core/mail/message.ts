// One raw message → Message. Plain single-part 7bit/8bit bodies take a fast path that
// never calls the MIME parser (most of a kernel mbox); everything else goes through it.
import { parseFrom } from './address';
import { binaryToBytes } from './bytes';
import { parseDate } from './date';
import { envelopeLength } from './detect';
import { headerIndex, parseHeaderBlock, parseMessageIds } from './headers';
import { mimeParts, simpleTextBody, simpleTextEncoding, textPart } from './mime';
import { normalizeBody } from './position';
import { unflow } from './flowed';
import type { RawMessage } from './split';
import type { BodyPart, Header, Message } from './types';

function needsMime(index: Map<string, string>, body: string): boolean {
  const ct = (index.get('content-type') ?? '').toLowerCase();
  const cte = (index.get('content-transfer-encoding') ?? '').toLowerCase().trim();
  if (ct && !/^\s*text\/plain\b/.test(ct) && !/^\s*text\s*;/.test(ct)) return true;
  if (cte && !/^(7bit|8bit|binary|7-bit|8-bit)\b/.test(cte)) return true;
  if (/format\s*=\s*"?flowed/.test(ct)) return true;
  // an 8bit body in another charset is already decoded: the document was read in it
  // (bytesToText falls back to windows-1252 when the bytes are not UTF-8)
  void body;
  return false;
}

/** Builds the Message fields that come from headers. */
export function messageFromHeaders(index: number, span: { start: number; end: number }, headers: Header[], parts: BodyPart[], warnings: string[], hi = headerIndex(headers)): Message {
  const headerValue = (_: Header[], name: string): string | undefined => hi.get(name);
  const dateRaw = headerValue(headers, 'date');
  const date = parseDate(dateRaw);
  if (dateRaw && !date) warnings.push(`unreadable Date: ${dateRaw.slice(0, 80)}`);
  const msg: Message = {
    index,
    span,
    headers,
    references: parseMessageIds(headerValue(headers, 'references')),
    from: parseFrom(headerValue(headers, 'from')),
    subject: headerValue(headers, 'subject') ?? '',
    parts,
    warnings,
  };
  const id = parseMessageIds(headerValue(headers, 'message-id'))[0];
  if (id) msg.messageId = id;
  const irt = parseMessageIds(headerValue(headers, 'in-reply-to'))[0];
  if (irt) msg.inReplyTo = irt;
  if (date) msg.date = date;
  if (dateRaw) msg.dateRaw = dateRaw;
  return msg;
}

function plainPart(raw: RawMessage, index: number, bodyStart: number): BodyPart {
  const n = normalizeBody(raw.text.slice(bodyStart), raw.escaping);
  const part: BodyPart = {
    id: `${index}.0`, contentType: 'text/plain', attachment: false,
    text: n.text, view: 'document', offset: raw.start + bodyStart,
  };
  if (n.removed) part.removed = n.removed;
  return part;
}

const SINGLE_BYTE = /^(iso-8859-\d+|latin-?1|windows-125\d|cp125\d|us-ascii)$/i;

/**
 * postal-mime reads strings as UTF-8. A message whose 8bit parts all declare a single-byte
 * charset was decoded byte for byte into this text; handing those bytes back lets
 * postal-mime apply the declared charset itself.
 */
function asMimeInput(text: string): string | Uint8Array {
  // The charset test comes first: most messages declare UTF-8 in their first lines, which
  // settles it without scanning the whole text for 8bit characters.
  const re = /charset\s*=\s*"?([^";\s]+)/gi;
  let charsets = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!SINGLE_BYTE.test(m[1])) return text;
    charsets++;
  }
  if (charsets === 0) return text;
  if (!/[^\x00-\x7f]/.test(text) || /[^\x00-\xff]/.test(text)) return text;
  return binaryToBytes(text);
}

export async function parseMessage(raw: RawMessage, index: number): Promise<Message> {
  const warnings: string[] = [];
  // a bare message may open with a `From …` envelope line that is not a separator
  const skip = raw.escaping === 'none' ? envelopeLength(raw.text) : 0;
  const block = skip ? parseHeaderBlock(raw.text.slice(skip), raw.start + skip) : parseHeaderBlock(raw.text, raw.start);
  if (skip) block.bodyStart += skip;
  const span = { start: raw.start, end: raw.start + raw.text.length };
  const body = raw.text.slice(block.bodyStart);
  const hi = headerIndex(block.headers);
  let parts: BodyPart[];
  if (!needsMime(hi, body)) {
    parts = [plainPart(raw, index, block.bodyStart)];
  } else {
    try {
      // postal-mime gets only the MIME headers (the others are read above) and the body
      // as a mail reader would see it, `>From ` unescaped
      // a single flowed text part is unwrapped here, quote-aware (see flowed.ts)
      const ct = (hi.get('content-type') ?? '').toLowerCase();
      const flowed = /^\s*text\/plain\b/.test(ct) && /format\s*=\s*"?flowed/.test(ct);
      const mimeLines = block.headers
        .filter((h) => /^(content-|mime-version$)/i.test(h.name))
        .map((h) => {
          const text = raw.text.slice(h.span.start - raw.start, h.span.end - raw.start);
          return flowed && /^content-type$/i.test(h.name) ? text.replace(/;?\s*format\s*=\s*"?flowed"?/i, '') : text;
        });
      const bodyText = raw.escaping === 'none' ? body : normalizeBody(body, raw.escaping).text;
      const head = mimeLines.join('\n') + '\n\n';
      const input = asMimeInput(head + bodyText);
      const at = { at: head.length, offset: raw.start + block.bodyStart };
      // One inline UTF-8 text/plain part, quoted-printable or 7bit/8bit: read here exactly
      // as postal-mime reads it (see simpleTextBody), without its per-line overhead.
      const simple = typeof input === 'string' ? simpleTextEncoding(mimeLines) : undefined;
      const text = simple ? simpleTextBody(bodyText, simple) : '';
      parts = text
        ? [textPart(input as string, at, `${index}.0`, 'text/plain', text, false)]
        : await mimeParts(input, at, index, warnings);
      if (flowed && parts[0] && !parts[0].attachment) {
        const text = unflow(parts[0].text, /delsp\s*=\s*"?yes/.test(ct));
        if (text !== parts[0].text) parts[0] = { ...parts[0], text, view: 'decoded', offset: 0 };
      }
      // positions found in an unescaped copy are only valid when nothing was removed
      if (bodyText !== body) {
        for (const p of parts) {
          const at = p.offset - raw.start;
          if (p.view === 'document' && raw.text.slice(at, at + p.text.length) !== p.text) { p.view = 'decoded'; p.offset = 0; }
        }
      }
      if (parts.length === 0) warnings.push('no text part');
    } catch (e) {
      warnings.push(`MIME parse failed, body read as plain text: ${e instanceof Error ? e.message : String(e)}`);
      parts = [plainPart(raw, index, block.bodyStart)];
    }
  }
  return messageFromHeaders(index, span, block.headers, parts, warnings, hi);
}
