// One raw message → Message. Plain single-part 7bit/8bit bodies take a fast path that
// never calls the MIME parser (most of a kernel mbox); everything else goes through it.
import { parseFrom } from './address';
import { parseDate } from './date';
import { envelopeLength } from './detect';
import { headerValue, parseHeaderBlock, parseMessageIds } from './headers';
import { mimeParts } from './mime';
import { normalizeBody } from './position';
import type { RawMessage } from './split';
import type { BodyPart, Header, Message } from './types';

function needsMime(headers: Header[], body: string): boolean {
  const ct = (headerValue(headers, 'content-type') ?? '').toLowerCase();
  const cte = (headerValue(headers, 'content-transfer-encoding') ?? '').toLowerCase().trim();
  if (ct && !/^\s*text\/plain\b/.test(ct) && !/^\s*text\s*;/.test(ct)) return true;
  if (cte && !/^(7bit|8bit|binary|7-bit|8-bit)\b/.test(cte)) return true;
  if (/format\s*=\s*"?flowed/.test(ct)) return true;
  const cs = /charset\s*=\s*"?([^";\s]+)/.exec(ct);
  if (cs && !/^(utf-?8|us-ascii|ascii)$/.test(cs[1]) && /[^\x00-\x7f]/.test(body)) return true;
  return false;
}

/** Builds the Message fields that come from headers. */
export function messageFromHeaders(index: number, span: { start: number; end: number }, headers: Header[], parts: BodyPart[], warnings: string[]): Message {
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

export async function parseMessage(raw: RawMessage, index: number): Promise<Message> {
  const warnings: string[] = [];
  // a bare message may open with a `From …` envelope line that is not a separator
  const skip = raw.escaping === 'none' ? envelopeLength(raw.text) : 0;
  const block = skip ? parseHeaderBlock(raw.text.slice(skip), raw.start + skip) : parseHeaderBlock(raw.text, raw.start);
  if (skip) block.bodyStart += skip;
  const span = { start: raw.start, end: raw.start + raw.text.length };
  const body = raw.text.slice(block.bodyStart);
  let parts: BodyPart[];
  if (!needsMime(block.headers, body)) {
    parts = [plainPart(raw, index, block.bodyStart)];
  } else {
    try {
      // the MIME parser sees what a mail reader would: the message with `>From ` unescaped
      const text = raw.escaping === 'none' ? raw.text : normalizeBody(raw.text, raw.escaping).text;
      parts = await mimeParts(text, raw.start, index, warnings);
      // positions found in an unescaped copy are only valid when nothing was removed
      if (text !== raw.text) {
        for (const p of parts) if (p.view === 'document' && raw.text.slice(p.offset - raw.start, p.offset - raw.start + p.text.length) !== p.text) { p.view = 'decoded'; p.offset = 0; }
      }
      if (parts.length === 0) warnings.push('no text part');
    } catch (e) {
      warnings.push(`MIME parse failed, body read as plain text: ${e instanceof Error ? e.message : String(e)}`);
      parts = [plainPart(raw, index, block.bodyStart)];
    }
  }
  return messageFromHeaders(index, span, block.headers, parts, warnings);
}
