/** Anchoring the quoted blocks of one body part, and the comments that follow each anchored quote. */
import { anchorQuote, type AnchorLine } from './anchor';
import { commentAfter, commentBefore, commentWithin, excerptOf, type LineRange } from './comments';
import { located, pushEntry, pushVerdict, type LinkContext, type PartView } from './context';
import type { HunkIndex, IndexedHunk } from './hunk-index';
import { loreLink } from './lore-link';
import { quotedKind } from './normalize';
import type { Anchor, Author, BlockAnchors, DiscussionEntry, QuoteBlock, Verdict } from './types';
import { refusalVerdict } from './verdicts';

function isDiffish(pv: PartView, b: QuoteBlock): boolean {
  let n = 0;
  for (let i = b.start; i < b.end; i++) {
    const l = pv.lines[i];
    if (l.depth === 0) continue;
    const k = quotedKind(l.content);
    if (k === '@') return true;
    if ((k === '+' || k === '-') && l.content.trim().length > 1) n++;
    if (n >= 2) return true;
  }
  return false;
}

function whyUnanchored(primary: HunkIndex, lines: readonly AnchorLine[]): string {
  if (primary.size === 0) return 'no patch in this file';
  const hits = lines.filter((l) => {
    const hit = primary.readLine(l.content);
    return (hit.q.kind === '+' || hit.q.kind === '-') && hit.entry !== undefined;
  }).length;
  return hits === 0
    ? 'patch not in this file: no +/- line of the quote is in any patch here'
    : `too little of any one hunk is quoted (${hits} +/- line(s) found)`;
}

function onlyTrailers(pv: PartView, r: LineRange): boolean {
  for (let i = r.first; i <= r.last; i++) {
    const c = pv.lines[i].content.trim();
    if (c && !/^[A-Za-z][\w-]*-by:\s|^(?:Fixes|Cc|Link):\s/.test(c)) return false;
  }
  return true;
}

/** Quoted comments deeper than this below the hunk's own level are not looked for. */
const MAX_LEVELS = 8;

/** Comments and verdicts that follow one anchored quote; `own` is the sender's comment after the block. */
function emitAnchor(ctx: LinkContext, pv: PartView, b: QuoteBlock, a: Anchor, own: LineRange | undefined): void {
  const hunk = ctx.hunks.get(a.hunk);
  const patch = hunk && !hunk.quoted ? hunk.message : undefined;
  const quote = located(pv, { first: a.first, last: a.last });
  const link = loreLink(pv.m.messageId);
  const levels: { level: number; r: LineRange }[] = [];
  // Deeper levels first: older words, written before the sender's.
  const low = Math.max(1, a.depth - MAX_LEVELS);
  for (let j = Math.min(a.depth - 1, pv.authors.length - 1); j >= low; j--) {
    if (pv.authors[j].message !== undefined) continue; // its own message is in the file and says it there
    const r = commentWithin(pv.lines, a.last + 1, b.end, j, pv.skip, a.depth);
    if (r) levels.push({ level: j, r });
  }
  if (own) levels.push({ level: 0, r: own });
  for (const { level, r } of levels) {
    const from = pv.authors[level];
    const e: DiscussionEntry = {
      message: pv.m.index, from, excerpt: excerptOf(pv.lines, r), quote, comment: located(pv, r, true), quoted: true, level,
    };
    if (level === 0 && pv.m.date) e.date = pv.m.date;
    if (link) e.link = link;
    pushEntry(ctx, a.hunk, e);
    for (let i = r.first; i <= r.last; i++) {
      const hit = refusalVerdict(pv.lines[i].content);
      if (!hit) continue;
      const v: Verdict = {
        kind: hit.kind, by: from, text: hit.text, message: pv.m.index, part: pv.part.id, view: pv.part.view,
        offset: pv.lines[i].contentOffset + hit.at, hunk: a.hunk,
      };
      if (patch !== undefined) v.patch = patch;
      pushVerdict(ctx, v);
      break;
    }
  }
}

/** Who wrote the quoted hunk lines: the level's author, else the patch's sender when it is in the file. */
function quoteAuthor(ctx: LinkContext, pv: PartView, a: Anchor): Author {
  const known = pv.authors[a.depth];
  if (known && known.source !== 'unknown') return known;
  const h = ctx.hunks.get(a.hunk);
  if (h && !h.quoted) {
    const f = ctx.doc.messages[h.message].from;
    return { name: f.name || f.address, address: f.address, source: 'patch', message: h.message };
  }
  return { name: '', source: 'unknown' };
}

function rankFor(m: number, chain: readonly number[]): (h: IndexedHunk) => number {
  const gen = new Map<number, number>();
  chain.forEach((a, i) => gen.set(a, i));
  return (ih) => {
    const g = gen.get(ih.hunk.message);
    if (g !== undefined) return g;
    const d = ih.hunk.message - m;
    return 1000 + (d <= 0 ? -d : 100000 + d);
  };
}

/** Prefer the quote's own hunk (found by the patch stage inside this block), then ancestors'. */
function quotedRank(pv: PartView, b: QuoteBlock, chain: readonly number[]): (h: IndexedHunk) => number {
  const base = rankFor(pv.m.index, chain);
  const lo = pv.lines[b.start].offset;
  const hi = pv.lines[b.end - 1].offset + pv.lines[b.end - 1].text.length;
  return (ih) => {
    const h = ih.hunk;
    if (h.message === pv.m.index && h.part === pv.part.id && h.span.start >= lo && h.span.end <= hi) return 0;
    return base(ih) + 1;
  };
}

/**
 * A quote without a single `+`, `-` or `@@` line is prose (or context alone, which says
 * nothing about what a reviewer answers): it is not anchored.
 */
function mayHoldDiff(pv: PartView, b: QuoteBlock): boolean {
  for (let i = b.start; i < b.end; i++) {
    const c = pv.lines[i].content.charCodeAt(0);
    if (c === 43 || c === 45 || c === 64) return true;
  }
  return false;
}

/** `quoted` gives the index of hunks found inside quotes; it is costly to build, so only asked for when needed. */
export function anchorBlocks(ctx: LinkContext, pv: PartView, primary: HunkIndex, quoted: () => HunkIndex, chain: readonly number[]): Set<string> {
  const seen = new Set<string>();
  const rank = rankFor(pv.m.index, chain);
  for (const b of pv.st.blocks) {
    if (!mayHoldDiff(pv, b)) continue;
    const al: AnchorLine[] = [];
    for (let i = b.start; i < b.end; i++) {
      const l = pv.lines[i];
      // `skip` holds every elision and attribution line quoteStructure found.
      if (l.depth === 0 || pv.skip.has(i)) continue;
      al.push({ index: i, content: l.content, depth: l.depth });
    }
    let anchors = anchorQuote(al, primary, { rank });
    const diffish = isDiffish(pv, b);
    if (anchors.length === 0 && diffish) anchors = anchorQuote(al, quoted(), { rank: quotedRank(pv, b, chain) });
    if (anchors.length === 0 && !diffish) continue;
    const ba: BlockAnchors = { message: pv.m.index, part: pv.part.id, block: b, anchors };
    if (anchors.length === 0) ba.unanchored = whyUnanchored(primary, al);
    ctx.out.blocks.push(ba);
    // A top-posted reply answers everything quoted below it.
    let own = anchors.length === 0 ? undefined
      : pv.st.topPosted ? commentBefore(pv.lines, pv.st.blocks[0].start, pv.skip)
      : commentAfter(pv.lines, b.end, pv.st.signature ?? pv.lines.length, pv.skip);
    // "Reviewed-by: …" alone after a quote is a verdict (collected per patch), not a comment on the hunk.
    if (own && onlyTrailers(pv, own)) own = undefined;
    for (const a of anchors) {
      a.author = quoteAuthor(ctx, pv, a);
      seen.add(a.hunk);
      emitAnchor(ctx, pv, b, a, own);
    }
  }
  return seen;
}
