import type { Hunk } from '../patch/types';
import { excerptOf } from './comments';
import { located, pushEntry, type LinkContext, type PartView } from './context';
import { hunkKey } from './hunk-key';
import { loreLink } from './lore-link';
import { hunkTerms, mentions, wordsOf } from './mentions';
import { isBlank } from './structure';
import type { DiscussionEntry } from './types';

/** Patch messages a reply speaks to: the nearest patch upthread, or every patch of an upthread cover letter's series. */
function targetPatches(ctx: LinkContext, chain: readonly number[]): number[] {
  for (const a of chain) {
    const mp = ctx.patchOf.get(a);
    if (!mp) continue;
    if (mp.hasPatch) return [a];
    if (mp.subject.index === 0) {
      const s = ctx.thread.series.find((x) => x.cover === a);
      if (s) return Object.values(s.patches).flat();
    }
  }
  return [];
}

/**
 * Replies that discuss a struct a hunk changes without quoting the hunk: each unquoted
 * paragraph naming `struct X` or a member the hunk adds or removes is attached to that hunk
 * (`quoted: false`), once per message and hunk.
 */
export function addMentions(ctx: LinkContext, pv: PartView, chain: readonly number[], quotedHere: ReadonlySet<string>): void {
  // A patch's own text names its structs on every line; only replies discuss them.
  if (ctx.patchOf.get(pv.m.index)?.hasPatch) return;
  const targets = targetPatches(ctx, chain);
  if (targets.length === 0) return;
  const hunks: { key: string; h: Hunk; terms: ReturnType<typeof hunkTerms> }[] = [];
  for (const t of targets) {
    for (const h of ctx.patchOf.get(t)?.hunks ?? []) {
      if (h.quoted) continue;
      const key = hunkKey(h);
      if (quotedHere.has(key)) continue;
      const terms = hunkTerms(h);
      if (terms.structs.length || terms.members.length) hunks.push({ key, h, terms });
    }
  }
  if (hunks.length === 0) return;
  const done = new Set<string>();
  const stop = pv.st.signature ?? pv.lines.length;
  for (let i = 0; i < stop; i++) {
    if (pv.lines[i].depth !== 0 || isBlank(pv.lines[i]) || pv.skip.has(i)) continue;
    let j = i;
    while (j + 1 < stop && pv.lines[j + 1].depth === 0 && !isBlank(pv.lines[j + 1])) j++;
    if (/^(?:[+-]|@@|diff )/.test(pv.lines[i].content)) {
      i = j;
      continue;
    }
    const words = wordsOf(pv.lines.slice(i, j + 1).map((l) => l.content).join(' '));
    for (const { key, terms } of hunks) {
      if (done.has(key) || !mentions(words, terms)) continue;
      done.add(key);
      const r = { first: i, last: j };
      const e: DiscussionEntry = {
        message: pv.m.index, from: pv.authors[0], excerpt: excerptOf(pv.lines, r), comment: located(pv, r, true),
        quoted: false, level: 0,
      };
      if (pv.m.date) e.date = pv.m.date;
      const link = loreLink(pv.m.messageId);
      if (link) e.link = link;
      pushEntry(ctx, key, e);
    }
    i = j;
  }
}
