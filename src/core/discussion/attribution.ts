import type { Attribution } from './types';

/** Attribution lines are short; longer lines are prose and are not worth a regex. */
const MAX_LEN = 400;

const MONTH_OR_DAY = /^(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?$/i;
const TIMEZONE = /^\(?(?:UTC|GMT|[A-Z]{1,4}[SD]T|CET|CEST|EET|EEST|WET|WEST|JST|KST|IST|MSK|HKT|SGT|AEST|AEDT)\)?,?$/;
const NUMERIC = /^(?:\d{1,4}(?:[:/.\-]\d{1,4})*(?:[ap]\.?m\.?)?|[+-]\d{4}|\(?[+-]\d{4}\)?),?$/i;
const AT_OR_AMPM = /^(?:at|um|a|[ap]\.?m\.?)$/i;

function isDateToken(t: string): boolean {
  return NUMERIC.test(t) || MONTH_OR_DAY.test(t) || TIMEZONE.test(t) || AT_OR_AMPM.test(t);
}

/** Split `Name <addr>`, `"Last, First" <addr>`, `addr`, `Name [off-list ref]`, `Name (addr)`. */
export function splitNameAddress(raw: string): { name: string; address?: string } {
  let s = raw.replace(/\[[^\]]{0,80}\]/g, ' ').trim();
  let address: string | undefined;
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(s);
  if (angle) {
    address = angle[1];
    s = (s.slice(0, angle.index) + s.slice(angle.index + angle[0].length)).trim();
  } else {
    const paren = /\(([^()\s]+@[^()\s]+)\)/.exec(s);
    if (paren) {
      address = paren[1];
      s = (s.slice(0, paren.index) + s.slice(paren.index + paren[0].length)).trim();
    } else {
      const bare = /^[^\s@]+@[^\s@]+$/.exec(s);
      if (bare) return { name: s, address: s };
    }
  }
  s = s.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1').replace(/\s+/g, ' ').trim();
  return address ? { name: s || address, address } : { name: s };
}

/** A name is a few words without sentence punctuation; prose is not. */
function plausibleName(name: string): boolean {
  if (!name || name.length > 80) return false;
  // Initials ("Serge E. Hallyn") are fine; sentence ends and code are not.
  if (/[a-z]{2}\.\s|[!?;:]\s|[{}=;]/.test(name)) return false;
  return name.split(/\s+/).length <= 6;
}

function make(
  body: string, date: string | undefined, style: Attribution['style'], lines: number,
): Attribution | undefined {
  const { name, address } = splitNameAddress(body);
  if (!plausibleName(name)) return undefined;
  const a: Attribution = { name, style, lines };
  if (address) a.address = address;
  if (date) a.date = date;
  return a;
}

/** `On <date>, <name> wrote:` in its many client spellings (Gmail has no comma before the name). */
function onWrote(s: string, lines: number): Attribution | undefined {
  const m = /^On\s+(.+?)\s+wrote\s*:?$/i.exec(s);
  if (!m) return undefined;
  const body = m[1];
  const quotedName = /^(.*?),?\s*("[^"]+"\s*<[^<>\s]+>)$/.exec(body);
  if (quotedName) return make(quotedName[2], quotedName[1] || undefined, 'on-wrote', lines);
  const apple = /^(.+?,\s*at\s+\d{1,2}[:.]\d{2}(?:\s*[AP]\.?M\.?)?),\s*(.+)$/i.exec(body);
  if (apple) return make(apple[2], apple[1], 'apple', lines);
  // The name follows the last comma-free run of date tokens.
  const comma = body.lastIndexOf(', ');
  let date = comma >= 0 ? body.slice(0, comma) : '';
  let rest = comma >= 0 ? body.slice(comma + 2) : body;
  const words = rest.split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && isDateToken(words[i])) i++;
  if (i > 0) {
    date = (date ? date + ', ' : '') + words.slice(0, i).join(' ');
    rest = words.slice(i).join(' ');
  }
  if (!date) return undefined;
  return make(rest, date, 'on-wrote', lines);
}

function oneLine(s: string, lines: number): Attribution | undefined {
  if (/^On\s/i.test(s)) return onWrote(s, lines);
  let m = /^\*\s+(.+?)\s+\[([^\]]+)\]\s*:$/.exec(s);
  if (m) return make(m[1], m[2], 'mutt', lines);
  m = /^Quoting\s+(.+?)\s+\(([^()]+)\)\s*:$/i.exec(s);
  if (m) {
    return m[2].includes('@')
      ? make(`${m[1]} <${m[2]}>`, undefined, 'quoting', lines)
      : make(m[1], m[2], 'quoting', lines);
  }
  m = /^Quoting\s+(.+?)\s*:$/i.exec(s);
  if (m) return make(m[1], undefined, 'quoting', lines);
  m = /^(.+?)\s+writes\s*:$/i.exec(s);
  if (m) return make(m[1], undefined, 'writes', lines);
  m = /^(.+?)\s+wrote\s*:$/i.exec(s);
  if (m) return make(m[1], undefined, 'wrote', lines);
  return undefined;
}

/**
 * Every style that `parseAttribution` reads starts with `On`, `Quoting` or `*`, ends in
 * `wrote:`/`writes:`, or is Outlook's separator: one test rules out the code labels and
 * prose colons a thread quotes over and over.
 */
const MAY_ATTRIBUTE = /^(?:On|Quoting|\*)\s|\swr(?:ote|ites)\s*:$/i;

/**
 * The attribution's first line as parsed, or undefined when the line cannot start one: a
 * cheap test before the following lines are gathered.
 */
export function attributionStart(raw: string): string | undefined {
  let first = raw.trim();
  // Collapsed archive text can leave the quote's first elision on the attribution's line.
  const end = first.charCodeAt(first.length - 1);
  if (end === 93 || end === 62) first = first.replace(TRAILING_ELISION, '');
  if (!first || first.length > MAX_LEN) return undefined;
  return MAY_ATTRIBUTE.test(first) || OUTLOOK_SEP.test(first) ? first : undefined;
}

const TRAILING_ELISION = /(?<=:)\s*(?:\[\s*(?:\.\s*){2,}\]|\[\s*…\s*\]|<\s*snip\w*\s*>|\[\s*snip\w*\s*\])$/i;
const OUTLOOK_SEP = /^-{3,}\s*Original Message\s*-{3,}$/i;

/**
 * Attributions already read, by their text (a two-line one by its joined lines and a
 * newline): a thread quotes the same `On … wrote:` lines reply after reply. The answers
 * are shared, so callers must not change them.
 */
export type AttributionMemo = Map<string, Attribution | undefined>;

/**
 * Parse an attribution starting at `lines[0]` (quote markers already removed). `lines` may
 * hold the following lines: `On …` attributions are often wrapped in two, and Outlook's
 * `-----Original Message-----` is followed by `From:`/`Sent:` headers.
 */
export function parseAttribution(
  lines: readonly string[], seen?: AttributionMemo, first = attributionStart(lines[0] ?? ''),
): Attribution | undefined {
  if (first === undefined) return undefined;
  if (OUTLOOK_SEP.test(first)) return outlook(lines);
  let single: Attribution | undefined;
  if (seen?.has(first)) single = seen.get(first);
  else {
    single = oneLine(first, 1);
    seen?.set(first, single);
  }
  if (single) return single;
  const second = (lines[1] ?? '').trim();
  if (/^On\s/i.test(first) && second && second.length < MAX_LEN && /wrote\s*:$/i.test(second)) {
    const both = `${first} ${second}`;
    // A trimmed line never ends in a newline: this key cannot meet a one-line entry.
    const key = `${both}\n`;
    if (seen?.has(key)) return seen.get(key);
    const two = onWrote(both, 2);
    seen?.set(key, two);
    return two;
  }
  return undefined;
}

function outlook(lines: readonly string[]): Attribution | undefined {
  let from: string | undefined;
  let date: string | undefined;
  let n = 1;
  for (; n < lines.length && n < 8; n++) {
    const l = lines[n].trim();
    if (!l) break;
    const h = /^(From|Sent|Date|To|Cc|Subject)\s*:\s*(.*)$/i.exec(l);
    if (!h) break;
    const key = h[1].toLowerCase();
    if (key === 'from') from = h[2].replace(/\[mailto:([^\]]+)\]/i, '<$1>');
    else if (key === 'sent' || key === 'date') date = h[2];
  }
  if (!from) return undefined;
  return make(from, date, 'outlook', n);
}
