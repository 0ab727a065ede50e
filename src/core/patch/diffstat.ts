import type { BodyLine } from '../text/lines';
import type { Diffstat, DiffstatEntry } from './types';

interface Token {
  text: string;
  offset: number;
}

const SUMMARY = /(\d+) files? changed(?:, (\d+) insertions?\(\+\))?(?:, (\d+) deletions?\(-\))?/;

function tokens(l: BodyLine, from = 0, to = l.content.length): Token[] {
  const out: Token[] = [];
  const c = l.content;
  let i = from;
  while (i < to) {
    while (i < to && (c[i] === ' ' || c[i] === '\t')) i++;
    const s = i;
    while (i < to && c[i] !== ' ' && c[i] !== '\t') i++;
    if (i > s) out.push({ text: c.slice(s, i), offset: l.contentOffset + s });
  }
  return out;
}

/**
 * The first diffstat at quote depth 0: ` path | N +-` entries (one per line, or run
 * together in collapsed text), the `N files changed, …` summary, and the `create mode` /
 * `delete mode` lines after it.
 */
export function findDiffstat(lines: readonly BodyLine[], part: string): Diffstat | undefined {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.depth !== 0 || l.content.indexOf(' changed') < 0) continue;
    const m = SUMMARY.exec(l.content);
    if (!m) continue;
    // Entries: the lines just above holding `|` (or, collapsed, the same line before the summary).
    let first = i;
    while (first > 0 && lines[first - 1].depth === 0 && lines[first - 1].content.includes('|')) first--;
    const toks: Token[] = [];
    for (let k = first; k < i; k++) toks.push(...tokens(lines[k]));
    toks.push(...tokens(l, 0, m.index));
    const entries = readEntries(toks);
    if (entries.length === 0 && !/^\s*\d+ files? changed/.test(l.content)) continue;
    const summaryEnd = l.contentOffset + m.index + m[0].length;
    const stat: Diffstat = {
      entries,
      filesChanged: Number(m[1]),
      insertions: m[2] ? Number(m[2]) : 0,
      deletions: m[3] ? Number(m[3]) : 0,
      span: { start: entries.length ? entries[0].offset ?? l.contentOffset : l.contentOffset + m.index, end: summaryEnd },
      part,
    };
    // Mode lines follow the summary (on later lines, or later in the same collapsed line).
    const after: Token[] = tokens(l, m.index + m[0].length);
    for (let k = i + 1; k < lines.length && k < i + 200 && lines[k].depth === 0 && /^\s*(create|delete|rename|mode|copy) /.test(lines[k].content); k++) {
      after.push(...tokens(lines[k]));
    }
    readModes(after, stat);
    return stat;
  }
  return undefined;
}

function readEntries(t: Token[]): DiffstatEntry[] {
  const out: DiffstatEntry[] = [];
  let prevEnd = 0;
  for (let k = 1; k + 1 < t.length; k++) {
    if (t[k].text !== '|') continue;
    let p = k - 1;
    // `old => new` renames keep three words; `{a => b}/c` is one to three.
    if (p >= 2 && t[p - 1].text === '=>' && p - 2 >= prevEnd) p -= 2;
    const file = t.slice(p, k).map((x) => x.text).join(' ');
    const v = t[k + 1].text;
    let end = k + 2;
    let changes = 0;
    if (/^\d+$/.test(v)) {
      changes = Number(v);
      if (end < t.length && /^[+-]+$/.test(t[end].text)) end++;
    } else if (v === 'Bin') {
      while (end < t.length && end < k + 8 && t[end - 1].text !== 'bytes') end++;
    } else {
      continue;
    }
    const raw = t.slice(p, end).map((x) => x.text).join(' ');
    out.push({ file, changes, raw, offset: t[p].offset });
    prevEnd = end;
    k = end - 1;
  }
  return out;
}

function readModes(t: Token[], stat: Diffstat): void {
  for (let k = 0; k + 3 < t.length; k++) {
    const w = t[k].text;
    if ((w !== 'create' && w !== 'delete') || t[k + 1].text !== 'mode' || !/^\d{6}$/.test(t[k + 2].text)) continue;
    const path = t[k + 3].text;
    const e = stat.entries.find((x) => x.file === path || (x.file.startsWith('...') && path.endsWith(x.file.slice(3))));
    if (e) {
      e.mode = w;
      if (e.file !== path) e.fullPath = path;
    }
    k += 3;
  }
}
