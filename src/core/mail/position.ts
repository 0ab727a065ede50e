// Document-view bodies differ from the document only by dropped characters (\r of CRLF,
// the '>' of an mboxrd/mboxo `>From ` escape); `removed` records where, so that every
// offset into the text maps back to the document exactly.
import type { BodyPart } from './types';
import type { RawMessage } from './split';

export interface Normalized {
  text: string;
  removed?: number[];
}

/** Normalises line endings and undoes `>From ` escaping in a body slice. */
export function normalizeBody(raw: string, escaping: RawMessage['escaping']): Normalized {
  const hasCr = raw.includes('\r');
  const esc = escaping !== 'none' && raw.includes('>From ');
  if (!hasCr && !esc) return { text: raw };
  const unesc = escaping === 'mboxrd' ? /^>(>*From )/ : /^>(From )/;
  const removed: number[] = [];
  let out = '';
  let pos = 0;
  while (pos < raw.length) {
    let nl = raw.indexOf('\n', pos);
    const end = nl < 0 ? raw.length : nl;
    let line = raw.slice(pos, end);
    if (esc && line.charCodeAt(0) === 62 && unesc.test(line)) {
      removed.push(out.length);
      line = line.slice(1);
    }
    if (line.charCodeAt(line.length - 1) === 13 && nl >= 0) {
      line = line.slice(0, -1);
      out += line;
      removed.push(out.length);
    } else out += line;
    if (nl < 0) break;
    out += '\n';
    pos = nl + 1;
    nl = -1;
  }
  return removed.length ? { text: out, removed } : { text: out };
}

/** The document offset of position `p` in a part's text (document view only). */
export function toDocumentOffset(part: BodyPart, p: number): number {
  if (part.view !== 'document') throw new Error(`part ${part.id} is a decoded view`);
  const r = part.removed;
  if (!r || r.length === 0) return part.offset + p;
  // count removed entries <= p (binary search)
  let lo = 0;
  let hi = r.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (r[mid] <= p) lo = mid + 1;
    else hi = mid;
  }
  return part.offset + p + lo;
}
