// Places a hunk in a base file the way `patch` does: at its stated line first, then at the
// nearest offset where its old side matches, then with context dropped from both ends
// (fuzz). Whitespace is compared loosely because mail clients turn tabs into spaces.
import type { DiffLine } from '../patch/types';

export interface HunkMatch {
  /** 0-based index of the first base line the hunk's old side covers. */
  line: number;
  /** Lines moved from the stated position (new position − stated). */
  offset: number;
  /** Context lines ignored at each end to find the place. */
  fuzz: number;
  /** Lines compared ignoring whitespace differences. */
  loose: boolean;
}

export interface ApplyResult {
  text: string;
  match: HunkMatch;
}

export class ApplyError extends Error {}

const MAX_FUZZ = 2;

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Old-side lines (context and removals) with their kinds, in order. */
function oldSide(lines: DiffLine[]): DiffLine[] {
  return lines.filter((l) => l.kind !== '+');
}

function matchesAt(base: string[], at: number, want: DiffLine[], loose: boolean): boolean {
  if (at < 0 || at + want.length > base.length) return false;
  for (let i = 0; i < want.length; i++) {
    const a = base[at + i];
    const b = want[i].text;
    if (loose ? squash(a) !== squash(b) : a !== b) return false;
  }
  return true;
}

/** Finds where the hunk's old side stands in `base` (split into lines). */
export function locateHunk(base: string[], lines: DiffLine[], statedStart: number): HunkMatch | undefined {
  const old = oldSide(lines);
  const stated = Math.max(0, statedStart - 1);
  for (let fuzz = 0; fuzz <= MAX_FUZZ; fuzz++) {
    const lead = leadingContext(old, fuzz);
    const trail = trailingContext(old, fuzz);
    const want = old.slice(lead, old.length - trail);
    if (want.length === 0) break;
    for (const loose of [false, true]) {
      // Search outward from the stated line so the nearest match wins, as patch does.
      for (let d = 0; ; d++) {
        for (const at of d === 0 ? [stated + lead] : [stated + lead - d, stated + lead + d]) {
          if (matchesAt(base, at, want, loose)) {
            return { line: at - lead, offset: at - lead - stated, fuzz, loose };
          }
        }
        if (stated + lead - d < 0 && stated + lead + d > base.length) break;
      }
    }
  }
  return undefined;
}

function leadingContext(old: DiffLine[], fuzz: number): number {
  let n = 0;
  while (n < fuzz && n < old.length && old[n].kind === ' ') n++;
  return n;
}

function trailingContext(old: DiffLine[], fuzz: number): number {
  let n = 0;
  while (n < fuzz && n < old.length && old[old.length - 1 - n].kind === ' ') n++;
  return n;
}

/** Applies one hunk to `text`; throws ApplyError naming why when it cannot be placed. */
export function applyHunk(text: string, lines: DiffLine[], statedStart: number): ApplyResult {
  const base = text.split('\n');
  const match = locateHunk(base, lines, statedStart);
  if (!match) throw new ApplyError(`hunk at line ${statedStart} does not match the base file`);
  const out = base.slice(0, match.line);
  let at = match.line;
  for (const l of lines) {
    if (l.kind === '+') out.push(l.text);
    else {
      // Keep the base's own spelling of context lines (tabs the mail lost).
      if (at < base.length && l.kind === ' ') out.push(base[at]);
      at++;
    }
  }
  out.push(...base.slice(at));
  return { text: out.join('\n'), match };
}
