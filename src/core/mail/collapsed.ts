// Text whose newlines were collapsed into spaces (a copy out of a rendered archive page).
// Detecting it, and recovering the header fields when the whole header block was
// collapsed into the start of the one line (seed 003). Rebuilding the body's lines is the
// patch stage's job; here the body stays one document-view part.
import { decodeHeaderValue } from './headers';
import type { Header } from './types';

/** Long lines full of spaces make up most of the text. */
export function isCollapsed(text: string): boolean {
  if (text.length < 400) return false;
  let long = 0;
  let pos = 0;
  let lines = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    lines++;
    const len = nl - pos;
    if (len >= 800) {
      const sample = text.slice(pos, Math.min(nl, pos + 4000));
      const spaces = sample.split(' ').length - 1;
      // prose and code collapsed together: many words, and the marks of mail or diffs
      if (spaces / sample.length > 0.08 && /(?:^| )(?:>+ |[+-] |@@ |diff --git |\w+: )/.test(sample)) long += len;
    }
    pos = nl + 1;
  }
  return long >= text.length * 0.5 && lines < text.length / 200;
}

const KNOWN = new Set([
  'return-path', 'received', 'date', 'message-id', 'mime-version', 'subject', 'from', 'to', 'cc',
  'content-type', 'content-transfer-encoding', 'precedence', 'in-reply-to', 'references', 'sender',
  'reply-to', 'user-agent', 'delivered-to', 'authentication-results', 'dkim-signature', 'organization',
  'content-disposition', 'thread-topic', 'thread-index', 'importance', 'bcc',
]);

function isKnownName(name: string): boolean {
  const n = name.toLowerCase();
  return KNOWN.has(n) || n.startsWith('x-') || n.startsWith('list-') || n.startsWith('arc-');
}

/** Where a single-valued header's value ends when the body follows it directly. */
function lastValueEnd(name: string, value: string): number {
  const n = name.toLowerCase();
  let m: RegExpExecArray | null = null;
  if (n === 'content-type') m = /^\S+(?:\s*;\s*[\w-]+=(?:"[^"]*"|\S+?)(?=;|\s|$))*;?/.exec(value);
  else if (n === 'date') m = /^(?:\w{3},\s*)?\d{1,2}\s+\w{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{4})?(?:\s*\([A-Z]+\))?/.exec(value);
  else if (n === 'subject' || n === 'from' || n === 'to' || n === 'cc') m = null;
  else m = /^\S*/.exec(value);
  return m ? m[0].length : value.length;
}

export interface CollapsedHead {
  headers: Header[];
  bodyStart: number;
}

/** Header fields run together at the start of one line: `Return-Path: … Subject: … From: …`. */
export function parseCollapsedHead(text: string, base = 0): CollapsedHead | undefined {
  const first = /^([A-Za-z][A-Za-z0-9-]*):(?: |$)/.exec(text);
  if (!first || !isKnownName(first[1])) return undefined;
  const re = /(?:^|\s)([A-Za-z][A-Za-z0-9-]*):(?= |$)/g;
  const marks: { name: string; start: number; valueStart: number }[] = [];
  let m: RegExpExecArray | null;
  const scanEnd = Math.min(text.length, 64 * 1024);
  const region = text.slice(0, scanEnd);
  while ((m = re.exec(region))) {
    if (!isKnownName(m[1])) continue;
    const start = m.index + (m[0].length - m[1].length - 1);
    // a header must follow the previous one closely: prose far away is not header text
    if (marks.length && start - marks[marks.length - 1].valueStart > 2000) break;
    marks.push({ name: m[1], start, valueStart: start + m[1].length + 2 });
  }
  if (marks.length < 3) return undefined;
  const headers: Header[] = [];
  let bodyStart = text.length;
  for (let i = 0; i < marks.length; i++) {
    const h = marks[i];
    let end: number;
    if (i + 1 < marks.length) {
      end = marks[i + 1].start;
    } else {
      const rest = text.slice(h.valueStart, Math.min(text.length, h.valueStart + 1000));
      end = h.valueStart + lastValueEnd(h.name, rest);
      bodyStart = end;
    }
    while (end > h.start && /\s/.test(text[end - 1])) end--;
    const raw = text.slice(Math.min(h.valueStart, end), end);
    headers.push({ name: h.name, value: decodeHeaderValue(raw), span: { start: base + h.start, end: base + end } });
  }
  while (bodyStart < text.length && /\s/.test(text[bodyStart])) bodyStart++;
  return { headers, bodyStart };
}
