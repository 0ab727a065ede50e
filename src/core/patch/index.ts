import type { BodyPart, InputKind, MailDocument, Message } from '../mail/types';
import type { Thread } from '../thread/types';
import { parseSubject } from '../thread/subject';
import { bodyLines, keptBodyLines } from '../text/body';
import type { BodyLine } from '../text/lines';
import type { Hunk, MessagePatches } from './types';
import { findHunks } from './hunks';
import { detectStructs } from './structs';
import { findDiffstat } from './diffstat';
import { findTrailers } from './trailers';
import { findSource, startsAt } from './infer';

export { parseHunkHeader } from './hunkHeader';
export { detectStructs, headingScope } from './structs';
export { findDiffstat } from './diffstat';
export { findTrailers } from './trailers';
export { findHunks } from './hunks';

/**
 * Everything the patch stage finds in one message. `answered` is the patch being replied
 * to (the nearest ancestor carrying hunks); quotes that lost their file header or `@@`
 * line take their file from it. Usable one message at a time, for streaming; `read` splits
 * a part into lines (extractPatches keeps them for the discussion, a stream does not).
 */
export function messagePatches(
  message: Message, kind: InputKind, answered?: MessagePatches | readonly MessagePatches[],
  read: (part: BodyPart, kind: InputKind) => readonly BodyLine[] = bodyLines,
): MessagePatches {
  const sources: readonly MessagePatches[] = answered === undefined ? [] : Array.isArray(answered) ? answered : [answered as MessagePatches];
  const hunks: Hunk[] = [];
  const trailers: MessagePatches['trailers'] = [];
  let diffstat: MessagePatches['diffstat'];
  const collapsed = kind === 'collapsed';
  for (const part of message.parts) {
    const lines = read(part, kind);
    const found = findHunks(lines, { message: message.index, part: part.id, view: part.view, lenient: collapsed });
    for (const h of found.hunks) {
      if (h.quoted && sources.length) inferFile(h, sources);
      hunks.push(h);
    }
    for (const { hunk, codeLike } of found.headerless) {
      const m = sources.length ? findSource(hunk, sources) : undefined;
      if (m && m.votes >= 2) {
        hunk.file = m.hunk.file;
        hunk.fileFrom = m.hunk.file ? 'inferred' : 'unknown';
        const s = startsAt(m);
        hunk.oldStart = s.oldStart;
        hunk.newStart = s.newStart;
        hunk.section = m.hunk.section;
        hunks.push(hunk);
      } else if (codeLike >= 2 && codeLike * 2 >= hunk.lines.length) {
        hunks.push(hunk);
      }
    }
    if (!diffstat) diffstat = findDiffstat(lines, part.id);
    trailers.push(...findTrailers(lines, part.id, collapsed));
  }
  hunks.sort((a, b) => (a.part === b.part ? a.span.start - b.span.start : a.part < b.part ? -1 : 1));
  for (const h of hunks) h.structs = detectStructs(h);
  const out: MessagePatches = {
    message: message.index,
    subject: parseSubject(message.subject),
    hasPatch: hunks.some((h) => !h.quoted),
    hunks,
    trailers,
  };
  if (diffstat) out.diffstat = diffstat;
  return out;
}

/** A quoted hunk whose file header was cut (or stood far above) takes the answered patch's file. */
function inferFile(h: Hunk, sources: readonly MessagePatches[]): void {
  if (h.fileFrom === 'header') return;
  const m = findSource(h, sources);
  if (!m || m.votes < 2 || !m.hunk.file) return;
  if (h.file !== m.hunk.file) {
    h.file = m.hunk.file;
    h.fileFrom = 'inferred';
  }
}

/**
 * Patches of every message of a document, one entry per message in document order. With
 * a thread, each message is read against its nearest ancestors that carry hunks; without,
 * against the messages of the file that carry a patch of their own.
 */
export function extractPatches(doc: MailDocument, thread?: Thread): MessagePatches[] {
  const n = doc.messages.length;
  const out: (MessagePatches | undefined)[] = new Array(n);
  const order = thread ? parentsFirst(thread, n) : [...Array(n).keys()];
  const withPatch: number[] = [];
  for (const i of order) {
    const sources: MessagePatches[] = [];
    if (thread) {
      const seen = new Set<number>();
      for (let p = thread.parent[i]; p !== undefined && !seen.has(p) && sources.length < 4; p = thread.parent[p]) {
        seen.add(p);
        const mp = out[p];
        if (mp && mp.hunks.length) sources.push(mp);
      }
    } else {
      for (let k = withPatch.length - 1; k >= 0 && sources.length < 8; k--) sources.push(out[withPatch[k]]!);
    }
    const mp = messagePatches(doc.messages[i], doc.kind, sources, keptBodyLines);
    out[i] = mp;
    if (mp.hasPatch) withPatch.push(i);
  }
  if (!thread && withPatch.length) {
    // Without a thread, a reply standing before the patch it quotes is read again
    // against the patches of the whole file, nearest first.
    for (let i = 0; i < withPatch[withPatch.length - 1]; i++) {
      if (out[i]!.hasPatch) continue;
      const sources = withPatch.filter((k) => k > i).slice(0, 8).map((k) => out[k]!);
      out[i] = messagePatches(doc.messages[i], doc.kind, [...sources, ...withPatch.filter((k) => k < i).reverse().slice(0, 8).map((k) => out[k]!)], keptBodyLines);
    }
  }
  return out as MessagePatches[];
}

/** Message indices ordered so that every parent comes before its children (cycles broken). */
function parentsFirst(thread: Thread, n: number): number[] {
  const state = new Uint8Array(n);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const chain: number[] = [];
    let k: number | undefined = i;
    while (k !== undefined && k < n && state[k] === 0) {
      state[k] = 1;
      chain.push(k);
      k = thread.parent[k];
    }
    for (let c = chain.length - 1; c >= 0; c--) order.push(chain[c]);
  }
  return order;
}
