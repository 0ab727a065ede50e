// The mbox separator test, written to give exactly the answers of git's mailsplit
// (builtin/mailsplit.c is_from_line), so message counts agree with `git mailsplit`.

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `line` excludes its line terminator (a trailing \r is tolerated). */
export function isFromLine(line: string): boolean {
  if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
  // git works on the line with its '\n'; len counts it.
  const len = line.length + 1;
  if (len < 20 || !line.startsWith('From ')) return false;
  let colon = len - 2;
  for (;;) {
    if (colon < 5) return false;
    colon--;
    if (line.charCodeAt(colon) === 58) break;
  }
  if (colon < 9) return false;
  const at = (i: number): number => (i < line.length ? line.charCodeAt(i) : 10);
  if (!isDigit(at(colon - 4)) || !isDigit(at(colon - 2)) || !isDigit(at(colon - 1)) ||
      !isDigit(at(colon + 1)) || !isDigit(at(colon + 2))) return false;
  // strtol: optional spaces, sign, digits
  const m = /^\s*([+-]?\d+)/.exec(line.slice(colon + 3));
  const year = m ? parseInt(m[1], 10) : 0;
  return year > 90;
}

/** The separator `git format-patch` writes; such a line inside a MIME part is content. */
export const FORMAT_PATCH_FROM = /^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\r?$/;
