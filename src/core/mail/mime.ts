// MIME bodies go to postal-mime (structure, transfer encodings, charsets, flowed text);
// this file only turns its result into BodyParts and finds parts that stand verbatim in
// the document so they can keep document positions.
import PostalMime from 'postal-mime';
import type { Attachment } from 'postal-mime';
import { decodeBytes } from './bytes';
import type { BodyPart } from './types';

const PATCH_NAME = /\.(patch|diff|txt)$/i;

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
    const norm = text.replace(/\r\n?/g, '\n');
    const id = `${index}.${parts.length}`;
    const at = norm.length > 0 && !raw.includes('\r', body.at) ? raw.indexOf(norm, body.at) : -1;
    const part: BodyPart = at >= 0
      ? { id, contentType, attachment, text: norm, view: 'document', offset: body.offset + at - body.at }
      : { id, contentType, attachment, text: norm, view: 'decoded', offset: 0 };
    if (filename) part.filename = filename;
    parts.push(part);
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
