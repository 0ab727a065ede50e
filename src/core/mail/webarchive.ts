// Text copied from a web archive page (lore, lkml.iu.edu, spinics, marc): a few header
// lines (`From: Al Viro`, `Date: Fri Mar 17 2023 - 17:21:39 EST`, often a bare subject
// line first), then the body. Only the header lines that the page shows are known.
import { decodeHeaderValue } from './headers';
import type { Header } from './types';

const PAGE_HEADER = /^(From|Date|Subject|To|Cc|Message-Id|In-Reply-To|References|List|Reply-To|Sender|Newsgroups|User-Agent|Organization|Mail-Followup-To)[ \t]*:[ \t]?(.*)$/i;

export interface ArchiveHead {
  headers: Header[];
  /** Offset (in the text given) where the body starts. */
  bodyStart: number;
}

interface LineRef { text: string; start: number; end: number }

function firstLines(text: string, max: number): LineRef[] {
  const out: LineRef[] = [];
  let pos = 0;
  while (out.length < max && pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const end = text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    out.push({ text: text.slice(pos, end), start: pos, end });
    if (nl >= text.length) break;
    pos = nl + 1;
  }
  return out;
}

/**
 * Finds the page's header lines near the top of `text` (`base`: document offset of
 * text[0]). Returns undefined unless both a From: and a Date: line are there.
 */
export function parseArchiveHead(text: string, base = 0): ArchiveHead | undefined {
  const lines = firstLines(text, 24);
  let from = -1;
  let date = -1;
  for (let i = 0; i < lines.length; i++) {
    const m = PAGE_HEADER.exec(lines[i].text);
    if (!m) continue;
    const name = m[1].toLowerCase();
    if (name === 'from' && from < 0) from = i;
    if (name === 'date' && date < 0) date = i;
  }
  if (from < 0 || date < 0 || Math.abs(from - date) > 8) return undefined;
  const first = Math.min(from, date);
  // the header run: header lines around From/Date, blank lines allowed between them
  let lo = first;
  while (lo > 0 && (PAGE_HEADER.test(lines[lo - 1].text) || lines[lo - 1].text.trim() === '')) lo--;
  let hi = Math.max(from, date);
  while (hi + 1 < lines.length && PAGE_HEADER.test(lines[hi + 1].text)) hi++;
  const headers: Header[] = [];
  let subjectSeen = false;
  for (let i = lo; i <= hi; i++) {
    const m = PAGE_HEADER.exec(lines[i].text);
    if (!m) continue;
    if (m[1].toLowerCase() === 'subject') subjectSeen = true;
    headers.push({ name: m[1], value: decodeHeaderValue(m[2]), span: { start: base + lines[i].start, end: base + lines[i].end } });
  }
  if (!subjectSeen) {
    // lkml.iu.edu and lore pages put the subject alone on the first line
    const s = lines.slice(0, lo + 1).find((l) => l.text.trim() !== '' && !PAGE_HEADER.test(l.text));
    if (s) headers.unshift({ name: 'Subject', value: s.text.trim(), span: { start: base + s.start, end: base + s.end } });
  }
  const last = lines[hi];
  let bodyStart = last.end < text.length ? last.end + (text.charCodeAt(last.end) === 13 ? 2 : 1) : text.length;
  // skip the blank lines between the header run and the body
  while (bodyStart < text.length) {
    const nl = text.indexOf('\n', bodyStart);
    if (nl < 0 || text.slice(bodyStart, nl).trim() !== '') break;
    bodyStart = nl + 1;
  }
  return { headers, bodyStart };
}

/** True when the top of a document looks like an archive page rather than RFC 5322. */
export function looksLikeArchive(text: string): boolean {
  return parseArchiveHead(text.slice(0, 4096)) !== undefined;
}
