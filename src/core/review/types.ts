// A review session is plain data: the UI stores it as JSON in the extension's storage and
// hands it back to these functions, so nothing here may hold functions, Maps or indices
// that only make sense inside one analysis run (hunk keys are refreshed on restore).

export const REVIEW_SCHEMA = 'kernel-patch-lens.review@1';

export type HunkState = 'unreviewed' | 'reviewed' | 'concern' | 'skipped';

export const HUNK_STATES: readonly HunkState[] = ['unreviewed', 'reviewed', 'concern', 'skipped'];

/** What makes a hunk "the same hunk" across re-analyses: not its offset, its content. */
export interface HunkIdentity {
  file: string;
  /** The `@@ … @@ section` line as written in the patch. */
  header: string;
  /** Hash of the hunk's diff lines (marker + text, trailing blanks ignored). */
  hash: string;
}

export interface ReviewHunk extends HunkIdentity {
  /** hunkKey of the hunk in the analysis the session was last bound to. */
  key: string;
  /** 1-based line of the hunk's first line in the analysed document (0 when unknown). */
  line: number;
  /** The hunk changes (or defines) a struct. */
  struct: boolean;
  structs: string[];
  /** One-line struct impact headline, e.g. `+8 B struct inode · CONFIG_BPF_SYSCALL=y`. */
  impact?: string;
  state: HunkState;
  /** The reviewer's note, Markdown. */
  note: string;
}

export interface ReviewPatch {
  /** Message-ID without angle brackets; `index:<n>` when the message had none. */
  messageId: string;
  /** 1-based index in the series. */
  index: number;
  subject: string;
  from: string;
  date?: string;
  hunks: ReviewHunk[];
}

export interface HunkPos {
  patch: number;
  hunk: number;
}

export interface ReviewSession {
  schema: typeof REVIEW_SCHEMA;
  /** Storage key: the cover letter's Message-ID, else the first patch's. */
  key: string;
  title: string;
  version: number;
  cover?: string;
  patches: ReviewPatch[];
  /** Where the reviewer is. */
  current?: HunkPos;
}

/** A stored hunk that could not be found again; its state and note are handed back. */
export interface LostHunk {
  messageId: string;
  patchIndex: number;
  hunk: ReviewHunk;
  reason: 'patch-missing' | 'hunk-changed';
}

export interface Restored {
  session: ReviewSession;
  lost: LostHunk[];
  /** Hunks of the thread that the stored session did not know (they start unreviewed). */
  added: number;
}
