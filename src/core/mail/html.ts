// HTML pages of the archives (MHonArc/hypermail as on lkml.iu.edu, marc.info). The text
// is extracted as a decoded view; header fields come from the page's own markers. Mail
// text is hostile: nothing here interprets markup beyond stripping it.
import { parseArchiveHead } from './webarchive';
import type { Header } from './types';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ', '#45': '-' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

const BLOCK_END = /^\/(p|div|li|h[1-6]|tr|pre)\b/i;
const SKIPPED = /^(script|style|head)\b/i;

/**
 * Markup → text in one pass (regular expressions with lazy bodies went quadratic on
 * unclosed tags): comments, script/style/head dropped, <br> and block ends become
 * newlines, other tags vanish, entities decoded.
 */
export function htmlToText(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let i = 0;
  let noMoreGt = false;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0 || noMoreGt) { out += html.slice(i); break; }
    out += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const e = html.indexOf('-->', lt + 4);
      if (e < 0) break;
      i = e + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) { noMoreGt = true; i = lt; continue; }
    const tag = html.slice(lt + 1, Math.min(gt, lt + 16));
    const skip = SKIPPED.exec(tag);
    if (skip) {
      const close = lower.indexOf(`</${skip[1].toLowerCase()}`, gt + 1);
      if (close < 0) break;
      const closeGt = html.indexOf('>', close);
      i = closeGt < 0 ? html.length : closeGt + 1;
      continue;
    }
    if (/^br\b/i.test(tag)) {
      out += '\n';
      i = gt + 1;
      // the newline after <br> in the source is the same line break
      if (html[i] === '\r') i++;
      if (html[i] === '\n') i++;
      continue;
    }
    if (BLOCK_END.test(tag)) out += '\n';
    i = gt + 1;
  }
  return decodeEntities(out).replace(/\r\n?/g, '\n');
}

export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<head') ||
    head.startsWith('<!-- mhonarc') || (head.startsWith('<') && /<(html|body|pre|title|p|br)\b/.test(head));
}

const R13_FROM = 'NOPQRSTUVWXYZ[@ABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm';
const R13_TO = '@ABCDEFGHIJKLMNOPQRSTUVWXYZ[abcdefghijklmnopqrstuvwxyz';

/** MHonArc's X-From-R13: the original From header, rot13'd with '@' and '[' in the ring. */
export function unR13(s: string): string {
  let out = '';
  for (const c of s) {
    const k = R13_FROM.indexOf(c);
    out += k >= 0 ? R13_TO[k] : c;
  }
  return out;
}

export interface HtmlMessage {
  headers: Header[];
  body: string;
}

function hdr(name: string, value: string, start: number, end: number): Header {
  return { name, value: decodeEntities(value).trim(), span: { start, end } };
}

export function parseHtmlPage(html: string): HtmlMessage {
  const headers: Header[] = [];
  const comment = (key: string, name: string): void => {
    const m = new RegExp(`<!--X-${key}: ([^]*?) -->`).exec(html);
    if (m) headers.push(hdr(name, m[1], m.index, m.index + m[0].length));
  };
  const start2 = html.indexOf('<!-- body="start" -->');
  if (start2 >= 0) {
    // hypermail 1.x/2.x: headers as <!-- name="value" --> comments
    const fields: [string, string][] = [['subject', 'Subject'], ['sent', 'Date'], ['id', 'Message-ID']];
    for (const [key, name] of fields) {
      const m = new RegExp(`<!-- ${key}="([^"]*)" -->`).exec(html);
      if (m) headers.push(hdr(name, m[1], m.index, m.index + m[0].length));
    }
    const nm = /<!-- name="([^"]*)" -->/.exec(html);
    const em = /<!-- email="([^"]*)" -->/.exec(html);
    if (nm || em) {
      const at = (nm ?? em) as RegExpExecArray;
      const value = em ? `${decodeEntities(nm?.[1] ?? '')} <${decodeEntities(em[1])}>` : decodeEntities(nm?.[1] ?? '');
      headers.push({ name: 'From', value: value.trim(), span: { start: at.index, end: at.index + at[0].length } });
    }
    const end2 = html.indexOf('<!-- body="end" -->', start2);
    return { headers, body: htmlToText(html.slice(start2, end2 < 0 ? html.length : end2)).replace(/^\n+/, '') };
  }
  const bodyOpen = html.indexOf('<!--X-Body-of-Message-->');
  if (bodyOpen >= 0) {
    // MHonArc (hypermail on lkml.iu.edu): headers in comments, body between markers
    comment('Subject', 'Subject');
    comment('Date', 'Date');
    comment('Message-Id', 'Message-ID');
    // the R13 comment keeps the address the page itself hides as user@xxxxxxxx
    const r13 = /<!--X-From-R13: ([^]*?) -->/.exec(html);
    const author = /<meta NAME="Author" CONTENT="([^"]*)">/i.exec(html);
    const shown = /<strong>From: <\/strong>([^<\n]*)/i.exec(html);
    if (r13) headers.push({ name: 'From', value: unR13(decodeEntities(r13[1])).trim(), span: { start: r13.index, end: r13.index + r13[0].length } });
    else {
      const from = author ?? shown;
      if (from) headers.push(hdr('From', from[1], from.index, from.index + from[0].length));
    }
    const close = html.indexOf('<!--X-Body-of-Message-End-->', bodyOpen);
    const body = htmlToText(html.slice(bodyOpen, close < 0 ? html.length : close));
    return { headers, body: body.replace(/^\n+/, '') };
  }
  const text = htmlToText(html.replace(/^[^]*?<body\b[^>]*>/i, ''));
  const head = parseArchiveHead(text);
  if (head) {
    const title = /<title>([^<]*)<\/title>/i.exec(html);
    for (const h of head.headers) headers.push({ ...h, span: { start: 0, end: 0 } });
    if (!head.headers.some((h) => h.name === 'Subject') && title) headers.push(hdr('Subject', title[1], title.index, title.index + title[0].length));
    // marc puts a download link between the headers and the body
    return { headers, body: text.slice(head.bodyStart).replace(/^\[Download message RAW\]\n+/, '') };
  }
  const title = /<title>([^<]*)<\/title>/i.exec(html);
  if (title) headers.push(hdr('Subject', title[1], title.index, title.index + title[0].length));
  return { headers, body: text };
}
