import type { Hunk } from '../patch/types';

/** Stable name of a hunk: its body part and where it starts in that part's view. */
export function hunkKey(h: Hunk): string {
  return `${h.part}@${h.span.start}`;
}
