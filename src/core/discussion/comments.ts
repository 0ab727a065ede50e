import type { BodyLine } from '../text/lines';
import { isBlank } from './structure';

/** Line range [first, last] of a comment, inclusive; undefined when nothing was said. */
export interface LineRange {
  first: number;
  last: number;
}

/**
 * The unquoted words after a quoted block: depth-0 lines from `from` up to the next quoted
 * line or the signature. Attribution lines introducing the next quote are not comment.
 */
export function commentAfter(
  lines: readonly BodyLine[], from: number, stop: number, skip: ReadonlySet<number>,
): LineRange | undefined {
  let first = -1;
  let last = -1;
  for (let i = from; i < stop; i++) {
    const l = lines[i];
    if (l.depth > 0) break;
    if (isBlank(l) || skip.has(i)) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? undefined : { first, last };
}

/** The sender's words before the first quote of a top-posted reply. */
export function commentBefore(lines: readonly BodyLine[], end: number, skip: ReadonlySet<number>): LineRange | undefined {
  let first = -1;
  let last = -1;
  for (let i = 0; i < end; i++) {
    const l = lines[i];
    if (l.depth > 0 || isBlank(l) || skip.has(i)) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? undefined : { first, last };
}

/**
 * Inside a quoted block, what the author of `level` wrote after a deeper quote: the lines at
 * exactly that depth after `from`, until a deeper quote follows them, the depth drops, or the
 * quote resumes at `stopDepth` (the depth of the quoted hunk).
 */
export function commentWithin(
  lines: readonly BodyLine[], from: number, end: number, level: number, skip: ReadonlySet<number>, stopDepth: number,
): LineRange | undefined {
  let first = -1;
  let last = -1;
  for (let i = from; i < end; i++) {
    const l = lines[i];
    if (l.depth < level || (l.depth >= stopDepth && !isBlank(l))) break;
    if (l.depth > level) {
      if (first >= 0) break;
      continue;
    }
    if (isBlank(l) || skip.has(i)) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? undefined : { first, last };
}

/** Comment text with whitespace collapsed, cut at `max` characters. */
export function excerptOf(lines: readonly BodyLine[], r: LineRange, max = 240): string {
  let s = '';
  for (let i = r.first; i <= r.last && s.length <= max; i++) {
    const c = lines[i].content.trim();
    if (c) s += (s ? ' ' : '') + c;
  }
  s = s.replace(/\s+/g, ' ');
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
