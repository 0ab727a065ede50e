// RFC 5322 header blocks with the position of every header, so the editor can point at
// the raw text; values are unfolded and RFC 2047-decoded (by postal-mime).
import { decodeWords } from 'postal-mime';
import type { Header } from './types';

const NAME = /([!-9;-~]+)[ \t]*:/y;

export interface HeaderBlock {
  headers: Header[];
  /** Offset in `text` where the body starts (after the blank line, if any). */
  bodyStart: number;
  /** True when a blank line ended the block (false: the block ran into non-header text). */
  terminated: boolean;
}

/** Removes every line break (`\n` or `\r\n`) that a space or tab follows. */
function unfold(raw: string): string {
  let out = '';
  let from = 0;
  for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) {
    const c = raw.charCodeAt(i + 1);
    if (c !== 32 && c !== 9) continue;
    out += raw.slice(from, i > 0 && raw.charCodeAt(i - 1) === 13 ? i - 1 : i);
    from = i + 1;
  }
  return from === 0 ? raw : out + raw.slice(from);
}

export function decodeHeaderValue(raw: string): string {
  // (trim also drops a final line break)
  const unfolded = raw.includes('\n') ? unfold(raw).trim() : raw.trim();
  if (!unfolded.includes('=?')) return unfolded;
  try {
    return decodeWords(unfolded);
  } catch {
    return unfolded;
  }
}

/**
 * Reads the header block at the start of `text`; `base` is the document offset of
 * text[0]. A first line that is not a header gives no headers and a body from 0.
 */
export function parseHeaderBlock(text: string, base = 0, limit = text.length): HeaderBlock {
  const headers: Header[] = [];
  let pos = 0;
  let cur: { name: string; start: number; valueStart: number } | undefined;
  const close = (end: number): void => {
    if (!cur) return;
    // end excludes the final line terminator
    let e = end;
    if (text.charCodeAt(e - 1) === 10) e--;
    if (text.charCodeAt(e - 1) === 13) e--;
    headers.push({
      name: cur.name,
      value: decodeHeaderValue(text.slice(cur.valueStart, e)),
      span: { start: base + cur.start, end: base + e },
    });
    cur = undefined;
  };
  while (pos < limit) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= limit) nl = limit;
    const lineEnd = text.charCodeAt(nl - 1) === 13 && nl - 1 >= pos ? nl - 1 : nl;
    const next = nl < limit ? nl + 1 : limit;
    if (lineEnd === pos) {
      close(pos);
      return { headers, bodyStart: next, terminated: true };
    }
    const c = text.charCodeAt(pos);
    if ((c === 32 || c === 9) && cur) {
      pos = next;
      continue;
    }
    // A name holds no `:` nor line break, so a match at `pos` in the whole text is the one
    // the line's first 200 characters would give, when it ends inside them.
    NAME.lastIndex = pos;
    let m = NAME.exec(text);
    if (m && pos + m[0].length > Math.min(lineEnd, pos + 200)) m = null;
    if (!m) {
      close(pos);
      return { headers, bodyStart: pos, terminated: false };
    }
    close(pos);
    cur = { name: m[1], start: pos, valueStart: pos + m[0].length };
    pos = next;
  }
  close(limit);
  return { headers, bodyStart: limit, terminated: false };
}

export function headerValue(headers: Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const h of headers) if (h.name.length === lower.length && h.name.toLowerCase() === lower) return h.value;
  return undefined;
}

/** First value of each header by lower-case name (one pass instead of one per lookup). */
export function headerIndex(headers: Header[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const h of headers) {
    const k = h.name.toLowerCase();
    if (!m.has(k)) m.set(k, h.value);
  }
  return m;
}

/** Message-IDs inside angle brackets; a bare id with '@' when there are no brackets. */
export function parseMessageIds(value: string | undefined): string[] {
  if (!value) return [];
  const ids: string[] = [];
  const re = /<([^<>\s]+)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) ids.push(m[1]);
  if (ids.length === 0) {
    for (const tok of value.split(/\s+/)) if (/^[^\s@<>]+@[^\s@<>]+$/.test(tok)) ids.push(tok);
  }
  return ids;
}
