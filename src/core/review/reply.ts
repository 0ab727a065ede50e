// Export Review Reply: one plain-text reply per patch the reviewer wrote notes on, in the
// style kernel lists expect (attribution, trimmed inline quotes, answer below each quote,
// no top-posting), as an RFC 5322 message `git send-email` or mutt can send. Nothing is
// sent from here, and Message-ID is left out on purpose: the sending program adds one,
// and a fixed id in a file that may be sent twice would make two different mails share it.
import type { Analysis, HunkAnalysis } from '../analyze';
import { parseAttribution } from '../discussion/attribution';
import { parseFrom } from '../mail';
import type { Message } from '../mail/types';
import { encodeText, field, formatAddress, headerSafeId, rfc5322Date } from './headers';
import { hunkIdentity, sameIdentity, type HunkIdentity } from './identity';
import { noteToPlain, WIDTH } from './plain';
import { ELISION, quoteHunk, type QuoteOptions } from './quote';
import { recipients } from './recipients';
import { ownHunks } from './start';
import type { ReviewHunk, ReviewPatch, ReviewSession } from './types';

export interface ReplyOptions extends QuoteOptions {
  trailer?: 'Reviewed-by' | 'Acked-by';
  /** The reviewer, `Name <addr>`: the From header and the trailer's value. */
  identity?: string;
  date?: Date;
}

export interface ReplyMail {
  messageId: string;
  patchIndex: number;
  /** Subject of the reply (`Re: …`), decoded. */
  subject: string;
  /** A file name for the `.eml`, e.g. `v2-0003-re-fs-grow-struct-inode.eml`. */
  fileName: string;
  /** The message: headers, blank line, body; LF line endings. */
  eml: string;
  trailer?: string;
  /** Noted hunks that were not found in the analysis (their notes are not in `eml`). */
  warnings: string[];
}

const MAX_OCTETS = 998;

function octets(s: string): number {
  let n = 0;
  for (const ch of s) { const c = ch.codePointAt(0)!; n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }
  return n;
}

/** RFC 5322 caps a line at 998 octets: longer lines (only ever inside code) are cut. */
function limitLine(line: string): string[] {
  if (octets(line) <= MAX_OCTETS) return [line];
  const out: string[] = [];
  let cur = '';
  for (const ch of line) {
    if (octets(cur + ch) > MAX_OCTETS) { out.push(cur); cur = ''; }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function findHunk(a: Analysis, message: number, h: ReviewHunk): HunkAnalysis | undefined {
  const own = ownHunks(a, message);
  return own.find((x) => x.key === h.key && sameIdentity(h, identityOf(a, x))) ?? own.find((x) => sameIdentity(h, identityOf(a, x)));
}

function identityOf(a: Analysis, x: HunkAnalysis): HunkIdentity {
  return hunkIdentity(x.hunk, a.doc.messages[x.hunk.message]?.parts.find((p) => p.id === x.hunk.part));
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

function slug(s: string): string {
  return s.toLowerCase().replace(/^(re:\s*)?(\[[^\]]*\]\s*)*/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 52) || 'patch';
}

function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;
}

function body(a: Analysis, m: Message, p: ReviewPatch, trailer: string | undefined, opts: ReplyOptions, warnings: string[]): string[] {
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

export function exportReply(session: ReviewSession, a: Analysis, opts: ReplyOptions = {}): ReplyMail[] {
  const me = opts.identity ? parseFrom(opts.identity) : undefined;
  if (opts.identity && !me?.address.includes('@')) throw new Error(`identity ${JSON.stringify(opts.identity)} is not "Name <address>"`);
  const date = opts.date ?? new Date();
  const out: ReplyMail[] = [];
  for (const p of session.patches) {
    const allReviewed = p.hunks.length > 0 && p.hunks.every((h) => h.state === 'reviewed');
    // The trailer is body text: the name stays as written (8bit UTF-8), never encoded.
    const trailer = opts.trailer && me && allReviewed ? `${opts.trailer}: ${me.name ? `${me.name} ` : ''}<${me.address}>` : undefined;
    const noted = p.hunks.some((h) => h.note.trim());
    // A patch with nothing to say but a trailer still gets its reply: that is how a
    // Reviewed-by is given on the list.
    if (!noted && !trailer) continue;
    const m = a.doc.messages.find((x) => (x.messageId ?? `index:${x.index}`) === p.messageId);
    if (!m) throw new Error(`patch ${p.index} (${p.messageId}) is not in this thread`);
    const warnings: string[] = [];
    const text = body(a, m, p, trailer, opts, warnings);
    const subject = replySubject(m.subject);
    const { to, cc } = recipients(m, me);
    const head: string[] = [];
    if (me) head.push(field('From', formatAddress(me)));
    if (to.length) head.push(field('To', to.map(formatAddress).join(', ')));
    if (cc.length) head.push(field('Cc', cc.map(formatAddress).join(', ')));
    head.push(field('Subject', encodeText(subject)), field('Date', rfc5322Date(date)));
    // Ids come from hostile mail: one that could break the header line is left out.
    if (m.messageId && headerSafeId(m.messageId)) {
      const refs = m.references.filter(headerSafeId);
      if (m.inReplyTo && headerSafeId(m.inReplyTo) && !refs.includes(m.inReplyTo)) refs.push(m.inReplyTo);
      if (!refs.includes(m.messageId)) refs.push(m.messageId);
      head.push(field('In-Reply-To', `<${m.messageId}>`), field('References', refs.map((r) => `<${r}>`).join(' ')));
    }
    head.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit');
    const r: ReplyMail = {
      messageId: p.messageId, patchIndex: p.index, subject,
      fileName: `v${session.version}-${String(p.index).padStart(4, '0')}-re-${slug(m.subject)}.eml`,
      eml: `${head.join('\n')}\n\n${text.join('\n')}\n`,
      warnings,
    };
    if (trailer) r.trailer = trailer;
    out.push(r);
  }
  return out;
}
