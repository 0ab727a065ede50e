// git mailinfo's byte-level helpers (see mailinfo.ts): C isspace, trims, and git's own
// lenient line decoders for QP and base64, whose garbage handling must match git's.

interface Decoder { decode(input?: Uint8Array): string }
type DecoderCtor = new (label?: string, options?: { fatal?: boolean }) => Decoder;
export const TD = (globalThis as unknown as { TextDecoder: DecoderCtor }).TextDecoder;

export const isspace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';

export function bytesOf(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

interface Encoder { encode(s: string): Uint8Array }
const TE = (globalThis as unknown as { TextEncoder: new () => Encoder }).TextEncoder;

/** A JS string as UTF-8, one char per byte. */
export function utf8Binary(s: string): string {
  const b = new TE().encode(s);
  let out = '';
  for (let i = 0; i < b.length; i += 8192) out += String.fromCharCode(...b.subarray(i, i + 8192));
  return out;
}

export function cleanupSpace(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (isspace(s[i])) {
      out += ' ';
      while (i + 1 < s.length && isspace(s[i + 1])) i++;
    } else out += s[i];
  }
  return out;
}

export function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isspace(s[a])) a++;
  while (b > a && isspace(s[b - 1])) b--;
  return s.slice(a, b);
}

export function rtrim(s: string): string {
  let b = s.length;
  while (b > 0 && isspace(s[b - 1])) b--;
  return s.slice(0, b);
}

function hexVal(c: string | undefined): number {
  if (c === undefined) return -1;
  const n = c.charCodeAt(0);
  if (n >= 48 && n <= 57) return n - 48;
  if (n >= 65 && n <= 70) return n - 55;
  if (n >= 97 && n <= 102) return n - 87;
  return -1;
}

export function decodeQ(seg: string, rfc2047: boolean): string {
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    let c = seg[i];
    if (c === '\0') break;
    if (c === '=') {
      const d = seg[i + 1];
      if (d === '\n' || d === undefined || d === '\0') break;
      const h1 = hexVal(d);
      const h2 = hexVal(seg[i + 2]);
      if (h1 >= 0 && h2 >= 0) {
        out += String.fromCharCode(h1 * 16 + h2);
        i += 2;
        continue;
      }
    }
    if (rfc2047 && c === '_') c = ' ';
    out += c;
  }
  return out;
}

export function decodeB(seg: string): string {
  let out = '';
  let pos = 0;
  let acc = 0;
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i];
    if (ch === '\0') break;
    let c: number;
    const n = ch.charCodeAt(0);
    if (ch === '+') c = 62;
    else if (ch === '/') c = 63;
    else if (n >= 65 && n <= 90) c = n - 65;
    else if (n >= 97 && n <= 122) c = n - 71;
    else if (n >= 48 && n <= 57) c = n + 4;
    else continue;
    switch (pos++) {
      case 0: acc = c << 2; break;
      case 1: out += String.fromCharCode((acc | (c >> 4)) & 0xff); acc = (c & 15) << 4; break;
      case 2: out += String.fromCharCode((acc | (c >> 2)) & 0xff); acc = (c & 3) << 6; break;
      case 3: out += String.fromCharCode((acc | c) & 0xff); acc = pos = 0; break;
    }
  }
  return out;
}

export function sameEncoding(a: string, b: string): boolean {
  const n = (s: string): string => s.toLowerCase().replace(/^utf-?8$/, 'utf-8');
  return n(a) === n(b);
}
