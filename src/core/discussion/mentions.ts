import type { Hunk } from '../patch/types';

const KEYWORDS = new Set([
  'struct', 'union', 'enum', 'const', 'volatile', 'unsigned', 'signed', 'long', 'short', 'char', 'void',
  'return', 'static', 'inline', 'extern', 'define', 'endif', 'ifdef', 'ifndef', 'include', 'sizeof',
]);

/**
 * Words that name what a hunk changes: `struct X` for the structs whose members it changes,
 * and the members its `+`/`-` lines declare (`i_bpf_storage`). Members must look like kernel
 * member names (an underscore, four characters or more) to avoid matching prose.
 */
export function hunkTerms(h: Hunk): { structs: string[]; members: string[] } {
  const structs = h.structs.filter((s) => s.changed).map((s) => s.name);
  const members = new Set<string>();
  if (structs.length) {
    for (const l of h.lines) {
      if (l.kind === ' ') continue;
      const m = /([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)*(?::\s*\w+\s*)?;\s*(?:\/[*/].*)?$/.exec(l.text);
      if (m && m[1].length >= 4 && m[1].includes('_') && !KEYWORDS.has(m[1])) members.add(m[1]);
    }
  }
  return { structs, members: [...members] };
}

/** Whether prose names one of the terms: `struct inode`, `inode->i_bpf_storage`, `i_bpf_storage`. */
export function mentions(text: string, terms: { structs: readonly string[]; members: readonly string[] }): boolean {
  if (terms.structs.length === 0 && terms.members.length === 0) return false;
  const words = text.match(/[A-Za-z_]\w*/g);
  if (!words) return false;
  const members = new Set(terms.members);
  const structs = new Set(terms.structs);
  for (let i = 0; i < words.length; i++) {
    if (members.has(words[i])) return true;
    if (words[i] === 'struct' && i + 1 < words.length && structs.has(words[i + 1])) return true;
  }
  return false;
}
