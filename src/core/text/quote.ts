/**
 * Quote markers at the start of a mail line. `>`, `>>`, `> >` and mixes of them count one
 * level per `>`; a single space or tab may stand between markers. Only markers at column 0
 * count: an indented `>` is more often a diff context line of shell or C than a quote.
 * `|` is not a quote marker (it is how diffstats and tables look).
 */
export interface QuoteSplit {
  depth: number;
  /** Index in the line where the content starts (after the markers and one space). */
  contentStart: number;
}

export function splitQuote(line: string, from = 0, to = line.length): QuoteSplit {
  let pos = from;
  let depth = 0;
  while (pos < to && line.charCodeAt(pos) === 62 /* > */) {
    depth++;
    pos++;
    const c = line.charCodeAt(pos);
    if ((c === 32 || c === 9) && pos + 1 < to && line.charCodeAt(pos + 1) === 62) pos++;
  }
  if (depth > 0 && pos < to && line.charCodeAt(pos) === 32) pos++;
  return { depth, contentStart: pos - from };
}

export function quoteDepth(line: string): number {
  return splitQuote(line).depth;
}
