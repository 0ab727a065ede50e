import type { BodyPart, MailDocument, Message } from '../mail/types';
import type { Hunk, MessagePatches } from '../patch/types';
import type { BodyLine } from '../text/lines';
import type { Located } from '../text/span';
import type { Thread } from '../thread/types';
import type { LineRange } from './comments';
import type { Author, Discussion, DiscussionEntry, QuoteStructure, Verdict } from './types';

/** Everything known about one body part while linking. */
export interface PartView {
  m: Message;
  part: BodyPart;
  lines: readonly BodyLine[];
  st: QuoteStructure;
  authors: Author[];
  /** Attribution and elision lines: never comment text. */
  skip: Set<number>;
}

export interface LinkContext {
  doc: MailDocument;
  thread: Thread;
  out: Discussion;
  hunks: Map<string, Hunk>;
  patchOf: Map<number, MessagePatches>;
  /** `message:offset` of verdicts already recorded: a refusal after a quote is found twice. */
  verdictAt: Set<string>;
}

/** Text parts a reader reads: inline ones, or the first part when all are attachments. */
export function readableParts(m: Message): BodyPart[] {
  const inline = m.parts.filter((p) => !p.attachment);
  return inline.length ? inline : m.parts.slice(0, 1);
}

function span(lines: readonly BodyLine[], first: number, last: number, words: boolean): { start: number; end: number } {
  return { start: words ? lines[first].contentOffset : lines[first].offset, end: lines[last].offset + lines[last].text.length };
}

/**
 * Where lines [first, last] stand in the part's view. A quote spans whole lines, markers
 * included; a comment (`words`) starts at its first word, after any quote markers.
 */
export function located(pv: PartView, r: LineRange, words = false): Located {
  return { view: pv.part.view, part: pv.part.id, span: span(pv.lines, r.first, r.last, words) };
}

export function pushEntry(ctx: LinkContext, key: string, e: DiscussionEntry): void {
  (ctx.out.hunks[key] ??= []).push(e);
}

export function pushVerdict(ctx: LinkContext, v: Verdict): void {
  const at = `${v.message}:${v.part}:${v.offset}`;
  if (ctx.verdictAt.has(at)) return;
  ctx.verdictAt.add(at);
  if (v.patch === undefined) ctx.out.looseVerdicts.push(v);
  else (ctx.out.verdicts[v.patch] ??= []).push(v);
}
