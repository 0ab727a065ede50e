// What kind of document this is, from its content (file names lie or are absent).
import { isCollapsed } from './collapsed';
import { isFromLine } from './fromline';
import { parseHeaderBlock } from './headers';
import { looksLikeHtml } from './html';
import type { InputKind } from './types';
import { looksLikeArchive } from './webarchive';
import { isLoreThread } from './lorethread';

const MAIL_HEADERS = /^(from|date|subject|message-id|received|return-path|to|cc|in-reply-to|references|mime-version|content-type|delivered-to|x-[\w-]+)$/i;

function firstLine(text: string): string {
  const start = text.search(/\S/);
  if (start < 0) return '';
  const nl = text.indexOf('\n', start);
  return text.slice(start, nl < 0 ? text.length : nl);
}

/** A leading `From …` envelope line that is not an mbox separator (mbox fragments). */
export function envelopeLength(text: string): number {
  if (!text.startsWith('From ')) return 0;
  const nl = text.indexOf('\n');
  if (nl < 0 || text.slice(0, nl).includes(':') && /^From [\w.-]*:/.test(text)) return 0;
  return nl + 1;
}

/** A header block of real mail headers, ended by a blank line, at the very start. */
export function hasMailHeaders(text: string): boolean {
  let head = text.slice(0, 256 * 1024);
  head = head.slice(envelopeLength(head));
  const nl = head.indexOf('\n');
  if ((nl < 0 ? head.length : nl) > 998) return false;
  const block = parseHeaderBlock(head);
  const known = block.headers.filter((h) => MAIL_HEADERS.test(h.name)).length;
  return known >= 1 && (block.terminated || block.bodyStart >= head.length) && known >= Math.min(2, block.headers.length);
}

export function detectKind(text: string): InputKind {
  if (looksLikeHtml(text)) return 'html';
  if (isFromLine(firstLine(text))) return 'mbox';
  if (hasMailHeaders(text)) return 'message';
  if (isCollapsed(text)) return 'collapsed';
  if (looksLikeArchive(text) || isLoreThread(text.slice(0, 1 << 20))) return 'webarchive';
  if (/^diff --git |^--- \S[^\n]*\n\+\+\+ \S/m.test(text.slice(0, 1 << 20))) return 'diff';
  return 'message';
}
