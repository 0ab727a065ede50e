import type { Line } from '../text/span';
import type { Claim } from './types';

const WORDS: Record<string, number> = {
  one: 1, two: 2, four: 4, eight: 8, twelve: 12, sixteen: 16, 'thirty-two': 32, 'sixty-four': 64,
};
const NUM = String.raw`(\d{1,6}|one|two|four|eight|twelve|sixteen|thirty-two|sixty-four)`;
const BYTES = String.raw`(?:\s*|-)(?:more\s+|extra\s+|additional\s+)?(?:bytes?|B)\b`;
const STRUCT = String.raw`(?:the\s+)?struct\s+([A-Za-z_]\w{0,63})`;

const GROW = String.raw`(grow(?:s|ing|n)?|increas(?:e|es|ed|ing)|bloat(?:s|ing|ed)?|enlarg(?:e|es|ed|ing)|shrink(?:s|ing)?|shrunk|reduc(?:e|es|ed|ing)|decreas(?:e|es|ed|ing))`;
const ADD = String.raw`(add(?:s|ed|ing)?|sav(?:e|es|ed|ing)|free(?:s|d|ing)?(?:\s+up)?|cost(?:s|ing)?|wast(?:e|es|ed|ing))`;

/** Each pattern yields (verb, struct, number) in the group order given beside it. */
const PATTERNS: { re: RegExp; verb: number; struct: number; num: number }[] = [
  // grows struct inode by 8 bytes / increase the size of struct inode by 8 bytes
  { re: new RegExp(String.raw`\b${GROW}\s+(?:the\s+size\s+of\s+)?${STRUCT}\s+by\s+${NUM}${BYTES}`, 'gi'), verb: 1, struct: 2, num: 3 },
  // adding 8 bytes of overhead to struct file / saves 16 bytes in struct foo
  { re: new RegExp(String.raw`\b${ADD}\s+(?:an?\s+)?(?:another\s+)?${NUM}${BYTES}(?:\s+of\s+\w+)?\s+(?:to|in|on|from|of)\s+${STRUCT}`, 'gi'), verb: 1, struct: 3, num: 2 },
  // struct inode grows by 8 bytes
  { re: new RegExp(String.raw`\b${STRUCT}\s+(?:would\s+|will\s+|does\s+)?${GROW}\s+by\s+${NUM}${BYTES}`, 'gi'), verb: 2, struct: 1, num: 3 },
];

function signOf(verb: string): 1 | -1 {
  return /^(shr|redu|decr|sav|free)/i.test(verb) ? -1 : 1;
}

/**
 * Sizes stated in prose. Lines are joined with spaces first because a claim is usually
 * wrapped over two lines; offsets map back to the line the match starts in.
 */
export function findClaims(lines: readonly Line[], message = -1): Claim[] {
  let text = '';
  const starts: number[] = [];
  const offsets: number[] = [];
  for (const l of lines) {
    starts.push(text.length);
    offsets.push(l.offset);
    text += l.text + ' ';
  }
  const out: Claim[] = [];
  // Every claim names a size in bytes: skip the regexes for text that has none.
  if (!/byte|\dB\b|\d B\b/i.test(text)) return out;
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const n = m[p.num].toLowerCase();
      const bytes = WORDS[n] ?? Number(n);
      if (!Number.isFinite(bytes) || bytes <= 0) continue;
      let k = upperBound(starts, m.index) - 1;
      if (k < 0) k = 0;
      out.push({ struct: m[p.struct], bytes, sign: signOf(m[p.verb]), message, offset: offsets[k] + (m.index - starts[k]) });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
