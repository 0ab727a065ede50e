import type { Hunk, StructEvidence, StructRef } from './types';

/**
 * Which struct(s)/union(s) a hunk's changed lines fall in. The scope at the hunk's first
 * line comes from git's section heading (the nearest line above starting in column 0:
 * `struct inode {` opens a struct, `struct fs_context;` declares nothing, a line with `(`
 * is a function); braces in the hunk's lines are then tracked separately for the old side
 * (context and `-` lines) and the new side (context and `+` lines). Kernel style closes a
 * top-level struct or function with `}` in column 0, so an indented `}` met with no opener
 * in sight closes a nested block of the heading's struct (evidence `braces`). Structs the
 * hunk defines on its `+` lines are reported with `changed: false`.
 */

interface Scope {
  kind: 'struct' | 'union' | 'function' | 'block' | 'other';
  name: string;
  evidence: StructEvidence;
  /** Opened by a `+` line: the hunk defines it. */
  defines: boolean;
}

interface Opener {
  kind: 'struct' | 'union';
  /** Empty for an anonymous struct/union. */
  name: string;
  /** Index of the `{`. */
  brace: number;
}

const HEAD = /^\s*(?:typedef\s+)?(struct|union)\b\s*([A-Za-z_]\w*)?/;

/**
 * `struct name __attr(x) {` at the start of a line (hand-parsed after the keyword:
 * a regex over repeated attributes can backtrack exponentially on hostile lines).
 */
export function openerOf(c: string): Opener | undefined {
  const m = HEAD.exec(c);
  if (!m) return undefined;
  let name = m[2] ?? '';
  let i = m[0].length;
  // `struct __aligned(8) {` – the word read as a name was an attribute.
  if (name.startsWith('__')) {
    i -= name.length;
    name = '';
  }
  for (;;) {
    while (i < c.length && (c[i] === ' ' || c[i] === '\t')) i++;
    if (c[i] === '{') return { kind: m[1] as 'struct' | 'union', name, brace: i };
    if (c[i] === '_' && c[i + 1] === '_') {
      while (i < c.length && /\w/.test(c[i])) i++;
      if (c[i] === '(') {
        let depth = 0;
        for (; i < c.length; i++) {
          if (c[i] === '(') depth++;
          else if (c[i] === ')' && --depth === 0) { i++; break; }
        }
      }
      continue;
    }
    return undefined;
  }
}

/** Scope a section heading leaves the hunk in. */
export function headingScope(section: string): Scope | undefined {
  const s = section.trim();
  if (!s) return undefined;
  const o = openerOf(s);
  if (o && o.name && !s.includes('(', o.brace) && !s.includes('}', o.brace)) {
    return { kind: o.kind, name: o.name, evidence: 'heading', defines: false };
  }
  if (s.includes('(')) {
    // A prototype or a macro call ending in `;` leaves no scope open.
    return /;\s*(\/\*.*)?$/.test(s) ? undefined : { kind: 'function', name: '', evidence: 'heading', defines: false };
  }
  if (/\{\s*(\/\*.*)?$/.test(s) || /=\s*\{?\s*$/.test(s)) return { kind: 'other', name: '', evidence: 'heading', defines: false };
  return undefined;
}

/** Strips comments and literals from one line, carrying the block-comment state. */
function code(text: string, state: { comment: boolean }): string {
  // Most lines have nothing to strip.
  if (!state.comment && text.indexOf('/') < 0 && text.indexOf('"') < 0 && text.indexOf("'") < 0) return text;
  // Kept code is copied in runs (`from`..`i`), not a character at a time.
  let out = '';
  let i = 0;
  let from = 0;
  const n = text.length;
  while (i < n) {
    if (state.comment) {
      const e = text.indexOf('*/', i);
      if (e < 0) return out;
      state.comment = false;
      i = e + 2;
      from = i;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 47 /* / */) {
      const d = text.charCodeAt(i + 1);
      if (d === 42 /* * */) { out += text.slice(from, i); state.comment = true; i += 2; from = i; continue; }
      if (d === 47) { out += text.slice(from, i); return out; }
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      out += text.slice(from, i);
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== c) j += text.charCodeAt(j) === 92 /* \\ */ ? 2 : 1;
      i = j + 1;
      out += ' ';
      from = i;
      continue;
    }
    i++;
  }
  if (from < n) out += text.slice(from, n);
  return out;
}

const isRecord = (s: Scope): boolean => s.kind === 'struct' || s.kind === 'union';

class Side {
  stack: Scope[] = [];
  comment = { comment: false };
  /**
   * Named and anonymous struct/union scopes on the stack, recomputed when it changes
   * (a fresh array each time: callers may keep the one a step returned).
   */
  records: Scope[] = [];
  constructor(start: Scope | undefined) {
    if (start) this.stack.push(start);
    this.records = this.stack.filter(isRecord);
  }

  /** Applies one line; returns the struct/union scopes the line stands in (before its own braces). */
  step(text: string, uncertainIndent: boolean, added: boolean): Scope[] {
    const inside = this.records;
    const c = code(text, this.comment);
    if (c.indexOf('{') < 0 && c.indexOf('}') < 0) return inside;
    const opened = c.indexOf('{') >= 0 ? openerOf(c) : undefined;
    // A definition in column 0 means the heading's function (or initializer) has ended.
    if (opened && !uncertainIndent && /^\S/.test(text) && this.stack.length === 1 && this.stack[0].evidence === 'heading'
      && (this.stack[0].kind === 'function' || this.stack[0].kind === 'other')) this.stack.pop();
    const topLevel = this.stack.every(isRecord);
    let opensAt = -1;
    if (opened && topLevel) opensAt = opened.brace;
    for (let i = 0; i < c.length; i++) {
      const ch = c[i];
      if (ch === '{') {
        if (i === opensAt && opened) {
          this.stack.push({
            kind: opened.name ? opened.kind : 'block', name: opened.name,
            evidence: added ? 'defines' : 'context', defines: added,
          });
        } else {
          // At top level `) {` opens a function, `= {` an initializer; deeper, a block.
          const kind: Scope['kind'] = this.stack.length ? 'block' : /\)\s*$/.test(c.slice(0, i)) ? 'function' : 'other';
          this.stack.push({ kind, name: '', evidence: 'braces', defines: added });
        }
      } else if (ch === '}') {
        const col0 = i === 0 && !uncertainIndent;
        if (this.stack.length === 0) continue;
        const top = this.stack[this.stack.length - 1];
        // An indented `}` with only the heading's scope left closes a block we never saw open.
        if (this.stack.length === 1 && top.evidence === 'heading' && !col0) {
          if (isRecord(top)) top.evidence = 'braces';
          continue;
        }
        this.stack.pop();
      }
    }
    this.records = this.stack.filter(isRecord);
    return inside;
  }
}

export function detectStructs(hunk: Hunk): StructRef[] {
  const start = headingScope(hunk.section);
  // Most hunks hold no brace: then only the heading can put them in a struct.
  if (!hunk.lines.some((l) => l.text.indexOf('{') >= 0 || l.text.indexOf('}') >= 0)) {
    if (!start || !isRecord(start)) return [];
    const changed = hunk.lines.some((l) => l.kind !== ' ' && l.text.trim() !== '');
    return changed ? [{ kind: start.kind as 'struct' | 'union', name: start.name, evidence: 'heading', changed: true }] : [];
  }
  const oldSide = new Side(start);
  const newSide = new Side(start ? { ...start } : undefined);
  const found = new Map<string, StructRef>();
  const uncertain = hunk.rebuilt !== undefined;
  const note = (scopes: Scope[], changedLine: boolean): void => {
    for (const s of scopes) {
      if (s.name === '') continue;
      const key = `${s.kind} ${s.name}`;
      const changed = changedLine && !s.defines;
      const ev: StructEvidence = s.defines ? 'defines' : s.evidence;
      const prev = found.get(key);
      if (!prev) found.set(key, { kind: s.kind as 'struct' | 'union', name: s.name, evidence: ev, changed });
      else if (changed && !prev.changed) found.set(key, { ...prev, evidence: ev, changed });
    }
  };
  for (const l of hunk.lines) {
    const t = l.text;
    // Outside a comment, a line with no brace and no `/*` leaves a side as it is: step
    // would return the side's scopes unchanged (most lines; checked once for both sides).
    const plain = t.indexOf('{') < 0 && t.indexOf('}') < 0 && t.indexOf('/*') < 0;
    if (l.kind === ' ') {
      if (!plain || oldSide.comment.comment) oldSide.step(t, uncertain, false);
      if (!plain || newSide.comment.comment) newSide.step(t, uncertain, false);
      continue;
    }
    const side = l.kind === '-' ? oldSide : newSide;
    // Collapsed text keeps a changed line's indentation only as `+ x` versus `+x`.
    const before = plain && !side.comment.comment ? side.records : side.step(t, uncertain && /^\s/.test(t), l.kind === '+');
    // A line that opens a struct defines it (or, removed, takes it away).
    const after = side.records;
    const scopes = after.length > before.length ? after : before;
    if (before.length === 0 && after.length === 0) continue;
    if (!t.trim()) continue;
    note(scopes, true);
  }
  return [...found.values()].filter((r) => r.changed || r.evidence === 'defines');
}
