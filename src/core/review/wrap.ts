// Greedy word wrapping for mail prose. Inline code and URLs arrive as atomic fragments:
// a wrapped URL no longer works and a wrapped code span no longer reads as code, so an
// atomic fragment is never broken even when that makes one line longer than the width.

export type Frag = { text: string; atomic: boolean } | { br: true };

/**
 * Words that must not stand at column 0 of a reply's own text: `>` would read as a quote,
 * `From ` is escaped by mbox writers, and `diff`/`---`/`Index:`/`+++`/`@@`/`--` start a
 * patch or a signature for git mailinfo and for our own reader.
 */
function needsGuard(word: string): boolean {
  return /^(?:>|From$|diff$|---?$|-{3}|Index:|\+\+\+|@@)/.test(word);
}

/** Words (fragments glued where no whitespace separates them), with hard breaks as null. */
function words(frags: Frag[]): (string | null)[] {
  const out: (string | null)[] = [];
  let cur = '';
  const flush = (): void => { if (cur) out.push(cur); cur = ''; };
  for (const f of frags) {
    if ('br' in f) { flush(); out.push(null); continue; }
    if (f.atomic) { cur += f.text; continue; }
    const parts = f.text.split(/[ \t\n\r\f\v]+/);
    parts.forEach((p, i) => { if (i > 0) flush(); cur += p; });
  }
  flush();
  return out;
}

/**
 * Lines of at most `width` columns (counting `first`/`rest`, the prefixes of the first and
 * following lines), unless a single word is longer. `guard` marks a paragraph whose lines
 * start at column 0 of the mail: lines beginning with a risky word get a leading space.
 */
export function wrap(frags: Frag[], width: number, first = '', rest = first, guard = false): string[] {
  const lines: string[] = [];
  let line = '';
  let prefix = first;
  let empty = true;
  const push = (): void => { lines.push(prefix + line); line = ''; prefix = rest; empty = true; };
  for (const w of words(frags)) {
    if (w === null) { push(); continue; }
    if (!empty && prefix.length + line.length + 1 + w.length > width) push();
    if (empty) {
      line = guard && prefix === '' && needsGuard(w) ? ' ' + w : w;
      empty = false;
    } else line += ' ' + w;
  }
  if (!empty || lines.length === 0) lines.push(prefix + line);
  return lines.map((l) => l.replace(/\s+$/, ''));
}
