import type { BodyLine } from '../text/lines';
import { attributionStart, parseAttribution, type AttributionMemo } from './attribution';
import { firstNonSpace, isJsSpace } from './normalize';
import type { AttributionAt, QuoteBlock, QuoteStructure } from './types';

const ELISION =
  /^(?:\[\s*(?:\.\s*){2,}\s*\]|\[\s*…\s*\]|\[\s*\.{3}\s*snip\w*\s*\.{3}\s*\]|\[\s*snip\w*\s*\]|<\s*snip\w*\s*>|\(\s*snip\w*\s*\)|\.{3,}|…|snip\w*|-*\s*8<\s*-*|-*\s*>8\s*-*)$/i;

/** `[...]`, `<snip>`, `[ ... ]`, `[…]`, `...`, scissors. */
export function isElision(content: string): boolean {
  if (content.length > 60) return false;
  // Every spelling starts with one of `[ < ( . … s S - 8 >`: most lines are settled
  // without the regex, which this runs for every line of every reply.
  if (!ELISION_START.has(content.charCodeAt(firstNonSpace(content)))) return false;
  const t = content.trim();
  return t.length <= 40 && ELISION.test(t);
}

const ELISION_START = new Set([...'[<(.…sS-8>'].map((c) => c.charCodeAt(0)));

/** No character outside `\s`; a scan, since it runs on every line several times. */
export function isBlank(line: BodyLine): boolean {
  return firstNonSpace(line.content) === line.content.length;
}

/** The last non-blank character of `s`, or ''. */
function lastChar(s: string): string {
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return s[i];
  }
  return '';
}

/** For each line, the depth of the first non-blank line at or after it (-1 if none). */
function nextDepths(lines: readonly BodyLine[]): Int32Array {
  const out = new Int32Array(lines.length + 1);
  out[lines.length] = -1;
  for (let i = lines.length - 1; i >= 0; i--) out[i] = isBlank(lines[i]) ? out[i + 1] : lines[i].depth;
  return out;
}

/** `/^\s*On\s/` without the regex engine: it is asked of every line. */
function startsWithOn(c: string): boolean {
  const i = firstNonSpace(c);
  return c.charCodeAt(i) === 79 && c.charCodeAt(i + 1) === 110 && isJsSpace(c.charCodeAt(i + 2));
}

function attributionAt(lines: readonly BodyLine[], i: number, next: Int32Array, seen?: AttributionMemo): AttributionAt | undefined {
  const line = lines[i];
  const c = line.content;
  // Cheap gate: every style ends in a colon (or a colon and an elision), is Outlook's
  // separator, or starts a two-line `On …` attribution.
  if (c.length > 400) return undefined;
  const end = lastChar(c);
  const maybe = end === ':' || ((end === ']' || end === '>') && c.includes(':'))
    || (end === '-' && /Original Message/i.test(c)) || startsWithOn(c);
  const first = maybe ? attributionStart(c) : undefined;
  if (first === undefined) return undefined;
  const texts = [c];
  for (let j = i + 1; j < lines.length && j < i + 8 && lines[j].depth === line.depth; j++) texts.push(lines[j].content);
  const a = parseAttribution(texts, seen, first);
  if (!a) return undefined;
  const after = next[Math.min(i + a.lines, lines.length)];
  if (a.style === 'outlook') return { line: i, depth: line.depth, target: line.depth + 1, attribution: a };
  // Apple Mail puts the attribution inside the quote it introduces.
  if (a.style === 'apple' && line.depth >= 1) return { line: i, depth: line.depth, target: line.depth, attribution: a };
  if (after > line.depth) return { line: i, depth: line.depth, target: line.depth + 1, attribution: a };
  return undefined;
}

/**
 * Quoted blocks, attributions, elisions, signature and top-posting of one body's lines.
 * `seen` carries the attributions read in the thread's other messages.
 */
export function quoteStructure(lines: readonly BodyLine[], seen?: AttributionMemo): QuoteStructure {
  const blocks: QuoteBlock[] = [];
  const attributions: AttributionAt[] = [];
  const elisions: number[] = [];
  let signature: number | undefined;
  let cur: QuoteBlock | undefined;
  let firstOwn = -1;
  let ownAfterQuote = false;
  const next = nextDepths(lines);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (signature === undefined && l.depth === 0 && (l.text === '-- ' || l.text === '--')) signature = i;
    if (isElision(l.content)) elisions.push(i);
    const att = signature === undefined ? attributionAt(lines, i, next, seen) : undefined;
    if (att) {
      attributions.push(att);
      if (l.depth === 0) {
        // An unquoted attribution (or Outlook header block) is not the sender's comment.
        i += att.attribution.lines - 1;
        continue;
      }
    }
    if (l.depth >= 1) {
      if (cur && cur.end === i) {
        cur.end = i + 1;
        if (l.depth < cur.minDepth) cur.minDepth = l.depth;
        if (l.depth > cur.maxDepth) cur.maxDepth = l.depth;
      } else {
        cur = { start: i, end: i + 1, minDepth: l.depth, maxDepth: l.depth };
        blocks.push(cur);
      }
      continue;
    }
    if (isBlank(l)) {
      // Blank unquoted lines between two quoted lines do not end the quote.
      if (cur && cur.end === i && next[i] >= 1) cur.end = i + 1;
      continue;
    }
    if (signature !== undefined && i >= signature) continue;
    if (blocks.length === 0) {
      if (firstOwn < 0) firstOwn = i;
    } else {
      ownAfterQuote = true;
    }
  }
  // Trailing blank lines absorbed above belong to no quote.
  for (const b of blocks) while (b.end > b.start && lines[b.end - 1].depth === 0) b.end--;
  const topPosted = blocks.length > 0 && firstOwn >= 0 && !ownAfterQuote;
  const s: QuoteStructure = { blocks, attributions, elisions, topPosted };
  if (signature !== undefined) s.signature = signature;
  return s;
}
