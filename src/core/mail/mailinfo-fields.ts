// git mailinfo's field rules: header-line shape, where the patch starts, scissors lines,
// subject clean-up and the author/email split of a From value (git/mailinfo.c).
import { cleanupSpace, isspace, trim } from './mailinfo-bytes';

function unquoteComment(input: string, i: number, out: string[]): number {
  out.push('(');
  let literal = false;
  while (i < input.length) {
    const c = input[i++];
    if (literal) literal = false;
    else if (c === '\\') { literal = true; continue; }
    else if (c === '(') { i = unquoteComment(input, i, out); continue; }
    else if (c === ')') { out.push(')'); return i; }
    out.push(c);
  }
  return i;
}

function unquoteQuotedString(input: string, i: number, out: string[]): number {
  let literal = false;
  while (i < input.length) {
    const c = input[i++];
    if (literal) literal = false;
    else if (c === '\\') { literal = true; continue; }
    else if (c === '"') return i;
    out.push(c);
  }
  return i;
}

function unquoteQuotedPair(s: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i++];
    if (c === '"') { i = unquoteQuotedString(s, i, out); continue; }
    if (c === '(') { i = unquoteComment(s, i, out); continue; }
    out.push(c);
  }
  return out.join('');
}

export function isRfc2822Header(line: string): boolean {
  if (line.startsWith('From ') || line.startsWith('>From ')) return true;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 58) return true;
    if ((ch >= 33 && ch <= 57) || (ch >= 59 && ch <= 126)) continue;
    break;
  }
  return false;
}

export function patchbreak(line: string): boolean {
  if (line.startsWith('diff -') || line.startsWith('Index: ')) return true;
  if (line.length < 4) return false;
  if (line.startsWith('---')) {
    if (line[3] === ' ' && !isspace(line[4])) return true;
    for (let i = 3; i < line.length; i++) {
      const c = line[i];
      if (c === '\n') return true;
      if (!isspace(c)) break;
    }
  }
  return false;
}

export function isScissorsLine(line: string): boolean {
  let scissors = 0;
  let gap = 0;
  let first = -1;
  let last = -1;
  let perforation = 0;
  let inPerf = false;
  for (let i = 0; i < line.length && line[i] !== '\0'; i++) {
    const c = line[i];
    if (isspace(c)) {
      if (inPerf) { perforation++; gap++; }
      continue;
    }
    last = i;
    if (first < 0) first = i;
    if (c === '-') { inPerf = true; perforation++; continue; }
    const two = line.slice(i, i + 2);
    if (two === '>8' || two === '8<' || two === '>%' || two === '%<') {
      inPerf = true;
      perforation += 2;
      scissors += 2;
      i++;
      continue;
    }
    inPerf = false;
  }
  const visible = first >= 0 && last >= 0 ? last - first + 1 : 0;
  return scissors > 0 && visible >= 8 && visible < perforation * 3 && gap * 2 < perforation;
}

export function cleanupSubject(subject: string, keepNonPatch: boolean): string {
  let s = subject;
  let at = 0;
  while (at < s.length) {
    const c = s[at];
    if (c === 'r' || c === 'R') {
      if (s.length <= at + 3) break;
      if ((s[at + 1] === 'e' || s[at + 1] === 'E') && s[at + 2] === ':') {
        s = s.slice(0, at) + s.slice(at + 3);
        continue;
      }
      at++;
      break;
    } else if (c === ' ' || c === '\t' || c === ':') {
      s = s.slice(0, at) + s.slice(at + 1);
      continue;
    } else if (c === '[') {
      const pos = s.indexOf(']', at);
      if (pos < 0) break;
      const remove = pos - at + 1;
      if (!keepNonPatch || (remove >= 7 && s.slice(at, at + remove).includes('PATCH'))) {
        s = s.slice(0, at) + s.slice(at + remove);
      } else {
        at += remove;
        if (isspace(s[at])) at++;
      }
      continue;
    }
    break;
  }
  return trim(s);
}

function getSaneName(nameIn: string, email: string): string {
  return !nameIn.length || nameIn.length > 60 || /[@<>]/.test(nameIn) ? email : nameIn;
}

export function handleFrom(from: string, name0: string, email0: string): { name: string; email: string } {
  let name = name0;
  let email = email0;
  let f = unquoteQuotedPair(from);
  let at = f.indexOf('@');
  if (at < 0) {
    // parse_bogus_from: "John Doe <johndoe>"
    if (email) return { name, email };
    const bra = from.indexOf('<');
    if (bra < 0) return { name, email };
    const ket = from.indexOf('>', bra);
    if (ket < 0) return { name, email };
    email = from.slice(bra + 1, ket);
    name = trim(from.slice(0, bra));
    return { name: getSaneName(name, email), email };
  }
  if (email && f.indexOf('@', at + 1) >= 0) return { name, email };
  while (at > 0) {
    const c = f[at - 1];
    if (isspace(c)) break;
    if (c === '<') { f = f.slice(0, at - 1) + ' ' + f.slice(at); break; }
    at--;
  }
  let el = 0;
  while (at + el < f.length && !' \n\t\r\v\f>'.includes(f[at + el])) el++;
  email = f.slice(at, at + el);
  f = f.slice(0, at) + f.slice(at + el + (at + el < f.length ? 1 : 0));
  f = trim(cleanupSpace(f));
  if (f[0] === '(' && f.length && f[f.length - 1] === ')') f = f.slice(1, -1);
  return { name: getSaneName(f, email), email };
}
