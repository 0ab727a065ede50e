// RFC 3676 format=flowed, quote-aware. postal-mime unwraps flowed text without looking at
// quote depth, so a quoted diff line that happens to end in a space swallowed the next
// quoted line ("> +a > +b"); replies quoting hunks are exactly what this tool reads. Here a
// flowed line joins the next one only at the same quote depth (RFC 3676 4.5).

export function unflow(text: string, delsp: boolean): string {
  // One pass over the text by index: a line is its slice [start, end) (a final CR
  // dropped); the paragraph being joined is open* (prefix, depth, content so far).
  const out: string[] = [];
  let open = false;
  let openPrefix = '';
  let openDepth = 0;
  let openContent = '';
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const hasNext = nl >= 0;
    let end = hasNext ? nl : text.length;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    let depth = 0;
    while (start + depth < end && text.charCodeAt(start + depth) === 62) depth++;
    // the quote marks, then the optional space-stuffing space
    const cs = start + depth + (start + depth < end && text.charCodeAt(start + depth) === 32 ? 1 : 0);
    const signature = end - cs === 3 && text.startsWith('-- ', cs);
    const flowed = !signature && hasNext && end > cs && text.charCodeAt(end - 1) === 32;
    if (open && openDepth === depth && !signature) {
      openContent += text.slice(cs, end);
    } else {
      if (open) out.push(openPrefix + openContent);
      open = flowed;
      if (flowed) {
        openPrefix = depth ? text.slice(start, cs) : '';
        openDepth = depth;
        openContent = text.slice(cs, end);
      } else {
        // a line of its own: its quote marks and text (the stuffing space kept when quoted)
        out.push(depth ? text.slice(start, end) : text.slice(cs, end));
      }
    }
    if (open) {
      if (!flowed) {
        out.push(openPrefix + openContent);
        open = false;
      } else if (delsp) openContent = openContent.slice(0, -1);
    }
    if (!hasNext) break;
    start = nl + 1;
  }
  if (open) out.push(openPrefix + openContent);
  return out.join('\n');
}
