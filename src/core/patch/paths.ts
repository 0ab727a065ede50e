/**
 * File names from diff headers, with the first path component stripped as `git apply`
 * (and `patch -p1`) does: `a/`, `b/`, mnemonic `i/` `w/` `c/` `o/`, quilt's `linux.orig/`.
 */

function strip1(p: string): string {
  const slash = p.indexOf('/');
  return slash >= 0 && slash + 1 < p.length ? p.slice(slash + 1) : p;
}

function unquote(p: string): string {
  return p.length > 1 && p.startsWith('"') && p.endsWith('"') ? p.slice(1, -1) : p;
}

/** Path of a `--- x` / `+++ x` line (timestamp after a tab dropped), or undefined for /dev/null. */
export function headerPath(line: string): string | undefined {
  let p = line.slice(4);
  const tab = p.indexOf('\t');
  if (tab >= 0) p = p.slice(0, tab);
  p = unquote(p.trim());
  if (p === '/dev/null' || p === '') return undefined;
  return strip1(p);
}

/** The new-side path of a `diff --git a/x b/y` line. */
export function gitDiffPath(line: string): string | undefined {
  const rest = line.slice('diff --git '.length).trim();
  // Names may hold spaces: the split is where both halves name the same file.
  for (let i = rest.indexOf(' '); i >= 0; i = rest.indexOf(' ', i + 1)) {
    const right = strip1(unquote(rest.slice(i + 1)));
    if (strip1(unquote(rest.slice(0, i))) === right) return right;
  }
  // A rename: the names differ; take the last word.
  const sp = rest.lastIndexOf(' ');
  return sp > 0 ? strip1(unquote(rest.slice(sp + 1))) : undefined;
}
