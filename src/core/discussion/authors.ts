import type { MailDocument } from '../mail/types';
import type { Thread } from '../thread/types';
import type { BodyLine } from '../text/lines';
import type { Author, QuoteStructure } from './types';

/**
 * Message indices of the ancestors of `message`, nearest first (index 0 = parent).
 * Stops at a cycle (a reply quoting itself, a References loop) or after `limit` steps.
 */
export function ancestors(thread: Thread, message: number, limit = 1000): number[] {
  const out: number[] = [];
  const seen = new Set<number>([message]);
  let cur = thread.parent[message];
  while (cur !== undefined && out.length < limit && !seen.has(cur)) {
    out.push(cur);
    seen.add(cur);
    cur = thread.parent[cur];
  }
  return out;
}

export function samePerson(a: { name: string; address?: string }, b: { name: string; address: string }): boolean {
  const an = a.name.trim().toLowerCase();
  const bn = b.name.trim().toLowerCase();
  if (a.address && b.address && a.address.toLowerCase() === b.address.toLowerCase()) return true;
  if (an && bn && an === bn) return true;
  // Archives mask addresses (`brauner@xxxxxxxxxx`): compare the local part.
  if (a.address && b.address) {
    const al = a.address.split('@')[0].toLowerCase();
    const bl = b.address.split('@')[0].toLowerCase();
    if (al && al === bl && /x{3,}/i.test(a.address + b.address)) return true;
  }
  return false;
}

/**
 * Who wrote the words at each quote depth of a message part (index = depth). Depth 0 is the
 * sender; deeper levels come from attributions, else from the thread's parent chain (depth d
 * is the d-th ancestor). Levels known by neither are `unknown`.
 */
export function authorsByDepth(
  doc: MailDocument, thread: Thread, message: number, structure: QuoteStructure, maxDepth: number,
): Author[] {
  const m = doc.messages[message];
  const out: Author[] = [{ name: m.from.name || m.from.address, address: m.from.address, source: 'sender', message }];
  const chain = ancestors(thread, message, maxDepth);
  const byTarget = new Map<number, (typeof structure.attributions)[number]>();
  for (const a of structure.attributions) if (!byTarget.has(a.target)) byTarget.set(a.target, a);
  for (let d = 1; d <= maxDepth; d++) {
    const att = byTarget.get(d)?.attribution;
    const anc = chain[d - 1];
    const ancFrom = anc === undefined ? undefined : doc.messages[anc]?.from;
    if (att) {
      const a: Author = { name: att.name, source: 'attribution' };
      if (att.address) a.address = att.address;
      if (anc !== undefined && ancFrom && samePerson(att, ancFrom)) a.message = anc;
      out.push(a);
    } else if (anc !== undefined && ancFrom) {
      out.push({ name: ancFrom.name || ancFrom.address, address: ancFrom.address, source: 'thread', message: anc });
    } else {
      out.push({ name: '', source: 'unknown' });
    }
  }
  return out;
}

const SIGNOFF = /\b(?:Thanks|Thank you|Many thanks|Regards|Best regards|Kind regards|Cheers|Sincerely|Best)\s*[,.!]?\s+([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})\s*(?:\[\d+\].*)?$/;

/**
 * The name a message signs off with (`Thanks, Song`), read from its last unquoted lines;
 * used only when the sender's From is missing, as in text copied from a web archive.
 */
export function signoffName(lines: readonly BodyLine[], end = lines.length): string | undefined {
  const tail: string[] = [];
  for (let i = end - 1; i >= 0 && tail.length < 4; i--) {
    const l = lines[i];
    if (l.depth !== 0) break;
    const c = l.content.trim();
    if (c) tail.unshift(c.length > 400 ? c.slice(-400) : c);
  }
  const m = SIGNOFF.exec(tail.join(' '));
  return m?.[1];
}
