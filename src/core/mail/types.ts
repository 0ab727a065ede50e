import type { Span, ViewKind } from '../text/span';

export type InputKind =
  | 'mbox'          // mboxo or mboxrd, several messages
  | 'message'       // one RFC 5322 message (eml, maildir file, git format-patch output)
  | 'webarchive'    // text copied from lore / lkml.iu.edu / spinics / marc, newlines intact
  | 'collapsed'     // web-archive text whose newlines were collapsed into spaces
  | 'html'          // an HTML page of a web archive
  | 'diff';         // a bare diff with no mail headers

export interface Address {
  name: string;
  address: string;
}

export interface Header {
  /** Name as written (case kept). */
  name: string;
  /** Unfolded, RFC 2047 decoded value. */
  value: string;
  /** The raw header, folding included, in the message's view. */
  span: Span;
}

/** A text body part: the main body, an inline patch attachment, or the text of an HTML part. */
export interface BodyPart {
  /** `<message index>.<part index>`: stable name for a decoded view. */
  id: string;
  contentType: string;
  filename?: string;
  /** True when the part is an attachment (Content-Disposition or a non-text/plain main type). */
  attachment: boolean;
  /** The decoded text with line endings normalised to \n. */
  text: string;
  /**
   * `document`: `text` is the document's own characters from `offset` on (only line-ending
   * normalisation and mboxrd `>From` unescaping differ; `removed` lists those cut characters).
   * `decoded`: transfer encoding or charset made that impossible; offsets index `text` itself.
   */
  view: ViewKind;
  offset: number;
  /**
   * Sorted offsets into `text`: an entry r says one document character was dropped right
   * before text[r] (after r characters of text); the same r may repeat. So the document
   * offset of text index i is `offset + i + (number of entries <= i)` (see
   * mail/position.ts toDocumentOffset, text/position.ts ViewMapper).
   */
  removed?: number[];
}

export interface Message {
  index: number;
  /** Whole message (separator line excluded) in the document. */
  span: Span;
  headers: Header[];
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  from: Address;
  /** ISO 8601 when the Date header could be read; otherwise undefined. */
  date?: string;
  dateRaw?: string;
  subject: string;
  parts: BodyPart[];
  /** Problems met while reading, one line each; the message is still usable. */
  warnings: string[];
}

export interface MailDocument {
  kind: InputKind;
  messages: Message[];
  /** Warnings about the document as a whole. */
  warnings: string[];
}
