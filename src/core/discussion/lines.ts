import type { BodyPart, MailDocument, Message } from '../mail/types';
import { bodyLines } from '../text/body';
import type { BodyLine } from '../text/lines';
import { parseAttribution } from './attribution';

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
export function linesOf(doc: MailDocument, part: BodyPart, _m: Message, _chain: readonly number[]): BodyLine[] {
  const lines = bodyLines(part, doc.kind);
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
