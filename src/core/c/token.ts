/** A C token as the lexer produces it and the preprocessor and declaration parser consume it. */
export type TokenKind = 'ident' | 'number' | 'string' | 'char' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset in the source text the token was read from. */
  offset: number;
  /** Name of that source (a path in the tree, `<hunk>`, `<prelude>`…). */
  file: string;
  /** Whitespace (or a comment) stood before the token: needed for macro stringification and `#define F (x)`. */
  spaceBefore: boolean;
  /** First token on its line: the preprocessor looks for `#` there. */
  lineStart: boolean;
}
