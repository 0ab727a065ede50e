// The body of a review reply: attribution, each noted hunk quoted (trimmed) with the
// note below it as plain text, and the trailer last. Bottom-posting throughout: a
// reader sees what is answered before the answer.
import type { Analysis } from '../analyze';
import { parseAttribution } from '../discussion/attribution';
import type { Message } from '../mail/types';
import { rfc5322Date } from './headers';
import { noteToPlain, WIDTH } from './plain';
import { ELISION, quoteHunk, type QuoteOptions } from './quote';
import { findHunk } from './bind';
import type { ReviewPatch } from './types';

const MAX_OCTETS = 998;

function octets(s: string): number {
  let n = 0;
  for (const ch of s) { const c = ch.codePointAt(0)!; n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }
  return n;
}

/** RFC 5322 caps a line at 998 octets: longer lines (only ever inside code) are cut. */
function limitLine(line: string): string[] {
  if (octets(line) <= MAX_OCTETS) return [line];
  // A cut quoted line stays quoted.
  const prefix = line.startsWith('> ') ? '> ' : '';
  const out: string[] = [];
  let cur = '';
  for (const ch of line) {
    if (octets(cur + ch) > MAX_OCTETS) { out.push(cur); cur = prefix; }
    cur += ch;
  }
  if (cur !== prefix) out.push(cur);
  return out;
}

/**
 * `On <date>, <name> wrote:`, in the first spelling that reads back as the author: a name
 * that begins like a date ("A U Thor", "May Li") is quoted with its address so readers
 * (ours included) do not take its first word for part of the date.
 */
function attribution(m: Message): string {
  const who = m.from.name || m.from.address || 'the author';
  const d = m.date ? new Date(m.date) : undefined;
  const when = d && !Number.isNaN(d.getTime()) ? rfc5322Date(d) : m.dateRaw;
  if (!when) return `${who} wrote:`;
  const plain = `On ${when}, ${who} wrote:`;
  if (parseAttribution([plain])?.name === who || !m.from.address) return plain;
  return `On ${when}, "${who.replace(/"/g, "'")}" <${m.from.address}> wrote:`;
}

/** The commit message's first paragraph, quoted: what a trailer-only reply answers. */
function quoteCommitMessage(m: Message, maxLines = 6): string[] {
  const text = m.parts.find((p) => !p.attachment)?.text ?? '';
  const lines: string[] = [];
  for (const l of text.split('\n')) {
    if (/^(---\s*$|diff --git |[\w-]+-by: )/.test(l)) break;
    if (!l.trim()) { if (lines.length) break; continue; }
    lines.push(l);
  }
  const out = lines.slice(0, maxLines).map((l) => `> ${l}`.replace(/\s+$/, ''));
  if (lines.length > maxLines) out.push(`> ${ELISION}`);
  return out;
}

export function replyBody(a: Analysis, m: Message, p: ReviewPatch, trailer: string | undefined, opts: QuoteOptions, warnings: string[]): string[] {
  const lines: string[] = [attribution(m)];
  let lastFile = '';
  for (const h of p.hunks) {
    if (!h.note.trim()) continue;
    const ha = findHunk(a, m.index, h);
    if (!ha) { warnings.push(`${h.file} ${h.header}: hunk not found in this thread; its note was left out`); continue; }
    lines.push(...quoteHunk(ha.hunk, h.header, { ...opts, fileHeader: ha.hunk.file !== lastFile }));
    lastFile = ha.hunk.file;
    lines.push('', ...noteToPlain(h.note, WIDTH).split('\n'), '');
  }
  if (trailer) {
    if (lines.length === 1) lines.push(...quoteCommitMessage(m));
    if (lines[lines.length - 1] !== '') lines.push('');
    lines.push(trailer);
  }
  while (lines[lines.length - 1] === '') lines.pop();
  return lines.flatMap(limitLine);
}
