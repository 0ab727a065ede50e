/**
 * Positions are UTF-16 offsets, as VS Code's `TextDocument.positionAt` takes them.
 * `view` says which text they index: the opened document itself, or the decoded text of
 * one body part (quoted-printable, base64, a charset other than the document's) that the
 * extension can open as a virtual document.
 */
export interface Span {
  start: number;
  end: number;
}

export type ViewKind = 'document' | 'decoded';

/** A piece of text with the place it came from. */
export interface Located {
  /** `document` offsets index the opened document; `decoded` ones the part named by `part`. */
  view: ViewKind;
  /** Id of the body part when `view` is `decoded` (see `BodyPart.id`). */
  part?: string;
  span: Span;
}

/** One logical line with where it stands (line text excludes the line terminator). */
export interface Line {
  text: string;
  /** Offset of the first character of `text` in its view. */
  offset: number;
}
