import type { BodyPart, InputKind } from '../mail/types';
import type { BodyLine } from './lines';
import { ViewMapper } from './position';
import { splitQuote } from './quote';
import { collapsedLines } from './collapsed';

/**
 * Every line of a body part with its quote depth and offsets in the part's view. Text
 * whose newlines were collapsed into spaces (`kind === 'collapsed'`) is rebuilt into lines
 * first; each rebuilt line is still a contiguous slice of the text.
 */
export function bodyLines(part: BodyPart, kind?: InputKind): BodyLine[] {
  return kind === 'collapsed' ? collapsedLines(part) : plainLines(part);
}

/**
 * `bodyLines`, kept per part: the patch stage and the discussion stage of one analysis read
 * the same parts (a tenth of the discussion's time went into reading them again). Weak, so
 * the lines go with the document; parts and lines are never changed once read. A stream
 * that reads each part once (`stats`) calls `bodyLines` and keeps nothing.
 */
export function keptBodyLines(part: BodyPart, kind?: InputKind): readonly BodyLine[] {
  const collapsed = kind === 'collapsed';
  const hit = kept.get(part);
  if (hit && hit.collapsed === collapsed) return hit.lines;
  const lines = bodyLines(part, kind);
  kept.set(part, { collapsed, lines });
  return lines;
}

const kept = new WeakMap<BodyPart, { collapsed: boolean; lines: readonly BodyLine[] }>();

function plainLines(part: BodyPart): BodyLine[] {
  const text = part.text;
  const mapper = new ViewMapper(part);
  const out: BodyLine[] = [];
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    // A final newline does not open another (empty) line.
    if (start === n && end === n && n > 0) break;
    const q = splitQuote(text, start, end);
    const offset = mapper.map(start);
    const line = text.slice(start, end);
    out.push({
      text: line,
      offset,
      depth: q.depth,
      content: q.contentStart === 0 ? line : line.slice(q.contentStart),
      contentOffset: offset + q.contentStart,
    });
    start = end + 1;
  }
  return out;
}
