import type { Located } from '../text/span';

/** Which mail-client convention an attribution line follows. */
export type AttributionStyle =
  | 'on-wrote'   // On <date>, <name> wrote:
  | 'apple'      // On Nov 13, 2024, at 2:19 AM, <name> <addr> wrote:
  | 'mutt'       // * Name <addr> [date]:
  | 'outlook'    // -----Original Message----- / From: / Sent:
  | 'writes'     // <name> writes:
  | 'quoting'    // Quoting <name> (date):
  | 'wrote';     // <name> wrote: (no date)

export interface Attribution {
  name: string;
  address?: string;
  date?: string;
  style: AttributionStyle;
  /** Lines the attribution spans (a wrapped `On …` line or an Outlook header block). */
  lines: number;
}

/** A run of consecutive lines at quote depth >= 1 (blank depth-0 lines end it). */
export interface QuoteBlock {
  /** Line indices [start, end) into the message's body lines. */
  start: number;
  end: number;
  minDepth: number;
  maxDepth: number;
}

export interface AttributionAt {
  /** Index of the attribution's first line. */
  line: number;
  /** Quote depth of the attribution line itself. */
  depth: number;
  /** Quote depth whose words it names. */
  target: number;
  attribution: Attribution;
}

/** Quote structure of one body part. */
export interface QuoteStructure {
  blocks: QuoteBlock[];
  attributions: AttributionAt[];
  /** Line indices of `[...]`, `<snip>`, `[ ... ]` elisions. */
  elisions: number[];
  /** Index of the `-- ` signature separator (depth 0), if any. */
  signature?: number;
  /** The sender's own text comes before all quoted text (top-posting). */
  topPosted: boolean;
}

/** `signature`: the sender's From is missing (web-archive text) and the name is read from the sign-off. */
export type AuthorSource = 'sender' | 'attribution' | 'thread' | 'patch' | 'signature' | 'unknown';

/** Who wrote the words at one quote depth of a message. */
export interface Author {
  name: string;
  address?: string;
  source: AuthorSource;
  /** Message index of the words' original, when that message is in the file. */
  message?: number;
}

/** One anchored quote: a block's lines reproduce lines of `hunk`. */
export interface Anchor {
  /** Key of the hunk (see hunkKey). */
  hunk: string;
  /** Body line indices (into the quoting message's lines) of the first and last matched line. */
  first: number;
  last: number;
  /** Number of quoted lines matched, and how many of them are `+`/`-` lines. */
  matched: number;
  changed: number;
  /** Quote depth of the matched lines (the most common one). */
  depth: number;
  /**
   * Who wrote the quoted lines (the patch's author for a quoted patch); `source: 'unknown'`
   * with an empty name when neither an attribution nor the thread says.
   */
  author?: Author;
}

/** A quoted block and what it was anchored to (or why not). */
export interface BlockAnchors {
  message: number;
  part: string;
  block: QuoteBlock;
  anchors: Anchor[];
  /** Why nothing was anchored although the block looks like a diff; undefined otherwise. */
  unanchored?: string;
}

export interface DiscussionEntry {
  /** Index of the message the text stands in. */
  message: number;
  /** Author of the comment (the sender, or a quoted author for deeper levels). */
  from: Author;
  date?: string;
  /** The comment, whitespace collapsed and shortened. */
  excerpt: string;
  /** Where the quoted hunk lines are; absent for replies that do not quote the hunk. */
  quote?: Located;
  comment: Located;
  /** `https://lore.kernel.org/r/<id>`, only when the message has a valid Message-ID. */
  link?: string;
  /** False when the reply discusses the hunk's struct without quoting it. */
  quoted: boolean;
  /** Quote depth of the comment inside `message` (0 = the sender's own words). */
  level: number;
}

export type VerdictKind = 'acked' | 'reviewed' | 'tested' | 'nacked' | 'refusal';

export interface Verdict {
  kind: VerdictKind;
  /** Who gave it: the author of the words (usually the reply's sender). */
  by: Author;
  /** The trailer value or the sentence that carries it. */
  text: string;
  message: number;
  part: string;
  view: 'document' | 'decoded';
  offset: number;
  /** Message index of the patch it applies to, when that patch is in the file. */
  patch?: number;
  /** Hunk key when the verdict follows a quote of that hunk. */
  hunk?: string;
}

/** A size stated in prose: "grows struct inode by 8 bytes". */
export interface Claim {
  struct: string;
  bytes: number;
  sign: 1 | -1;
  message: number;
  /** Offset in the view of `part` (set by linkDiscussion; findClaims alone leaves it out). */
  offset: number;
  part?: string;
}

export interface Discussion {
  /** Per hunk key, the comments about that hunk in thread order. */
  hunks: Record<string, DiscussionEntry[]>;
  /** Per patch message index, its verdicts. */
  verdicts: Record<number, Verdict[]>;
  /** Verdicts whose patch is not in the file (keyed by hunk only, or by nothing). */
  looseVerdicts: Verdict[];
  /** Every quoted block that looked like a diff, with its anchors. */
  blocks: BlockAnchors[];
  claims: Claim[];
}
