// Re-binding a stored session to a freshly analysed thread (the file was refetched, more
// replies arrived, the editor restarted): patches are found by Message-ID, hunks by
// identity, and whatever no longer matches is handed back rather than silently dropped.
import type { Analysis } from '../analyze';
import { sameIdentity } from './identity';
import { reviewPatch } from './start';
import type { HunkPos, LostHunk, Restored, ReviewPatch, ReviewSession } from './types';
import { parseSession } from './validate';

function findMessage(a: Analysis, messageId: string): number | undefined {
  const byIndex = /^index:(\d+)$/.exec(messageId);
  if (byIndex) {
    const i = Number(byIndex[1]);
    return a.doc.messages[i] && !a.doc.messages[i].messageId ? i : undefined;
  }
  // The first copy: an mbox that holds a message twice keeps the same patch in both.
  const m = a.doc.messages.find((x) => x.messageId === messageId);
  return m?.index;
}

export function restore(json: string | unknown, a: Analysis): Restored {
  const stored = parseSession(json);
  const lost: LostHunk[] = [];
  let added = 0;
  const patches: ReviewPatch[] = [];
  const moved = new Map<string, HunkPos>();
  stored.patches.forEach((sp, spi) => {
    const msg = findMessage(a, sp.messageId);
    if (msg === undefined) {
      for (const h of sp.hunks) lost.push({ messageId: sp.messageId, patchIndex: sp.index, hunk: h, reason: 'patch-missing' });
      return;
    }
    const fresh = reviewPatch(a, msg, sp.index);
    const used = new Set<number>();
    sp.hunks.forEach((old, ohi) => {
      const i = fresh.hunks.findIndex((h, j) => !used.has(j) && sameIdentity(h, old));
      if (i < 0) {
        lost.push({ messageId: sp.messageId, patchIndex: sp.index, hunk: old, reason: 'hunk-changed' });
        return;
      }
      used.add(i);
      fresh.hunks[i] = { ...fresh.hunks[i], state: old.state, note: old.note };
      moved.set(`${spi}/${ohi}`, { patch: patches.length, hunk: i });
    });
    added += fresh.hunks.length - used.size;
    patches.push(fresh);
  });
  const session: ReviewSession = { schema: stored.schema, key: stored.key, title: stored.title, version: stored.version, patches };
  if (stored.cover) session.cover = stored.cover;
  const cur = stored.current && moved.get(`${stored.current.patch}/${stored.current.hunk}`);
  if (cur) session.current = cur;
  return { session, lost, added };
}
