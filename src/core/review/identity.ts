// Hunk identity for re-binding a stored session: offsets move when a thread is refetched
// with more replies, but the file, the @@ line and the diff lines of a posted patch do not.
import type { Hunk } from '../patch/types';
import type { BodyPart } from '../mail/types';
import type { HunkIdentity } from './types';

export type { HunkIdentity };

/** FNV-1a over UTF-16 units, two seeds for 64 bits: no crypto is needed, only stability. */
export function hashText(s: string): string {
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export function constructedHeader(h: Hunk): string {
  return `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@${h.section ? ' ' + h.section : ''}`;
}

/** The `@@` line as the patch wrote it (git drops `,1` counts), else one built from the counts. */
export function hunkHeader(h: Hunk, part?: BodyPart): string {
  if (part && !h.headerInferred) {
    const end = part.text.indexOf('\n', h.span.start);
    const line = part.text.slice(h.span.start, end < 0 ? undefined : end);
    if (line.startsWith('@@')) return line.replace(/\s+$/, '');
  }
  return constructedHeader(h);
}

export function hunkIdentity(h: Hunk, part?: BodyPart): HunkIdentity {
  const body = h.lines.map((l) => l.kind + l.text.replace(/\s+$/, '')).join('\n');
  return { file: h.file, header: hunkHeader(h, part), hash: hashText(body) };
}

export function sameIdentity(a: HunkIdentity, b: HunkIdentity): boolean {
  return a.file === b.file && a.header === b.header && a.hash === b.hash;
}
