import type { BodyPart, MailDocument, Message } from '../mail/types';
import { keptBodyLines } from '../text/body';
import type { BodyLine } from '../text/lines';
import { parseAttribution } from './attribution';
import { firstNonSpace } from './normalize';

/** Whether line `l` begins a line of the part's own text (not a piece cut from a collapsed line). */
function startsOriginalLine(part: BodyPart, l: BodyLine): boolean {
  const i = part.view === 'document' ? l.offset - part.offset : l.offset;
  return i <= 0 || part.text.charCodeAt(i - 1) === 10;
}

/**
 * Body lines of a part, with one repair: web archives that render quotes without `>`
 * markers (lore's "quoted hunk" pages) keep an unquoted attribution followed by the quoted
 * text collapsed into long lines, and the sender's answer on the lines after those. There
 * the lines between the attribution and the answer are given depth 1.
 */
export function linesOf(doc: MailDocument, part: BodyPart, _m: Message, _chain: readonly number[]): readonly BodyLine[] {
  let lines = keptBodyLines(part, doc.kind);
  if (doc.kind === 'collapsed') lines = endRunawayQuotes(lines);
  lines = outlookQuotes(lines);
  if (doc.kind !== 'webarchive' && doc.kind !== 'collapsed' && doc.kind !== 'html') return lines;
  if (lines.some((l) => l.depth > 0)) return lines;
  let att = -1;
  for (let i = 0; i < lines.length && att < 0; i++) {
    const c = lines[i].content;
    if (c.length < 300 && /:\s*$/.test(c) && parseAttribution([c, lines[i + 1]?.content ?? ''])) att = i;
  }
  if (att < 0) return lines;
  let lastPiece = -1;
  for (let i = att + 1; i < lines.length; i++) if (!startsOriginalLine(part, lines[i])) lastPiece = i;
  if (lastPiece < 0) return lines;
  let answer = lastPiece + 1;
  while (answer < lines.length && !startsOriginalLine(part, lines[answer])) answer++;
  if (answer >= lines.length) return lines;
  return lines.map((l, i) => (i > att && i < answer ? { ...l, depth: 1 } : l));
}

/**
 * In collapsed text nothing marks where a quote ends: `> pet field here. Per other
 * discussions …` runs the quoted line on into the answer. A quoted line much longer than the
 * wrap width of the quoted lines before it is cut after its last sentence end within that
 * width; the rest goes one level up. Both halves are marked uncertain.
 */
function endRunawayQuotes(lines: readonly BodyLine[]): BodyLine[] {
  const out: BodyLine[] = [];
  let width = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const prev = i > 0 ? lines[i - 1] : undefined;
    if (!prev || prev.depth !== l.depth) width = 0;
    const limit = (width || 76) + 4;
    if (l.depth === 0 || l.content.length <= limit + 8) {
      if (l.content.length > width) width = l.content.length;
      out.push(l);
      continue;
    }
    const head = l.content.slice(0, limit + 1);
    let cut = -1;
    for (const m of head.matchAll(/[.!?]["')\]]?\s+(?=["'(A-Z#\[])/g)) cut = (m.index ?? 0) + m[0].length;
    if (cut <= 0) {
      out.push(l);
      continue;
    }
    const quoteEnd = l.content.slice(0, cut).trimEnd();
    const markers = l.contentOffset - l.offset;
    out.push({ ...l, text: l.text.slice(0, markers + quoteEnd.length), content: quoteEnd, uncertain: true });
    const rest = l.content.slice(cut);
    out.push({ text: rest, offset: l.contentOffset + cut, depth: l.depth - 1, content: rest, contentOffset: l.contentOffset + cut, uncertain: true });
    width = 0;
  }
  return out;
}

const OUTLOOK = /^\s*-{3,}\s*Original Message\s*-{3,}\s*$/i;

/**
 * Outlook quotes without markers: everything after `-----Original Message-----` and its
 * `From:`/`Sent:` header block is the quoted message, so it is given one more level.
 */
function outlookQuotes(lines: readonly BodyLine[]): readonly BodyLine[] {
  // The separator starts with `-`: most lines are ruled out before the regex.
  const at = lines.findIndex((l) => l.content.length < 80 && l.content.charCodeAt(firstNonSpace(l.content)) === 45 && OUTLOOK.test(l.content));
  if (at < 0) return lines;
  const texts: string[] = [];
  for (let j = at; j < lines.length && j < at + 8; j++) texts.push(lines[j].content);
  const a = parseAttribution(texts);
  if (!a) return lines;
  const d = lines[at].depth;
  const from = at + a.lines;
  return lines.map((l, i) => (i >= from && l.depth >= d ? { ...l, depth: l.depth + 1 } : l));
}
