// Patch subjects as kernel lists write them: `[PATCH bpf-next v3 2/4]`,
// `[RFC/PATCH v2 bpf-next fanotify 0/7]`, `[PATCHv3]`, `[PATCH RESEND]`, with any number
// of `Re:`/`Fwd:`/`AW:` in front and sometimes several bracket groups.
import type { SubjectInfo } from '../patch/types';

const REPLY = /^\s*(?:re|aw|sv|antw|odp|vs|r|fwd?|wg|tr)(?:\[\d+\]|\(\d+\))?\s*:\s*/i;
const BRACKET = /^\s*\[([^\]]*)\]\s*/;

function readToken(tok: string, info: SubjectInfo): void {
  let m: RegExpExecArray | null;
  if ((m = /^0*(\d+)\/0*(\d+)$/.exec(tok))) {
    info.index = parseInt(m[1], 10);
    info.total = parseInt(m[2], 10);
  } else if ((m = /^v(\d+)$/i.exec(tok))) {
    info.version = parseInt(m[1], 10);
  } else if ((m = /^patch(?:-?v(\d+))?$/i.exec(tok))) {
    info.isPatch = true;
    if (m[1]) info.version = parseInt(m[1], 10);
  } else if (/^rfc$/i.test(tok)) {
    info.rfc = true;
  } else if (/^resend$/i.test(tok)) {
    info.resend = true;
  } else if (/^(rfc|patch|resend)[/,]/i.test(tok) || /[/,](rfc|patch|resend)$/i.test(tok)) {
    for (const part of tok.split(/[/,]/)) if (part) readToken(part, info);
  } else if (tok) {
    info.prefixes.push(tok);
  }
}

export function parseSubject(subject: string): SubjectInfo {
  const info: SubjectInfo = { title: '', reply: false, prefixes: [], isPatch: false, rfc: false, resend: false, version: 1 };
  let s = subject.replace(/\s+/g, ' ');
  let seenBracket = false;
  for (let guard = 0; guard < 64; guard++) {
    const r = REPLY.exec(s);
    if (r) {
      info.reply = true;
      s = s.slice(r[0].length);
      continue;
    }
    const b = BRACKET.exec(s);
    // only the first bracket groups describe the patch; later ones belong to the title
    if (b && (!seenBracket || /\b(patch|rfc|resend|v\d+)\b|\d+\/\d+/i.test(b[1]) || guard < 4)) {
      seenBracket = true;
      for (const tok of b[1].trim().split(/\s+/)) readToken(tok, info);
      s = s.slice(b[0].length);
      continue;
    }
    break;
  }
  info.title = s.trim();
  return info;
}

/** The subject JWZ threading compares: reply markers removed, case and spaces folded. */
export function threadSubject(subject: string): string {
  let s = subject.replace(/\s+/g, ' ').trim();
  for (let r = REPLY.exec(s); r; r = REPLY.exec(s)) s = s.slice(r[0].length);
  return s.trim().toLowerCase();
}

export function isReplySubject(subject: string): boolean {
  return REPLY.test(subject.replace(/^\s*\[[^\]]*\]\s*/, '')) || REPLY.test(subject);
}
