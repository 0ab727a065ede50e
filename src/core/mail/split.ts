// Incremental mbox splitting: memory stays bounded by the largest message, not the file.
import { FORMAT_PATCH_FROM, isFromLine } from './fromline';

export interface RawMessage {
  /** The message's own text (separator line excluded). */
  text: string;
  /** Offset of `text` in the document. */
  start: number;
  /** The `From ` separator line before it, without its terminator. */
  separator?: string;
  /** `>From ` unescaping to apply: mboxrd (any number of `>`), mboxo (one), or none. */
  escaping: 'mboxrd' | 'mboxo' | 'none';
}

const BOUNDARY = /^content-type:[^]*?boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;"]+))/im;

function headerBlock(text: string): string {
  const m = /\r?\n\r?\n/.exec(text);
  return m ? text.slice(0, m.index) : text;
}

/**
 * A `From <sha> Mon Sep 17 …` line met while a multipart message's closing boundary is
 * still missing belongs to an attached patch, not to a new message.
 */
function insideOpenMultipart(messageSoFar: string): boolean {
  const m = BOUNDARY.exec(headerBlock(messageSoFar));
  if (!m) return false;
  const boundary = m[1] ?? m[2];
  return !messageSoFar.includes(`--${boundary}--`);
}

export class MboxSplitter {
  private buf = '';
  /** Document offset of buf[0]. */
  private base = 0;
  /** Where the current message starts in buf (-1 before the first line is seen). */
  private msgStart = -1;
  private separator: string | undefined;
  private scan = 0;
  private bare = false;
  private escaping: RawMessage['escaping'] = 'mboxo';
  private done = false;

  constructor(private readonly mode: 'auto' | 'mboxrd' | 'mboxo' = 'auto') {}

  push(chunk: string): RawMessage[] {
    if (this.done) throw new Error('MboxSplitter: push after end');
    this.buf += chunk;
    return this.drain(false);
  }

  end(): RawMessage[] {
    const out = this.drain(true);
    this.done = true;
    return out;
  }

  private emit(out: RawMessage[], end: number): void {
    out.push({
      text: this.buf.slice(this.msgStart, end),
      start: this.base + this.msgStart,
      separator: this.separator,
      escaping: this.bare ? 'none' : this.escaping,
    });
  }

  private begin(): boolean {
    // git skips leading whitespace before looking at the first line.
    let i = 0;
    while (i < this.buf.length && /\s/.test(this.buf[i])) i++;
    const nl = this.buf.indexOf('\n', i);
    if (nl < 0) return false;
    const first = this.buf.slice(i, nl);
    if (isFromLine(first)) {
      this.separator = first.replace(/\r$/, '');
      this.escaping = this.mode === 'auto'
        ? (this.separator.startsWith('From mboxrd@z ') ? 'mboxrd' : 'mboxo')
        : this.mode;
      this.msgStart = nl + 1;
      this.scan = nl;
    } else {
      this.bare = true;
      this.msgStart = 0;
    }
    return true;
  }

  private drain(final: boolean): RawMessage[] {
    const out: RawMessage[] = [];
    if (this.msgStart < 0) {
      if (!this.begin()) {
        if (!final) return out;
        this.bare = true;
        this.msgStart = 0;
      }
    }
    if (!this.bare) {
      const buf = this.buf;
      // pos: where to look for the next "\nFrom " (a newline before a line start)
      let pos = this.scan;
      for (;;) {
        const k = buf.indexOf('\nFrom ', pos);
        if (k < 0) {
          // a separator may be cut by the chunk boundary
          pos = Math.max(pos, buf.length - 6);
          break;
        }
        const hit = k + 1;
        const nl = buf.indexOf('\n', hit);
        if (nl < 0 && !final) { pos = k; break; }
        const line = buf.slice(hit, nl < 0 ? buf.length : nl);
        if (isFromLine(line) &&
            !(FORMAT_PATCH_FROM.test(line) && insideOpenMultipart(buf.slice(this.msgStart, hit)))) {
          this.emit(out, hit);
          this.separator = line.replace(/\r$/, '');
          this.msgStart = nl < 0 ? buf.length : nl + 1;
        }
        if (nl < 0) { pos = buf.length; break; }
        pos = nl;
      }
      this.scan = pos;
      // Drop what has been emitted so memory stays bounded.
      const cut = Math.min(this.msgStart, pos);
      if (cut > 0 && cut > this.buf.length / 2) {
        this.buf = this.buf.slice(cut);
        this.base += cut;
        this.scan -= cut;
        this.msgStart -= cut;
      }
    }
    if (final) {
      if (!this.bare || this.buf.length > 0) this.emit(out, this.buf.length);
    }
    return out;
  }
}

/** Splits a whole document held in memory. */
export function splitMbox(text: string, mode: 'auto' | 'mboxrd' | 'mboxo' = 'auto'): RawMessage[] {
  const s = new MboxSplitter(mode);
  return [...s.push(text), ...s.end()];
}
