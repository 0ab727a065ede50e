// Tying a stored session to an open thread: which session belongs to a document (by the
// series' Message-IDs), and which analysed hunk a session hunk stands for (by identity,
// the key only as a fast path since keys are offsets and move when the file changes).
import type { Analysis, HunkAnalysis } from '../analyze';
import { hunkIdentity, sameIdentity } from './identity';
import { ownHunks } from './start';
import type { HunkPos, ReviewHunk, ReviewSession } from './types';

/** The series' Message-IDs: cover letter first, then the patches. */
export function sessionIds(s: ReviewSession): string[] {
  return [...(s.cover ? [s.cover] : []), ...s.patches.map((p) => p.messageId)];
}

/** True when the analysed thread holds any message of the session's series. */
export function sessionMatches(s: ReviewSession, a: Analysis): boolean {
  const ids = new Set(a.doc.messages.map((m) => m.messageId ?? `index:${m.index}`));
  return sessionIds(s).some((id) => ids.has(id));
}

export function findHunk(a: Analysis, message: number, h: ReviewHunk): HunkAnalysis | undefined {
  const own = ownHunks(a, message);
  const same = (x: HunkAnalysis): boolean => sameIdentity(h, hunkIdentity(x.hunk, a.doc.messages[x.hunk.message]?.parts.find((p) => p.id === x.hunk.part)));
  return own.find((x) => x.key === h.key && same(x)) ?? own.find(same);
}

/** The analysed hunk at a session position (for its impact block, discussion, lines). */
export function hunkAnalysisAt(s: ReviewSession, pos: HunkPos, a: Analysis): HunkAnalysis | undefined {
  const p = s.patches[pos.patch];
  const h = p?.hunks[pos.hunk];
  const m = p && a.doc.messages.find((x) => (x.messageId ?? `index:${x.index}`) === p.messageId);
  return h && m ? findHunk(a, m.index, h) : undefined;
}
