/**
 * A body as lines with their quote structure. For ordinary mail this is the part's text
 * split at newlines; for text whose newlines were collapsed into spaces it is the rebuilt
 * line sequence (see patch/rebuild), each line still a contiguous slice of its view.
 */
export interface BodyLine {
  /** The whole line as it stands, quote markers included. */
  text: string;
  /** Offset of `text` in the part's view (see BodyPart.view). */
  offset: number;
  /** Number of quote markers (`>`, `> >`, `>>`…) before the content. */
  depth: number;
  /** The line with its quote markers (and the one space after the last) removed. */
  content: string;
  /** Offset of `content` in the part's view. */
  contentOffset: number;
  /** Set on lines rebuilt from collapsed text when the split point was a guess. */
  uncertain?: boolean;
  /**
   * Set by the collapsed-text rebuild on lines it placed inside a hunk: the diff line kind
   * it assigned. Needed because collapsing eats a context line's leading space marker (and
   * blank context lines entirely; those come back as empty lines with `uncertain`).
   */
  rebuiltKind?: ' ' | '+' | '-';
  /** Set on rebuilt lines that are a diff header or `@@` line rather than prose. */
  rebuiltHeader?: boolean;
  /** On a rebuilt `@@` line: what the rebuild of its hunk had to guess. */
  rebuildNotes?: string[];
}
