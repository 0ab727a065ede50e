/** File names from diff headers. */

function stripPrefix(p: string): string {
  if (p.startsWith('a/') || p.startsWith('b/')) return p.slice(2);
  return p;
}

/** Path of a `--- x` / `+++ x` line (timestamp after a tab dropped), or undefined for /dev/null. */
export function headerPath(line: string): string | undefined {
  let p = line.slice(4);
  const tab = p.indexOf('\t');
  if (tab >= 0) p = p.slice(0, tab);
  p = p.trim();
  if (p.startsWith('"') && p.endsWith('"') && p.length > 1) p = p.slice(1, -1);
  if (p === '/dev/null' || p === '') return undefined;
  return stripPrefix(p);
}

/** The new-side path of a `diff --git a/x b/y` line (the old side when the names are odd). */
export function gitDiffPath(line: string): string | undefined {
  const rest = line.slice('diff --git '.length).trim();
  const b = rest.lastIndexOf(' b/');
  if (b >= 0) return rest.slice(b + 3);
  const sp = rest.indexOf(' ');
  return sp > 0 ? stripPrefix(rest.slice(sp + 1)) : undefined;
}
