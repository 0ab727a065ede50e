// Export Review Reply: one plain-text reply per patch the reviewer wrote notes on, in the
// style kernel lists expect (attribution, trimmed inline quotes, answer below each quote,
// no top-posting), as an RFC 5322 message `git send-email` or mutt can send. Nothing is
// sent from here, and Message-ID is left out on purpose: the sending program adds one,
// and a fixed id in a file that may be sent twice would make two different mails share it.
import type { Analysis } from '../analyze';
import { parseFrom } from '../mail';
import { encodeText, field, formatAddress, headerSafeId, rfc5322Date } from './headers';
import type { QuoteOptions } from './quote';
import { recipients } from './recipients';
import { replyBody } from './reply-body';
import type { ReviewSession } from './types';

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

function slug(s: string): string {
  return s.toLowerCase().replace(/^(re:\s*)?(\[[^\]]*\]\s*)*/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 52) || 'patch';
}

function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;
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
    const text = replyBody(a, m, p, trailer, opts, warnings);
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
