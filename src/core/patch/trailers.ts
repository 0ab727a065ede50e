import type { BodyLine } from '../text/lines';
import type { Trailer } from './types';

/** Trailer lines at quote depth 0: `*-by:`, Cc, Link, Fixes, Closes, and a bare NAK. */
const LINE = /^((?:[A-Za-z][A-Za-z0-9]*-)+by|Cc|CC|Link|Fixes|Closes|NAK|NACK):[ \t]*(\S.*)?$/;
const BARE_NAK = /^(NAK|NACK|Nacked)[.!]?\s*$/i;
/** In collapsed text trailers run on inside one line. */
const INLINE = /(?:^|\s)([A-Z][a-z]+(?:-[a-z]+)*-by|Cc|Link|Fixes|Closes):\s/g;

export function findTrailers(lines: readonly BodyLine[], part: string, collapsed: boolean): Trailer[] {
  const out: Trailer[] = [];
  for (const l of lines) {
    if (l.depth !== 0 || l.rebuiltKind || l.rebuiltHeader) continue;
    const c = l.content;
    if (collapsed && c.length > 200) {
      inline(l, part, out);
      continue;
    }
    const c0 = c.charCodeAt(0);
    // Trailers start with a letter in column 0 and hold a colon: skip the rest cheaply.
    if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) continue;
    const m = c.indexOf(':') > 0 ? LINE.exec(c) : null;
    if (m) {
      out.push({ name: m[1], value: (m[2] ?? '').trim(), offset: l.offset, part });
      continue;
    }
    if (BARE_NAK.test(c)) out.push({ name: 'NAK', value: '', offset: l.offset, part });
  }
  return out;
}

function inline(l: BodyLine, part: string, out: Trailer[]): void {
  const c = l.content;
  const hits: { name: string; at: number; value: number }[] = [];
  INLINE.lastIndex = 0;
  for (let m = INLINE.exec(c); m; m = INLINE.exec(c)) {
    const at = m.index + m[0].indexOf(m[1]);
    hits.push({ name: m[1], at, value: m.index + m[0].length });
  }
  for (let k = 0; k < hits.length; k++) {
    const h = hits[k];
    let end = k + 1 < hits.length ? hits[k + 1].at : Math.min(c.length, h.value + 300);
    const cut = c.slice(h.value, end).search(/\s(---|diff --git|--\s)/);
    if (cut >= 0) end = h.value + cut;
    out.push({ name: h.name, value: c.slice(h.value, end).trim(), offset: l.contentOffset + h.at, part });
  }
}
