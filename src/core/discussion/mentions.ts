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

/** The words of a paragraph as mention lookups need them: identifiers, and the names after `struct`. */
export interface Words {
  idents: Set<string>;
  structs: Set<string>;
}

export function wordsOf(text: string): Words {
  const idents = new Set<string>();
  const structs = new Set<string>();
  const words = text.match(/[A-Za-z_]\w*/g) ?? [];
  for (let i = 0; i < words.length; i++) {
    idents.add(words[i]);
    if (words[i] === 'struct' && i + 1 < words.length) structs.add(words[i + 1]);
  }
  return { idents, structs };
}

/** Whether prose names one of the terms: `struct inode`, `inode->i_bpf_storage`, `i_bpf_storage`. */
export function mentions(words: Words, terms: { structs: readonly string[]; members: readonly string[] }): boolean {
  for (const m of terms.members) if (words.idents.has(m)) return true;
  for (const s of terms.structs) if (words.structs.has(s)) return true;
  return false;
}
