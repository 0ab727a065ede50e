import type { Address, MailDocument, Message } from '../mail/types';
import { b4Subject, type B4Subject } from './b4-subject';
import { emailEq, findTrailers, trailerEq, type B4Trailer } from './b4-trailer';

/** A follow-up trailer given in a reply, as b4 would add it to a patch. */
export interface CollectedTrailer {
  name: string;
  value: string;
  /** Message index of the reply that carries it. */
  message: number;
  /** Sender of that reply, as written in its From header. */
  from: Address;
  /** Line index of the trailer in the reply's body text (signature cut, wrapped trailers joined). */
  line: number;
}

export interface CollectOptions {
  /** Trailers sent to the cover letter apply to every patch of the series (`b4 am -t`). */
  coverToAll?: boolean;
  /** Keep person trailers whose address and name differ from the sender's (`--sloppy-trailers`). */
  sloppy?: boolean;
}

const DIFF_RE = /^(---.*\n\+\+\+|GIT binary patch|diff --git \w\/\S+ \w\/\S+)/im;
const DIFFSTAT_RE = /^\s*\d+ file.*\d+ (insertion|deletion)/im;
const BAD = new Set(['from', 'author', 'cc', 'to']);

interface Msg {
  index: number;
  m: Message;
  subj: B4Subject;
  reply: boolean;
  revision: number;
  body: string;
  hasDiff: boolean;
  hasDiffstat: boolean;
  trailers: B4Trailer[];
  followups: { t: B4Trailer; from: number }[];
}

/** The body b4 reads: the first text/plain (or x-patch) part, or a later one that holds a diff. */
function b4Body(m: Message): string | undefined {
  let body: string | undefined;
  for (const p of m.parts) {
    const ct = p.contentType.toLowerCase();
    if (!ct.includes('/plain') && !ct.includes('/x-patch')) continue;
    if (body === undefined) body = p.text;
    else if (DIFF_RE.test(p.text)) body = p.text;
  }
  return body;
}

function load(doc: MailDocument): { msgs: Msg[]; byId: Map<string, Msg> } {
  const byId = new Map<string, Msg>();
  const msgs: Msg[] = [];
  for (const m of doc.messages) {
    const id = m.messageId;
    if (id && byId.has(id)) continue;
    const subj = b4Subject(m.subject);
    const body = b4Body(m) ?? '';
    const hasDiff = DIFF_RE.test(body);
    const x: Msg = {
      index: m.index, m, subj, reply: subj.reply, revision: subj.revision, body, hasDiff,
      hasDiffstat: DIFFSTAT_RE.test(body), trailers: [], followups: [],
    };
    // Trailers of a patch itself are never follow-ups: b4 reads them only for replies.
    const found = subj.reply || (m.inReplyTo && !hasDiff) ? findTrailers(body, true) : [];
    // A trailer sent in reply without a Re: still marks a follow-up.
    if (found.length && m.inReplyTo && !hasDiff) x.reply = true;
    if (x.reply) x.trailers = found.filter((t) => !BAD.has(t.name.toLowerCase()));
    if (id) byId.set(id, x);
    msgs.push(x);
  }
  return { msgs, byId };
}

/** Person trailers count only when they name the sender (b4's get_trailers). */
function acceptedTrailers(f: Msg, sloppy: boolean): B4Trailer[] {
  const fromEmail = f.m.from.address;
  const fromName = (f.m.from.name.trim() ? f.m.from.name : fromEmail).toLowerCase();
  return f.trailers.filter((t) => {
    if (sloppy || t.type !== 'person') return true;
    if (emailEq(t, fromEmail)) return true;
    const tl = (t.addr?.[0] ?? '').toLowerCase();
    return tl === fromName || fromName.indexOf(',') > 0;
  });
}

/** The patch hash b4 borrows from patchwork, as the string that would be hashed. */
function pwKey(body: string): string {
  const out: string[] = [];
  for (let line of body.split('\n')) {
    if (!line) continue;
    const fn = /^(---|\+\+\+) (\S+)/.exec(line);
    const hk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (fn) line = `${fn[1]} ${fn[1] === '---' ? 'a/' : 'b/'}${fn[2].split('/').slice(1).join('/')}`;
    else if (hk) line = `@@ -${hk[1] ?? 1} +${hk[2] ?? 1} @@`;
    else if (!'-+ '.includes(line[0])) continue;
    out.push(line);
  }
  return out.join('\n');
}

/**
 * Follow-up trailers per patch message, collected the way `b4 am` does: only from replies,
 * above the signature, unquoted, person trailers only from their own sender; a reply's
 * trailers go up its In-Reply-To chain to the first patch (or non-reply) they reach, picking
 * up the trailers of the replies in between; trailers on an older revision's identical patch
 * carry over; with `coverToAll`, the cover letter's go to every patch of its series.
 * Duplicates, and trailers the patch already carries, are dropped.
 */
export function collectTrailers(doc: MailDocument, options: CollectOptions = {}): Map<number, CollectedTrailer[]> {
  const { msgs, byId } = load(doc);
  const sloppy = options.sloppy ?? false;
  const patches = msgs.filter((x) => !x.reply && x.hasDiff);
  const covers = new Map<number, Msg>();
  for (const x of msgs) {
    if (x.reply || x.hasDiff) continue;
    if (x.subj.counter === 0 && (!x.subj.countersInferred || x.hasDiffstat) && !covers.has(x.revision)) covers.set(x.revision, x);
  }
  // b4 fixes an inferred revision from an upthread cover letter or patch 1.
  for (const p of patches) {
    if (!p.subj.revisionInferred || !p.m.inReplyTo) continue;
    const irt = byId.get(p.m.inReplyTo);
    if (irt && irt.hasDiffstat && !irt.hasDiff) p.revision = irt.revision;
    else if (irt && p.subj.counter > 0 && irt.hasDiff && irt.subj.counter === 1) p.revision = irt.revision;
  }
  const revisions = patches.map((p) => p.revision);
  const top = revisions.length ? Math.max(...revisions) : 1;
  const latest = latestSeries(patches, top, covers, byId);

  for (const f of msgs) {
    if (!f.reply || f.trailers.length === 0) continue;
    let p: Msg | undefined;
    if (!f.m.inReplyTo) {
      for (const r of f.m.references) {
        const c = byId.get(r);
        if (c && r !== f.m.messageId) {
          p = c;
          break;
        }
      }
    } else p = byId.get(f.m.inReplyTo);
    if (!p) continue;
    const carried: { t: B4Trailer; from: number }[] = acceptedTrailers(f, sloppy).map((t) => ({ t, from: f.index }));
    const seen = new Set<Msg>([f]);
    for (;;) {
      if (!p.reply) {
        p.followups.push(...carried);
        break;
      }
      const up: Msg | undefined = p.m.inReplyTo ? byId.get(p.m.inReplyTo) : undefined;
      if (!up || seen.has(up)) break;
      seen.add(p);
      carried.push(...p.trailers.map((t) => ({ t, from: p!.index })));
      p = up;
    }
  }

  const out = new Map<number, CollectedTrailer[]>();
  const byHash = new Map<string, Msg[]>();
  const hashOf = new Map<Msg, string>();
  for (const p of patches) {
    const k = pwKey(p.body);
    hashOf.set(p, k);
    const list = byHash.get(k) ?? [];
    list.push(p);
    byHash.set(k, list);
  }
  for (const p of patches) {
    const extra: { t: B4Trailer; from: number }[] = [...p.followups];
    if (p.revision === top) {
      for (const q of byHash.get(hashOf.get(p) ?? '') ?? []) if (q !== p && q.revision !== top) extra.push(...q.followups);
    }
    if (options.coverToAll) {
      const cover = latest.members.has(p) ? latest.cover : coverOf([p], covers.get(p.revision), byId);
      if (cover) extra.push(...cover.followups);
    }
    const own = bodyTrailers(p.body);
    const kept: CollectedTrailer[] = [];
    for (const { t, from } of extra) {
      if (own.some((o) => trailerEq(o, t)) || kept.some((k) => trailerEq(k, t))) continue;
      kept.push({ name: t.name, value: t.value, message: from, from: doc.messages[from].from, line: t.line });
    }
    out.set(p.index, kept);
  }
  for (const c of covers.values()) {
    out.set(c.index, c.followups.map(({ t, from }) => ({ name: t.name, value: t.value, message: from, from: doc.messages[from].from, line: t.line })));
  }
  return out;
}

/** The series' cover letter, else the first member's In-Reply-To that looks like one (diffstat, no diff). */
function coverOf(members: readonly Msg[], cover: Msg | undefined, byId: Map<string, Msg>): Msg | undefined {
  if (cover) return cover;
  for (const p of members) {
    const irt = p.m.inReplyTo ? byId.get(p.m.inReplyTo) : undefined;
    if (irt && irt.hasDiffstat && !irt.hasDiff) return irt;
  }
  return undefined;
}

/** Patches of one revision by counter; the first one sent keeps a slot. */
function slots(patches: readonly Msg[], revision: number): Map<number, Msg> {
  const out = new Map<number, Msg>();
  for (const p of patches) if (p.revision === revision && !out.has(p.subj.counter)) out.set(p.subj.counter, p);
  return out;
}

/**
 * The series `b4 am` writes: the latest revision, completed from the previous one when it is
 * a partial reroll (every new patch answers the previous revision's patch with its counter).
 */
function latestSeries(
  patches: readonly Msg[], top: number, covers: Map<number, Msg>, byId: Map<string, Msg>,
): { members: Set<Msg>; cover?: Msg } {
  const cur = slots(patches, top);
  const expected = Math.max(0, ...[...cur.values()].map((p) => p.subj.expected));
  const missing = [...Array(expected).keys()].map((i) => i + 1).filter((c) => !cur.has(c));
  if (missing.length && top > 1 && patches.some((p) => p.revision === top - 1)) {
    const sane = [...cur.values()].every((p) => {
      const seen = new Set<Msg>();
      for (let q = p.m.inReplyTo ? byId.get(p.m.inReplyTo) : undefined; q && !seen.has(q); q = q.m.inReplyTo ? byId.get(q.m.inReplyTo) : undefined) {
        seen.add(q);
        if (q.subj.counter === p.subj.counter && q.subj.expected === p.subj.expected) return true;
      }
      return false;
    });
    if (sane) {
      const prev = slots(patches, top - 1);
      for (const c of missing) {
        const q = prev.get(c);
        if (q) cur.set(c, q);
      }
    }
  }
  const ordered = [...cur.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
  const cover = coverOf(ordered, covers.get(top), byId);
  return cover ? { members: new Set(ordered), cover } : { members: new Set(ordered) };
}

/** The trailers a patch already carries: its commit message's last paragraph (b4's get_body_parts). */
function bodyTrailers(body: string): B4Trailer[] {
  let b = body.replace(/\r/g, '').replace(/^\n+|\n+$/g, '');
  const sig = b.lastIndexOf('\n-- \n');
  if (sig >= 0) b = b.slice(0, sig).replace(/\n+$/, '');
  const dash = /^---\n/m.exec(b);
  let top = b;
  if (dash) top = b.slice(0, dash.index);
  else if (b.indexOf('\ndiff ') >= 0) top = b.slice(0, b.indexOf('\ndiff '));
  const paras = top.replace(/^\n+|\n+$/g, '').split('\n\n');
  return findTrailers(paras[paras.length - 1] ?? '', false);
}
