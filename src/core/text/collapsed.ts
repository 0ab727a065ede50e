import type { BodyPart } from '../mail/types';
import type { BodyLine } from './lines';
import { ViewMapper } from './position';
import { rebuildLine, type Budget } from '../patch/rebuild';

/**
 * Lines of a body whose newlines were collapsed into spaces. Quote markers survive inline
 * (`... wrote: [...] >> static inline void ... >> {`): a word made only of `>` starts a
 * new line at that depth. When the text writes nested quotes as `>>`, each marker word is
 * its own line (`> > Sorry` is an empty `>` line and then `> Sorry`); when it only ever
 * uses single `>`, consecutive markers are read as one nested marker, which is a guess.
 * Diffs inside a line are then rebuilt by patch/rebuild.
 */
export function collapsedLines(part: BodyPart, budget?: Budget): BodyLine[] {
  const text = part.text;
  // Search steps grow with the text (linear time), with room for a few real hunks.
  budget ??= { steps: 100_000 + Math.floor(text.length / 10) };
  const mapper = new ViewMapper(part);
  const compact = /(^|\s)>>+(?=\s|$)/.test(text);
  const out: BodyLine[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (start === end && end === text.length && start > 0) break;
    const offset = mapper.map(start);
    for (const l of splitMarkers(text, start, end, offset - start, compact)) {
      for (const r of rebuildLine(l, budget)) out.push(r);
    }
    start = end + 1;
  }
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 160;
}

interface Marker {
  start: number;
  end: number;
  depth: number;
}

/** Marker words of one physical line, merged per the text's quoting style. */
function markers(text: string, from: number, to: number, compact: boolean): Marker[] {
  const out: Marker[] = [];
  let i = from;
  while (i < to) {
    if (text.charCodeAt(i) === 62 && (i === from || isSpace(text.charCodeAt(i - 1)))) {
      let j = i;
      while (j < to && text.charCodeAt(j) === 62) j++;
      if (j === to || isSpace(text.charCodeAt(j))) {
        const prev = out[out.length - 1];
        if (!compact && prev && prev.end + 1 === i) {
          prev.end = j;
          prev.depth += j - i;
        } else {
          out.push({ start: i, end: j, depth: j - i });
        }
      }
      i = j;
    } else {
      i++;
    }
  }
  return out;
}

function splitMarkers(text: string, from: number, to: number, shift: number, compact: boolean): BodyLine[] {
  const ms = markers(text, from, to, compact);
  const mk = (s: number, e: number, depth: number, cs: number, uncertain: boolean): BodyLine => {
    const line: BodyLine = {
      text: text.slice(s, e),
      offset: s + shift,
      depth,
      content: text.slice(cs, e),
      contentOffset: cs + shift,
    };
    if (uncertain) line.uncertain = true;
    return line;
  };
  if (ms.length === 0) return [mk(from, to, 0, from, false)];
  const out: BodyLine[] = [];
  let e = ms[0].start;
  while (e > from && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > from) out.push(mk(from, e, 0, from, false));
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k];
    let end = k + 1 < ms.length ? ms[k + 1].start : to;
    while (end > m.end && isSpace(text.charCodeAt(end - 1))) end--;
    const cs = Math.min(end, m.end + 1);
    out.push(mk(m.start, end, m.depth, cs, !compact && m.depth > 1));
  }
  return out;
}
