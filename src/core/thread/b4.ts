// The patches `b4 am` would apply from a whole file, following b4's own rules
// (b4/__init__.py LoreMailbox.add_message / get_series / partial_reroll): newest revision,
// first message per slot unless that one was a reply, revisions inferred from the cover
// letter, partial rerolls completed from the previous revision. The oracle tests compare
// this with b4 itself.
import type { Message } from '../mail/types';
import { parseSubject } from './subject';

const DIFF_RE = /^(---.*\n\+\+\+|GIT binary patch|diff --git \w\/\S+ \w\/\S+)/im;
const DIFFSTAT_RE = /^\s*\d+ file.*\d+ (insertion|deletion)/im;
const TRAILER_RE = /^[\w-]+-by:\s+\S/im;

interface LoreMsg {
  index: number;
  msgid?: string;
  inReplyTo?: string;
  reply: boolean;
  revision: number;
  revisionInferred: boolean;
  counter: number;
  expected: number;
  countersInferred: boolean;
  resend: boolean;
  patch: boolean;
  hasDiff: boolean;
  hasDiffstat: boolean;
  fromEmail: string;
  date: string;
}

/** b4's rule: a follow-up without Re: that carries trailers and no diff is a reply. */
export function isTrailerFollowup(m: Message): boolean {
  if (!m.inReplyTo) return false;
  const body = m.parts.map((p) => p.text).join('\n');
  return !DIFF_RE.test(body) && TRAILER_RE.test(body);
}

function loreMsg(m: Message): LoreMsg {
  const s = parseSubject(m.subject);
  const subj = m.subject.replace(/\s+/g, ' ').trim();
  const body = m.parts.map((p) => p.text).join('\n');
  const hasDiff = DIFF_RE.test(body);
  const lm: LoreMsg = {
    index: m.index,
    msgid: m.messageId,
    inReplyTo: m.inReplyTo,
    reply: /^(Re|Aw|Fwd):/i.test(subj) || /^\w{2,3}:\s*\[/.test(subj),
    revision: s.version,
    revisionInferred: !/\bv\d+\b|patchv\d+/i.test(subj.match(/^(\[[^\]]*\]\s*)*/)?.[0] ?? ''),
    counter: s.index ?? 1,
    expected: s.total ?? 1,
    countersInferred: s.index === undefined,
    resend: s.resend,
    patch: s.isPatch,
    hasDiff,
    hasDiffstat: DIFFSTAT_RE.test(body),
    fromEmail: m.from.address.toLowerCase(),
    date: m.date ?? '',
  };
  // a follow-up without Re: that carries trailers and no diff is still a reply
  if (!lm.reply && lm.inReplyTo && !hasDiff && TRAILER_RE.test(body)) lm.reply = true;
  return lm;
}

class LoreSeries {
  patches: (LoreMsg | undefined)[] = [undefined];
  complete = false;
  constructor(public revision: number, public expected: number) {}
  add(l: LoreMsg): void {
    while (this.patches.length < l.expected + 1) this.patches.push(undefined);
    this.expected = l.expected;
    const o = this.patches[l.counter];
    if (o) {
      if (o.reply || (o.countersInferred && !l.countersInferred)) this.patches[l.counter] = l;
    } else this.patches[l.counter] = l;
    this.complete = !this.patches.slice(1).includes(undefined);
  }
}

export interface B4Pick {
  revision: number;
  /** Message indices of the patches in slot order (cover letter excluded). */
  patches: number[];
  cover?: number;
}

export function pickLikeB4(messages: Message[]): B4Pick | undefined {
  const byId = new Map<string, LoreMsg>();
  const series = new Map<number, LoreSeries>();
  const covers = new Map<number, LoreMsg>();
  for (const m of messages) {
    if (m.messageId && byId.has(m.messageId)) continue;
    const l = loreMsg(m);
    if (l.msgid) byId.set(l.msgid, l);
    if (l.reply) continue;
    if (l.counter === 0 && (!l.countersInferred || l.hasDiffstat)) {
      covers.set(l.revision, l);
      continue;
    }
    if (!l.hasDiff) continue;
    if (!series.has(l.revision) && l.revisionInferred && l.inReplyTo) {
      const irt = byId.get(l.inReplyTo);
      if (irt && irt.hasDiffstat && !irt.hasDiff) l.revision = irt.revision;
      else if (l.counter > 0 && irt && irt.hasDiff && irt.counter === 1) l.revision = irt.revision;
    }
    if (!series.has(l.revision)) series.set(l.revision, new LoreSeries(l.revision, l.expected));
    if (l.counter === 1 && l.countersInferred && !l.reply && l.patch && !l.resend) {
      const o = (series.get(l.revision) as LoreSeries).patches[1];
      if (o && o.countersInferred && l.fromEmail === o.fromEmail && o.date < l.date) {
        l.revision = series.size + 1;
        series.set(l.revision, new LoreSeries(l.revision, l.expected));
      }
    }
    (series.get(l.revision) as LoreSeries).add(l);
  }
  if (series.size === 0) return undefined;
  const revision = Math.max(...series.keys());
  const lser = series.get(revision) as LoreSeries;
  if (lser.patches.every((p) => !p)) return undefined;
  const rerolled = !lser.complete && partialReroll(lser, series, byId);
  const out: B4Pick = { revision, patches: lser.patches.slice(1).filter((p): p is LoreMsg => !!p).map((p) => p.index) };
  let cover = covers.get(revision) ?? (rerolled ? covers.get(revision - 1) : undefined);
  if (!cover) {
    // b4: the first patch's parent is probably the cover letter when it has only a diffstat
    const first = lser.patches.find((p) => p && p.inReplyTo);
    const potential = first?.inReplyTo ? byId.get(first.inReplyTo) : undefined;
    if (potential && potential.hasDiffstat && !potential.hasDiff) cover = potential;
  }
  if (cover) out.cover = cover.index;
  return out;
}

function partialReroll(lser: LoreSeries, series: Map<number, LoreSeries>, byId: Map<string, LoreMsg>): boolean {
  const pser = series.get(lser.revision - 1);
  if (lser.revision <= 1 || !pser) return false;
  for (const p of lser.patches) {
    if (!p) continue;
    let pp = p.inReplyTo ? byId.get(p.inReplyTo) : undefined;
    if (!pp) return false;
    let found = false;
    for (;;) {
      if (p.counter === pp.counter && p.expected === pp.expected) { found = true; break; }
      const up: LoreMsg | undefined = pp.inReplyTo ? byId.get(pp.inReplyTo) : undefined;
      if (!up) break;
      pp = up;
    }
    if (!found) return false;
  }
  lser.patches.forEach((p, at) => {
    if (!pser.patches[at]) return;
    if (!p) lser.patches[at] = pser.patches[at];
  });
  return true;
}
