// git mailinfo semantics (git/mailinfo.c), so that the author, subject, commit message
// and patch we take from a mail are the ones `git am` would take. Works on a binary
// string (one char per byte) and returns binary strings, exactly like git's byte I/O.
// The QP/base64 decoding here is git's own lenient line decoder, kept on purpose: the
// result must equal git's byte for byte, garbage handling included. Reading mail for
// display uses postal-mime instead (see mime.ts).

import {
  TD, bytesOf, cleanupSpace, decodeB, decodeQ, isspace, rtrim, sameEncoding, utf8Binary,
} from './mailinfo-bytes';
import { cleanupSubject, handleFrom, isRfc2822Header, isScissorsLine, patchbreak } from './mailinfo-fields';

export interface MailinfoOptions {
  /** -k: keep the subject as is. */
  keepSubject?: boolean;
  /** -b: keep bracketed text that has no PATCH in it. */
  keepNonPatchBrackets?: boolean;
  /** -u (default true): re-encode metadata and message to UTF-8; false is -n. */
  utf8?: boolean;
  /** --scissors */
  scissors?: boolean;
  /** --no-inbody-headers clears this (default true). */
  inbodyHeaders?: boolean;
  /** -m / --message-id: append Message-ID to the message. */
  messageId?: boolean;
  /** --quoted-cr=strip|warn|nowarn (default warn). */
  quotedCr?: 'nowarn' | 'warn' | 'strip';
}

export interface MailinfoResult {
  info: string;
  msg: string;
  patch: string;
  /** git's input_error: the mail had something git complains about. */
  error: boolean;
  warnings: string[];
}

class Reader {
  pos = 0;
  constructor(readonly s: string) {}
  eof(): boolean { return this.pos >= this.s.length; }
  peek(): string | undefined { return this.s[this.pos]; }
  /** strbuf_getwholeline: the line with its \n; undefined at EOF. */
  whole(): string | undefined {
    if (this.pos >= this.s.length) return undefined;
    const nl = this.s.indexOf('\n', this.pos);
    const end = nl < 0 ? this.s.length : nl + 1;
    const line = this.s.slice(this.pos, end);
    this.pos = end;
    return line;
  }
  /** strbuf_getline_lf: the line without its \n. */
  lf(): string | undefined {
    const l = this.whole();
    return l === undefined ? undefined : l.endsWith('\n') ? l.slice(0, -1) : l;
  }
}

const HEADERS = ['From', 'Subject', 'Date'];

export function mailinfo(input: string, options: MailinfoOptions = {}): MailinfoResult {
  const o = {
    keepSubject: false, keepNonPatchBrackets: false, utf8: true, scissors: false,
    inbodyHeaders: true, messageId: false, quotedCr: 'warn' as const, ...options,
  };
  const metainfoCharset = o.utf8 ? 'UTF-8' : undefined;
  const warnings: string[] = [];
  let inputError = false;
  const p: (string | undefined)[] = [undefined, undefined, undefined];
  let s: (string | undefined)[] = [undefined, undefined, undefined];
  let name = '';
  let email = '';
  let charset = '';
  let te = 'none' as 'b64' | 'qp' | 'none';
  let formatFlowed = false;
  let delsp = false;
  const content: string[] = [];
  let messageId: string | undefined;
  let log = '';
  let patch = '';
  let patchLines = 0;
  let headerStage = true;
  let filterStage = 0;
  let accum = '';
  let haveQuotedCr = false;

  const convert = (line: string, cs: string): string | undefined => {
    if (!metainfoCharset || !cs || sameEncoding(metainfoCharset, cs)) return line;
    try {
      return utf8Binary(new TD(cs, { fatal: true }).decode(bytesOf(line)));
    } catch {
      inputError = true;
      warnings.push(`cannot convert from ${cs} to ${metainfoCharset}`);
      return undefined;
    }
  };

  const decodeHeader = (it: string): string => {
    let out = '';
    let i = 0;
    for (;;) {
      const ep = it.indexOf('=?', i);
      if (ep < 0) break;
      if (i !== ep) {
        let scan = i;
        while (scan < ep && isspace(it[scan])) scan++;
        if (scan !== ep || i === 0) out += it.slice(i, ep);
      }
      const cs0 = ep + 2;
      const cp = it.indexOf('?', cs0);
      if (cs0 >= it.length || cp < 0 || cp + 3 > it.length) { inputError = true; return it; }
      const cs = it.slice(cs0, cp);
      const enc = it[cp + 1];
      if (!enc || it[cp + 2] !== '?') { inputError = true; return it; }
      const end = it.indexOf('?=', cp + 3);
      if (end < 0) { inputError = true; return it; }
      const piece = it.slice(cp + 3, end);
      let dec: string;
      if (enc.toLowerCase() === 'b') dec = decodeB(piece);
      else if (enc.toLowerCase() === 'q') dec = decodeQ(piece, true);
      else { inputError = true; return it; }
      const conv = convert(dec, cs);
      if (conv === undefined) return it;
      out += conv;
      i = end + 2;
    }
    return out + it.slice(i);
  };

  const skipHeader = (line: string, hdr: string): string | undefined => {
    if (line.length <= hdr.length || line.slice(0, hdr.length).toLowerCase() !== hdr.toLowerCase() || line[hdr.length] !== ':') return undefined;
    let v = hdr.length + 1;
    while (v < line.length && isspace(line[v])) v++;
    return line.slice(v);
  };

  const slurpAttr = (line: string, attr: string): string | undefined => {
    const at = line.toLowerCase().indexOf(attr.toLowerCase());
    if (at < 0) return undefined;
    let ap = at + attr.length;
    let ends = '; \t';
    if (line[ap] === '"') { ap++; ends = '"'; }
    let e = ap;
    while (e < line.length && !ends.includes(line[e])) e++;
    return line.slice(ap, e);
  };

  const checkHeader = (line: string, data: (string | undefined)[], overwrite: boolean): boolean => {
    for (let i = 0; i < HEADERS.length; i++) {
      if (data[i] === undefined || overwrite) {
        const v = skipHeader(line, HEADERS[i]);
        if (v !== undefined) { data[i] = decodeHeader(v); return true; }
      }
    }
    let v = skipHeader(line, 'Content-Type');
    if (v !== undefined) {
      v = decodeHeader(v);
      formatFlowed = (slurpAttr(v, 'format=') ?? '').toLowerCase() === 'flowed';
      delsp = (slurpAttr(v, 'delsp=') ?? '').toLowerCase() === 'yes';
      const b = slurpAttr(v, 'boundary=');
      if (b !== undefined) {
        if (content.length + 1 >= 5) { inputError = true; warnings.push('Too many boundaries to handle'); }
        else content.push('--' + b);
      }
      charset = slurpAttr(v, 'charset=') ?? '';
      return true;
    }
    v = skipHeader(line, 'Content-Transfer-Encoding');
    if (v !== undefined) {
      v = decodeHeader(v).toLowerCase();
      te = v.includes('base64') ? 'b64' : v.includes('quoted-printable') ? 'qp' : 'none';
      return true;
    }
    v = skipHeader(line, 'Message-ID');
    if (v !== undefined) {
      v = decodeHeader(v);
      if (o.messageId) messageId = v;
      return true;
    }
    return false;
  };

  const isInbodyHeader = (line: string): boolean =>
    HEADERS.some((h, i) => s[i] === undefined && skipHeader(line, h) !== undefined);

  const flushAccum = (): void => {
    if (!accum) return;
    checkHeader(accum, s, false);
    accum = '';
  };

  const isFormatPatchSeparator = (line: string): boolean =>
    /^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\n$/.test(line);

  const checkInbodyHeader = (line: string): boolean => {
    if (accum && (line[0] === ' ' || line[0] === '\t')) {
      if (o.scissors && isScissorsLine(line)) { flushAccum(); return false; }
      if (accum.endsWith('\n')) accum = accum.slice(0, -1);
      accum += line;
      return true;
    }
    flushAccum();
    if (line.startsWith('>From') && isspace(line[5])) return isFormatPatchSeparator(line.slice(1));
    if (line.startsWith('[PATCH]') && isspace(line[7])) { s[1] = line; return true; }
    if (isInbodyHeader(line)) { accum += line; return true; }
    return false;
  };

  const handleCommitMsg = (line0: string): boolean => {
    let line = line0;
    if (headerStage && (line === '' || line === '\n')) {
      if (accum) { flushAccum(); headerStage = false; }
      return false;
    }
    if (o.inbodyHeaders && headerStage) {
      headerStage = checkInbodyHeader(line);
      if (headerStage) return false;
    } else headerStage = false;
    const conv = convert(line, charset);
    if (conv === undefined) return false;
    line = conv;
    if (o.scissors && isScissorsLine(line)) {
      log = '';
      headerStage = true;
      s = [undefined, undefined, undefined];
      return false;
    }
    if (patchbreak(line)) {
      if (messageId !== undefined) log += `Message-ID: ${messageId}\n`;
      return true;
    }
    log += line;
    return false;
  };

  const handleFilter = (line: string): void => {
    if (filterStage === 0) {
      if (!handleCommitMsg(line)) return;
      filterStage = 1;
    }
    patch += line;
    patchLines++;
  };

  let prev = '';
  const handleFilterFlowed = (line0: string): void => {
    let line = line0;
    let len = line.length;
    if (!formatFlowed) {
      if (len >= 2 && line[len - 2] === '\r' && line[len - 1] === '\n') {
        haveQuotedCr = true;
        if (o.quotedCr === 'strip') line = line.slice(0, len - 2) + '\n';
      }
      handleFilter(line);
      return;
    }
    if (line[len - 1] === '\n') {
      len--;
      if (len && line[len - 1] === '\r') len--;
    }
    if (line.startsWith('-- ') && len === 3) {
      if (prev) { handleFilter(prev); prev = ''; }
      handleFilter(line);
      return;
    }
    if (len && line[0] === ' ') { line = line.slice(1); len--; }
    if (len && line[len - 1] === ' ') { prev += line.slice(0, len - (delsp ? 1 : 0)); return; }
    line = prev + line;
    prev = '';
    handleFilter(line);
  };

  const summarizeQuotedCr = (): void => {
    if (haveQuotedCr && o.quotedCr === 'warn') warnings.push('quoted CRLF detected');
  };

  const readOneHeaderLine = (r: Reader): { ok: boolean; line: string } => {
    let line = r.lf();
    if (line === undefined) return { ok: false, line: '' };
    line = rtrim(line);
    if (!line || !isRfc2822Header(line)) return { ok: false, line: line + '\n' };
    for (;;) {
      const c = r.peek();
      if (c === undefined || (c !== ' ' && c !== '\t')) break;
      let cont = r.lf();
      if (cont === undefined) break;
      cont = rtrim(' ' + cont.slice(1));
      line += cont;
    }
    return { ok: true, line };
  };

  const isBoundary = (line: string): boolean => {
    const top = content[content.length - 1];
    return top !== undefined && top.length <= line.length && line.startsWith(top);
  };

  const findBoundary = (r: Reader): string | undefined => {
    for (let l = r.lf(); l !== undefined; l = r.lf()) if (content.length && isBoundary(l)) return l;
    return undefined;
  };

  const handleBoundary = (r: Reader, line0: string): string | undefined => {
    let line = line0;
    for (;;) {
      const top = content[content.length - 1];
      if (line.length >= top.length + 2 && line.slice(top.length, top.length + 2) === '--') {
        content.pop();
        if (content.length === 0) {
          // git pops below the stack bottom only in theory; mirror its error
          handleFilter('\n');
          const nb = undefined;
          return nb;
        }
        handleFilter('\n');
        if (inputError) return undefined;
        const next = findBoundary(r);
        if (next === undefined) return undefined;
        line = next;
        continue;
      }
      break;
    }
    te = 'none';
    charset = '';
    for (;;) {
      const h = readOneHeaderLine(r);
      if (!h.ok) break;
      checkHeader(h.line, p, false);
    }
    const l = r.lf();
    if (l === undefined) return undefined;
    return l + '\n';
  };

  const r = new Reader(input);
  while (!r.eof() && isspace(r.peek())) r.pos++;
  if (r.eof()) {
    return { info: '', msg: '', patch: '', error: true, warnings: ['empty patch'] };
  }
  let line = '';
  for (;;) {
    const h = readOneHeaderLine(r);
    line = h.line;
    if (!h.ok) break;
    checkHeader(h.line, p, true);
  }

  // handle_body
  body: {
    if (content.length) {
      const b = findBoundary(r);
      if (b === undefined) break body;
      line = b;
    }
    let cur: string | undefined = line;
    do {
      if (content.length && isBoundary(cur)) {
        if (prev) { handleFilter(prev); prev = ''; }
        summarizeQuotedCr();
        haveQuotedCr = false;
        const n = handleBoundary(r, cur);
        if (n === undefined) break body;
        cur = n;
      }
      if (te === 'qp') cur = decodeQ(cur, false);
      else if (te === 'b64') cur = decodeB(cur);
      if (te !== 'none') {
        cur = prev + cur;
        prev = '';
        let start = 0;
        while (start < cur.length) {
          const nl = cur.indexOf('\n', start);
          if (nl < 0) { prev += cur.slice(start); break; }
          handleFilterFlowed(cur.slice(start, nl + 1));
          start = nl + 1;
        }
      } else handleFilterFlowed(cur);
      if (inputError) break;
      cur = r.whole();
    } while (cur !== undefined);
    if (prev) handleFilter(prev);
    summarizeQuotedCr();
    flushAccum();
  }

  // handle_info
  let info = '';
  for (let i = 0; i < HEADERS.length; i++) {
    let hdr = patchLines && s[i] !== undefined ? s[i] : p[i];
    if (hdr === undefined) continue;
    if (hdr.includes('\0')) { inputError = true; warnings.push(`a NUL byte in '${HEADERS[i]}' is not allowed.`); }
    if (HEADERS[i] === 'Subject') {
      if (!o.keepSubject) hdr = cleanupSpace(cleanupSubject(hdr, o.keepNonPatchBrackets));
      for (const l of hdr.split('\n')) info += `Subject: ${l}\n`;
    } else if (HEADERS[i] === 'From') {
      hdr = cleanupSpace(hdr);
      ({ name, email } = handleFrom(hdr, name, email));
      info += `Author: ${name}\nEmail: ${email}\n`;
    } else {
      info += `${HEADERS[i]}: ${cleanupSpace(hdr)}\n`;
    }
  }
  info += '\n';
  return { info, msg: log, patch, error: inputError, warnings };
}

