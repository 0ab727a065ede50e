// The part of a hunk a reply quotes: its `@@` line and the changed lines with a little
// context, `[...]` where lines were cut. Quoting the whole hunk (or the whole patch) is
// what list etiquette asks reviewers not to do; quoting too little loses the anchor.
import type { Hunk } from '../patch/types';

export interface QuoteOptions {
  /** Context lines kept around each run of changed lines (default 2). */
  context?: number;
  /** At most this many diff lines quoted per hunk (default 40). */
  maxLines?: number;
  /** Put the `diff --git` line first (the first quoted hunk of each file). */
  fileHeader?: boolean;
}

export const ELISION = '[...]';

/** Quoted lines (with `> `) for one hunk; `header` is the `@@` line as the patch wrote it. */
export function quoteHunk(h: Hunk, header: string, opts: QuoteOptions = {}): string[] {
  // A hunk whose change is one line (or only blank lines) is quoted with all its context:
  // a lone `+` line is too little to say which hunk the answer is about.
  const substantial = h.lines.filter((l) => l.kind !== ' ' && l.text.trim()).length;
  const ctx = substantial < 2 ? Math.max(opts.context ?? 2, h.lines.length) : opts.context ?? 2;
  const max = opts.maxLines ?? 40;
  const keep = new Array<boolean>(h.lines.length).fill(false);
  h.lines.forEach((l, i) => {
    if (l.kind === ' ') return;
    for (let j = Math.max(0, i - ctx); j <= Math.min(h.lines.length - 1, i + ctx); j++) keep[j] = true;
  });
  // A hunk without changes (cannot come from git, but from a hand-made patch): quote its start.
  if (!keep.includes(true)) keep.fill(true, 0, Math.min(h.lines.length, ctx * 2 + 1));
  const out: string[] = [];
  if (opts.fileHeader) out.push(`> diff --git a/${h.file} b/${h.file}`);
  out.push(`> ${header}`);
  let quoted = 0;
  let gap = false;
  for (let i = 0; i < h.lines.length; i++) {
    if (!keep[i] || quoted >= max) { gap = true; continue; }
    if (gap) out.push(`> ${ELISION}`);
    gap = false;
    const l = h.lines[i];
    out.push(`> ${l.kind}${l.text}`.replace(/\s+$/, ''));
    quoted++;
  }
  if (gap) out.push(`> ${ELISION}`);
  return out;
}
