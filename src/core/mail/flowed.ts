// RFC 3676 format=flowed, quote-aware. postal-mime unwraps flowed text without looking at
// quote depth, so a quoted diff line that happens to end in a space swallowed the next
// quoted line ("> +a > +b"); replies quoting hunks are exactly what this tool reads. Here a
// flowed line joins the next one only at the same quote depth (RFC 3676 4.5).

function depthOf(line: string): number {
  let d = 0;
  while (d < line.length && line.charCodeAt(d) === 62) d++;
  return d;
}

export function unflow(text: string, delsp: boolean): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let open: { prefix: string; depth: number; content: string } | undefined;
  const flush = (): void => {
    if (open) out.push(open.prefix + open.content);
    open = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const depth = depthOf(raw);
    // the quote marks, then the optional space-stuffing space
    const stuffed = raw.charCodeAt(depth) === 32 ? 1 : 0;
    const prefix = raw.slice(0, depth + stuffed);
    const content = raw.slice(depth + stuffed);
    const signature = content === '-- ';
    if (open && open.depth === depth && !signature) open.content += content;
    else {
      flush();
      open = { prefix: depth ? prefix : '', depth, content };
    }
    const flowed = !signature && content.endsWith(' ') && i < lines.length - 1;
    if (!flowed) flush();
    else if (delsp) open.content = open.content.slice(0, -1);
  }
  flush();
  return out.join('\n');
}
