import type { BodyPart } from '../mail/types';

/**
 * Maps indices into `part.text` to offsets in the part's view. For `document` parts the
 * characters the mail reader dropped (CR of CRLF, the `>` of mboxrd `>From`) are added
 * back; indices must be asked in ascending order, which keeps the mapping linear.
 */
export class ViewMapper {
  private readonly removed: readonly number[];
  private readonly base: number;
  private next = 0;

  constructor(part: BodyPart) {
    this.base = part.view === 'document' ? part.offset : 0;
    this.removed = part.view === 'document' ? (part.removed ?? []) : [];
  }

  /** Offset in the view of text index `i`; `i` must not decrease between calls. */
  map(i: number): number {
    const removed = this.removed;
    while (this.next < removed.length && removed[this.next] <= i) this.next++;
    return this.base + i + this.next;
  }
}
