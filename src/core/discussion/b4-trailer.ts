/** One trailer as b4 reads it (b4's LoreTrailer and find_trailers). */
export interface B4Trailer {
  name: string;
  value: string;
  type: 'person' | 'utility' | 'unknown';
  /** (name, address) as Python's email.utils.parseaddr splits a person trailer. */
  addr?: [string, string];
  /** Line index in the (signature-cut, unwrapped) body text. */
  line: number;
}

const UTILITY = new Set(['fixes', 'link', 'buglink', 'obsoleted-by', 'message-id', 'change-id', 'base-commit']);
const IGNORES = new Set(['phone', 'email']);
const HEADERS = new Set(['subject', 'date', 'from']);
const NONPERSON = new Set(['fixes', 'subject', 'date', 'link', 'buglink', 'obsoleted-by', 'change-id', 'base-commit']);
const PERSON = /\S+@\S+\.\S+/;
const TRAILER_LINE = /^\s*([\p{L}\p{N}_]\S+):\s+(\S.*)/u;

/**
 * Python 3.11's strict parseaddr gives ('', '') for anything that is not exactly one
 * well-formed address: a bare comma (two addresses), brackets, unbalanced parentheses,
 * a `<` inside the angle address or text after it.
 */
function strictReject(v: string): boolean {
  const bare = v.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  let depth = 0;
  let angle = false;
  let closed = false;
  for (const ch of bare) {
    if (closed && !/\s/.test(ch)) return true;
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (--depth < 0) return true;
    } else if (depth > 0) continue;
    else if (ch === '<') {
      if (angle) return true;
      angle = true;
    } else if (ch === '>') {
      if (!angle) return true;
      angle = false;
      closed = true;
    } else if (ch === ',' && !angle) return true;
    else if (ch === '[' || ch === ']') return true;
  }
  return depth !== 0 || angle;
}

export function parseAddr(v: string): [string, string] {
  if (strictReject(v)) return ['', ''];
  const lt = v.indexOf('<');
  if (lt >= 0) {
    const m = /^<([^<>]*)/.exec(v.slice(lt));
    const name = v.slice(0, lt).trim().replace(/^"(.*)"$/, '$1');
    return [name, (m?.[1] ?? '').trim()];
  }
  const paren = /^(\S+)\s*\(([^)]*)\)\s*$/.exec(v.trim());
  if (paren) return [paren[2], paren[1]];
  return ['', v.trim()];
}

export function makeTrailer(name: string, value: string, line: number): B4Trailer {
  const lname = name.toLowerCase();
  if (UTILITY.has(lname) || value.includes('://')) return { name, value, type: 'utility', line };
  if (PERSON.test(value)) return { name, value, type: 'person', addr: parseAddr(value), line };
  return { name, value, type: 'unknown', line };
}

/** b4's equality: same name (any case) and same value (any case); extinfo never compared. */
export function trailerEq(a: { name: string; value: string }, b: { name: string; value: string }): boolean {
  return a.name.toLowerCase() === b.name.toLowerCase() && a.value.toLowerCase() === b.value.toLowerCase();
}

/** b4's find_trailers: trailers anywhere in the body above the signature; quoted lines never match. */
export function findTrailers(body: string, followup: boolean): B4Trailer[] {
  const sig = body.indexOf('\n-- \n');
  let b = (sig >= 0 ? body.slice(0, sig) : body).trim() + '\n';
  b = b.replace(/^(\S+:\s+[\da-f]+\s+\([^)]+)\n([^\n]+\))/gm, '$1 $2');
  // Only a line starting with `<` can be joined here: skip the scan of the whole body otherwise.
  if (b.includes('\n<')) b = b.replace(/^(\S+:\s+[^<]+)\n(<[^>]+>)$/gm, '$1 $2');
  const out: B4Trailer[] = [];
  let others = 0;
  let wasTrailer = false;
  const lines = b.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.includes('\r') ? raw.replace(/\r/g, '') : raw;
    // Replies are mostly quoted text and prose: a line without a colon is never a trailer.
    const m = line.includes(':') ? TRAILER_LINE.exec(line) : null;
    if (m) {
      const oname = m[1];
      let ovalue = m[2];
      const lname = oname.toLowerCase();
      if (IGNORES.has(lname)) continue;
      if (others > 0 && HEADERS.has(lname)) continue;
      if (followup) {
        if (!/^[\x00-\x7f]*$/.test(lname)) continue;
        if (!PERSON.test(ovalue) && !NONPERSON.has(lname)) continue;
        if (/https?:\/\//.test(ovalue)) continue;
      }
      const ext = /^(.*\S+)(\s+#[^#]+)$/.exec(ovalue);
      if (ext) ovalue = ext[1];
      out.push(makeTrailer(oname, ovalue, i));
      wasTrailer = true;
      continue;
    }
    // `[for the foo bits]` after a trailer is its extended info, not other text.
    if (line.length > 2 && wasTrailer && /^\s*\[[^\]]+]\s*$/.test(line)) {
      wasTrailer = false;
      continue;
    }
    wasTrailer = false;
    others++;
  }
  return out;
}

/** b4's LoreTrailer.email_eq with its fuzzy rules (+tags, one-level subdomains). */
export function emailEq(t: B4Trailer, email: string): boolean {
  if (!t.addr) return false;
  let our = t.addr[1].toLowerCase();
  let their = email.toLowerCase();
  if (our === their) return true;
  if (!our.includes('@') || !their.includes('@')) return false;
  our = our.replace(/\+[^@]+@/, '@');
  their = their.replace(/\+[^@]+@/, '@');
  if (our === their) return true;
  const [ol, od] = splitOnce(our);
  const [tl, td] = splitOnce(their);
  if (ol !== tl) return false;
  const dots = (s: string): number => s.split('.').length - 1;
  return Math.abs(dots(od) - dots(td)) === 1 && (od.endsWith(`.${td}`) || td.endsWith(`.${od}`));
}

function splitOnce(s: string): [string, string] {
  const i = s.indexOf('@');
  return [s.slice(0, i), s.slice(i + 1)];
}
