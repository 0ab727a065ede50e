import type { MailDocument } from '../mail/types';
import type { Hunk, MessagePatches } from '../patch/types';
import type { Thread } from '../thread/types';
import { ancestors, authorsByDepth, signoffName } from './authors';
import { anchorBlocks } from './block-links';
import { findClaims } from './claims';
import { readableParts, type LinkContext, type PartView } from './context';
import { HunkIndex } from './hunk-index';
import { hunkKey } from './hunk-key';
import { linesOf } from './lines';
import { quoteStructure } from './structure';
import type { AttributionMemo } from './attribution';
import type { Claim, Discussion } from './types';
import { addMentions } from './unquoted';
import { proseVerdicts, trailerVerdicts } from './verdict-links';

/** Authorship is looked up for the first levels only; hostile quotes can be millions deep. */
const MAX_AUTHOR_DEPTH = 1000;

const SIZE_WORD = /byte|\dB\b|\d B\b/i;

/**
 * findClaims' own gate on the run joined with spaces, read line by line so the run is not
 * copied: a match lies within one line, or is `8 B` cut at the join ("…8" / "B…").
 */
function mayClaim(pv: PartView, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = pv.lines[i].content;
    if (SIZE_WORD.test(c)) return true;
    if (i + 1 < end) {
      const last = c.charCodeAt(c.length - 1);
      const next = pv.lines[i + 1].content;
      if (last >= 48 && last <= 57 && /^[bB](?!\w)/.test(next)) return true;
    }
  }
  return false;
}

function claimsOf(pv: PartView): Claim[] {
  const out: Claim[] = [];
  let start = 0;
  // Claims are read per run of one quote depth, so a sentence never joins two authors.
  for (let i = 1; i <= pv.lines.length; i++) {
    if (i < pv.lines.length && pv.lines[i].depth === pv.lines[start].depth) continue;
    if (!mayClaim(pv, start, i)) {
      start = i;
      continue;
    }
    const run = pv.lines.slice(start, i).map((l) => ({ text: l.content, offset: l.contentOffset }));
    for (const c of findClaims(run, pv.m.index)) out.push({ ...c, part: pv.part.id });
    start = i;
  }
  return out;
}

/** The anchoring stage's result: every readable part read, its quotes anchored to hunks. */
export interface Anchored {
  ctx: LinkContext;
  /** Per message index, its readable parts in order. */
  views: Map<number, PartView[]>;
  /** Per message index, the messages above it in the thread, nearest first. */
  chains: Map<number, number[]>;
  /** Per part view, the hunks its quotes were anchored to (mentions skip those). */
  seen: Map<PartView, Set<string>>;
}

/**
 * Quote anchoring alone: every reply's parts are read (quote depths, attributions, authors)
 * and each quoted block is anchored to the hunk it reproduces, with the comments after it.
 */
export function anchorDiscussion(doc: MailDocument, thread: Thread, patches: MessagePatches[]): Anchored {
  const out: Discussion = { hunks: {}, verdicts: {}, looseVerdicts: [], blocks: [], claims: [] };
  const keys = new Map<string, string>();
  const primary = new HunkIndex([], keys);
  const quotedHunks: Hunk[] = [];
  const hunks = new Map<string, Hunk>();
  const patchOf = new Map<number, MessagePatches>();
  for (const mp of patches) {
    patchOf.set(mp.message, mp);
    for (const h of mp.hunks) {
      if (h.quoted) {
        quotedHunks.push(h);
        hunks.set(hunkKey(h), h);
      } else hunks.set(primary.add(h).key, h);
    }
  }
  // Quoted hunks are searched only when a diff-like quote matches no patch: built on first need.
  let quotedIndex: HunkIndex | undefined;
  const quoted = (): HunkIndex => (quotedIndex ??= new HunkIndex(quotedHunks, keys));
  const ctx: LinkContext = { doc, thread, out, hunks, patchOf, verdictAt: new Set() };
  const views = new Map<number, PartView[]>();
  const attributions: AttributionMemo = new Map();
  const seen = new Map<PartView, Set<string>>();
  const chains = new Map<number, number[]>();
  for (const m of doc.messages) {
    const chain = ancestors(thread, m.index);
    chains.set(m.index, chain);
    const pvs: PartView[] = [];
    for (const part of readableParts(m)) {
      const lines = linesOf(doc, part, m, chain);
      const st = quoteStructure(lines, attributions);
      let maxDepth = 0;
      for (const l of lines) if (l.depth > maxDepth) maxDepth = l.depth;
      const skip = new Set<number>(st.elisions);
      for (const a of st.attributions) for (let k = 0; k < a.attribution.lines; k++) skip.add(a.line + k);
      const authors = authorsByDepth(doc, thread, m.index, st, Math.min(maxDepth, MAX_AUTHOR_DEPTH));
      if (!m.from.name && !m.from.address) {
        const name = signoffName(lines, st.signature);
        if (name) authors[0] = { name, source: 'signature', message: m.index };
      }
      const pv: PartView = { m, part, lines, st, authors, skip };
      pvs.push(pv);
      seen.set(pv, anchorBlocks(ctx, pv, primary, quoted, chain));
    }
    views.set(m.index, pvs);
  }
  return { ctx, views, chains, seen };
}

/**
 * Link every hunk to the discussion about it: quotes anchored to the hunks they reproduce,
 * the comments after them with their authors, replies that discuss a hunk's struct without
 * quoting it, verdicts per patch (follow-up trailers the b4 way, NAKs and refusals), and the
 * sizes stated in prose.
 */
export function linkDiscussion(doc: MailDocument, thread: Thread, patches: MessagePatches[]): Discussion {
  const { ctx, views, chains, seen } = anchorDiscussion(doc, thread, patches);
  const out = ctx.out;
  for (const [index, pvs] of views) {
    const chain = chains.get(index)!;
    for (const pv of pvs) {
      addMentions(ctx, pv, chain, seen.get(pv)!);
      proseVerdicts(ctx, pv, chain);
      out.claims.push(...claimsOf(pv));
    }
  }
  trailerVerdicts(ctx, views);
  // Stable: within one message and level, anchored comments stay before mentions.
  for (const list of Object.values(out.hunks)) list.sort((a, b) => a.message - b.message || b.level - a.level);
  return out;
}
