import type { SourcePos } from './ctypes';
import type { Token } from './token';

export class ParseError extends Error {
  constructor(message: string, readonly pos: SourcePos) {
    super(message);
    this.name = 'ParseError';
  }
}

const EOF: Token = { kind: 'punct', text: '', offset: 0, file: '<eof>', spaceBefore: false, lineStart: false };

/** A position in a token array, with the small helpers a recursive-descent parser needs. */
export class Cursor {
  i = 0;
  constructor(readonly toks: Token[]) {}

  get done(): boolean {
    return this.i >= this.toks.length;
  }

  peek(k = 0): Token {
    return this.toks[this.i + k] ?? this.eofAt();
  }

  private eofAt(): Token {
    const last = this.toks[this.toks.length - 1];
    return last ? { ...EOF, file: last.file, offset: last.offset + last.text.length } : EOF;
  }

  next(): Token {
    const t = this.peek();
    if (this.i < this.toks.length) this.i++;
    return t;
  }

  is(text: string, k = 0): boolean {
    const t = this.toks[this.i + k];
    return t !== undefined && t.text === text && (t.kind === 'punct' || t.kind === 'ident');
  }

  accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.i++;
    return true;
  }

  expect(text: string, what?: string): Token {
    const t = this.peek();
    if (!this.is(text)) throw this.error(`expected '${text}'${what ? ' ' + what : ''} but found ${describe(t)}`);
    this.i++;
    return t;
  }

  pos(t: Token = this.peek()): SourcePos {
    return { file: t.file, offset: t.offset };
  }

  error(message: string, t: Token = this.peek()): ParseError {
    return new ParseError(`${message} (${t.file}:${t.offset})`, this.pos(t));
  }

  /** Skips a balanced group starting at an opening bracket; returns the tokens inside (none unless `collect`). */
  skipGroup(collect = true): Token[] {
    const open = this.next();
    const close = open.text === '(' ? ')' : open.text === '[' ? ']' : '}';
    const start = this.i;
    let depth = 1;
    while (!this.done) {
      const t = this.next();
      if (t.kind !== 'punct') continue;
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') {
        depth--;
        if (depth === 0) {
          if (t.text !== close) throw this.error(`'${open.text}' closed by '${t.text}'`, t);
          return collect ? this.toks.slice(start, this.i - 1) : [];
        }
      }
    }
    throw this.error(`unbalanced '${open.text}'`, open);
  }

  /**
   * Skips to just past the next `;` at bracket depth 0, or past a `}` that closes the
   * declaration (error recovery, initializers). A closing bracket pops to its opener, so
   * an unclosed `[` or `(` inside braces does not swallow the rest of the input.
   */
  skipStatement(stopAtComma = false): void {
    const open: string[] = [];
    const OPEN: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    while (!this.done) {
      const t = this.peek();
      if (t.kind === 'punct') {
        if (t.text === '(' || t.text === '[' || t.text === '{') open.push(t.text);
        else if (t.text === ')' || t.text === ']' || t.text === '}') {
          if (open.length === 0) return;
          const want = OPEN[t.text];
          if (open.includes(want)) while (open.pop() !== want);
          if (open.length === 0 && t.text === '}' && !stopAtComma) {
            this.i++;
            if (this.is(';')) this.i++;
            return;
          }
        } else if (open.length === 0 && (t.text === ';' || (stopAtComma && t.text === ','))) {
          if (t.text === ';' && !stopAtComma) this.i++;
          return;
        }
      }
      this.i++;
    }
  }
}

export function describe(t: Token): string {
  return t.text ? `'${t.text}'` : 'end of input';
}
