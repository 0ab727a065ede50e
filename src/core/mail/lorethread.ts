// lore.kernel.org's thread view (/T/) copied as text: many messages, each opened by
// `From: Name @ 2024-11-13 10:19 UTC (permalink / raw)` with indented To:/Cc: lines, its
// subject on the `* Re: …` line above, and closed by `^ permalink raw reply …`.
import { decodeHeaderValue } from './headers';
import type { Header } from './types';

const FROM_AT = /^From: (.+?) @ (\d{4}-\d{2}-\d{2} +\d{1,2}:\d{2}(?::\d{2})?(?: UTC)?)(?: \(.*\))?\r?$/;
const SUBJECT_LINE = /^\* (.+?)\r?$/;
const CLOSE = /^\^ permalink /;

export interface LoreMessageText {
  headers: Header[];
  /** Offsets of the message (From line to close) and of its body in the text. */
  start: number;
  end: number;
  bodyStart: number;
  bodyEnd: number;
}

interface L { text: string; start: number; end: number; next: number }

function lines(text: string): L[] {
  const out: L[] = [];
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const end = text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    out.push({ text: text.slice(pos, end), start: pos, end, next: Math.min(nl + 1, text.length) });
    pos = nl + 1;
  }
  return out;
}

export function isLoreThread(text: string): boolean {
  let n = 0;
  const re = /^From: .+? @ \d{4}-\d{2}-\d{2} +\d{1,2}:\d{2}/gm;
  while (re.exec(text) && ++n < 2);
  return n >= 2 || (n === 1 && /^\^ permalink raw reply/m.test(text));
}

export function splitLoreThread(text: string, base = 0): LoreMessageText[] {
  const ls = lines(text);
  const out: LoreMessageText[] = [];
  let subject: { value: string; l: L } | undefined;
  for (let i = 0; i < ls.length; i++) {
    const s = SUBJECT_LINE.exec(ls[i].text);
    if (s) { subject = { value: s[1], l: ls[i] }; continue; }
    const f = FROM_AT.exec(ls[i].text);
    if (!f) continue;
    const from = ls[i];
    const headers: Header[] = [
      { name: 'From', value: decodeHeaderValue(f[1]), span: { start: base + from.start, end: base + from.end } },
      { name: 'Date', value: f[2].replace(/\s+/g, ' '), span: { start: base + from.start, end: base + from.end } },
    ];
    if (subject) headers.push({ name: 'Subject', value: subject.value, span: { start: base + subject.l.start, end: base + subject.l.end } });
    let j = i + 1;
    // indented header lines: `  To: …`, `  Cc: …` and their continuations
    let cur: Header | undefined;
    for (; j < ls.length && /^\s+\S/.test(ls[j].text); j++) {
      const h = /^\s+([A-Za-z-]+): (.*)$/.exec(ls[j].text);
      if (h) {
        cur = { name: h[1], value: h[2].trim(), span: { start: base + ls[j].start, end: base + ls[j].end } };
        headers.push(cur);
      } else if (cur) {
        cur.value += ' ' + ls[j].text.trim();
        cur.span.end = base + ls[j].end;
      }
    }
    while (j < ls.length && ls[j].text.trim() === '') j++;
    const bodyStart = j < ls.length ? ls[j].start : text.length;
    let k = j;
    while (k < ls.length && !CLOSE.test(ls[k].text) && !FROM_AT.test(ls[k].text)) k++;
    const bodyEnd = k < ls.length ? ls[k].start : text.length;
    const end = k < ls.length && CLOSE.test(ls[k].text) ? ls[k].next : bodyEnd;
    out.push({ headers, start: base + from.start, end: base + end, bodyStart: base + bodyStart, bodyEnd: base + bodyEnd });
    i = k - 1;
    subject = undefined;
  }
  return out;
}
