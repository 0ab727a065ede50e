import { lex } from './lexer';
import type { Macro, PPToken } from './preprocess-types';
import type { Token } from './token';

/*
 * Macro expansion as C11 6.10.3 describes it, with Prosser's hide sets: a token carries
 * the names of the macros whose expansion produced it, and such a macro does not expand
 * it again. Pending expansions are a stack of contexts read before the file, so the
 * result is rescanned together with the rest of the input, as the standard requires.
 */

/** Where tokens come from once the expansion contexts are exhausted (the file being read). */
export interface RawSource {
  next(): PPToken | null;
}

/** What the expander needs from the preprocessor around it. */
export interface ExpandEnv {
  macros: ReadonlyMap<string, Macro>;
  /** Value of a built-in macro (`__LINE__`…) used at `at`. */
  builtin(name: string, at: PPToken): PPToken[];
  /** `#if` only: the operand of `__has_attribute(...)` and friends, already collected. */
  hasFeature(op: string, args: PPToken[], at: PPToken): boolean;
  warn(message: string, at: Token): void;
}

interface Context {
  toks: PPToken[];
  i: number;
}

const FEATURE_OPS = new Set(['__has_attribute', '__has_cpp_attribute', '__has_builtin', '__has_include', '__has_include_next']);
const PLACEMARKER: PPToken = { kind: 'punct', text: '', offset: 0, file: '', spaceBefore: false, lineStart: false };

function union(hide: readonly string[] | undefined, name: string): readonly string[] {
  if (!hide) return [name];
  return hide.includes(name) ? hide : [...hide, name];
}

function intersect(a: readonly string[] | undefined, b: readonly string[] | undefined): readonly string[] | undefined {
  if (!a || !b) return undefined;
  const r = a.filter((x) => b.includes(x));
  return r.length ? r : undefined;
}

export function numberToken(value: number, at: Token): PPToken {
  return { kind: 'number', text: String(value), offset: at.offset, file: at.file, spaceBefore: at.spaceBefore, lineStart: false };
}

export class Expander {
  private ctx: Context[] = [];

  constructor(
    private readonly env: ExpandEnv,
    private readonly source: RawSource | null,
    /** In `#if` lines `defined` and `__has_*` are operators. */
    private readonly ifMode = false,
  ) {}

  push(toks: PPToken[]): void {
    if (toks.length) this.ctx.push({ toks, i: 0 });
  }

  private nextRaw(): PPToken | null {
    const ctx = this.ctx;
    while (ctx.length) {
      const c = ctx[ctx.length - 1];
      if (c.i < c.toks.length) return c.toks[c.i++];
      ctx.pop();
    }
    return this.source ? this.source.next() : null;
  }

  private peekRaw(): PPToken | null {
    const ctx = this.ctx;
    for (let k = ctx.length - 1; k >= 0; k--) {
      const c = ctx[k];
      if (c.i < c.toks.length) return c.toks[c.i];
    }
    if (!this.source) return null;
    const t = this.source.next();
    if (t) {
      ctx.length = 0;
      ctx.push({ toks: [t], i: 0 });
    }
    return t;
  }

  /** The next fully expanded token, or null at the end of the input. */
  next(): PPToken | null {
    for (;;) {
      const t = this.nextRaw();
      if (!t || t.kind !== 'ident') return t;
      if (this.ifMode) {
        if (t.text === 'defined') return this.defined(t);
        if (FEATURE_OPS.has(t.text) && this.peekRaw()?.text === '(') return this.feature(t);
      }
      const m = this.env.macros.get(t.text);
      if (!m || (t.hide && t.hide.includes(t.text))) return t;
      if (m.builtin) {
        this.push(this.env.builtin(m.name, t));
        continue;
      }
      if (!m.params) {
        this.push(this.finish(m, m.body, null, t, union(t.hide, m.name)));
        continue;
      }
      if (this.peekRaw()?.text !== '(') return t;
      this.nextRaw();
      const call = this.collectArgs(m, t);
      if (!call) return t;
      const hs = union(intersect(t.hide, call.rparen.hide), m.name);
      const [body, fromBody] = this.subst(m, call.args, 0, m.body.length);
      this.push(this.finish(m, body, fromBody, t, hs));
    }
  }

  /** Expands a token list on its own (a macro argument, an `#if` line). */
  expandList(toks: PPToken[]): PPToken[] {
    const sub = new Expander(this.env, null, this.ifMode);
    sub.push(toks);
    const out: PPToken[] = [];
    for (let t = sub.next(); t; t = sub.next()) out.push(t);
    return out;
  }

  private defined(at: PPToken): PPToken {
    let t = this.nextRaw();
    const paren = t?.text === '(';
    if (paren) t = this.nextRaw();
    if (!t || t.kind !== 'ident') {
      this.env.warn('operator "defined" requires an identifier', at);
      return numberToken(0, at);
    }
    if (paren && this.nextRaw()?.text !== ')') this.env.warn('missing ")" after "defined"', at);
    return numberToken(this.env.macros.has(t.text) ? 1 : 0, at);
  }

  private feature(at: PPToken): PPToken {
    this.nextRaw();
    const args: PPToken[] = [];
    let depth = 0;
    for (let t = this.nextRaw(); t; t = this.nextRaw()) {
      if (t.text === '(') depth++;
      else if (t.text === ')' && depth-- === 0) break;
      args.push(t);
    }
    return numberToken(this.env.hasFeature(at.text, args, at) ? 1 : 0, at);
  }

  private collectArgs(m: Macro, name: PPToken): { args: PPToken[][]; rparen: PPToken } | null {
    const params = m.params as string[];
    const args: PPToken[][] = [];
    let cur: PPToken[] = [];
    let depth = 0;
    for (;;) {
      const t = this.nextRaw();
      if (!t) {
        this.env.warn(`unterminated argument list invoking macro "${m.name}"`, name);
        return null;
      }
      if (t.kind === 'punct') {
        if (t.text === '(') depth++;
        else if (t.text === ')') {
          if (depth === 0) {
            args.push(cur);
            return this.checkArgs(m, params, args, name) ? { args, rparen: t } : null;
          }
          depth--;
        } else if (t.text === ',' && depth === 0 && !(m.variadic && args.length === params.length - 1)) {
          args.push(cur);
          cur = [];
          continue;
        }
      }
      cur.push(t);
    }
  }

  private checkArgs(m: Macro, params: string[], args: PPToken[][], at: PPToken): boolean {
    if (params.length === 0 && args.length === 1 && args[0].length === 0) {
      args.length = 0;
      return true;
    }
    if (m.variadic && args.length === params.length - 1) args.push([]);
    if (args.length === params.length) return true;
    this.env.warn(`macro "${m.name}" expects ${params.length} arguments, given ${args.length}`, at);
    return false;
  }

  /** Substitutes arguments into body[from, to); returns the tokens and which came from the body. */
  private subst(m: Macro, args: PPToken[][], from: number, to: number, memo: (PPToken[] | undefined)[] = []): [PPToken[], boolean[]] {
    const body = m.body;
    const params = m.params as string[];
    const va = m.variadic ? params.length - 1 : -1;
    const idx = (t: Token | undefined): number => (t && t.kind === 'ident' ? params.indexOf(t.text) : -1);
    const out: PPToken[] = [];
    const fromBody: boolean[] = [];
    const put = (t: PPToken, b: boolean): void => {
      out.push(t);
      fromBody.push(b);
    };
    for (let i = from; i < to; i++) {
      const t = body[i];
      const nextIsPaste = i + 1 < to && body[i + 1].text === '##' && body[i + 1].kind === 'punct';
      if (t.kind === 'punct' && t.text === '#') {
        const k = idx(body[i + 1]);
        if (k >= 0) {
          put(stringify(args[k], t), true);
          i++;
          continue;
        }
      }
      if (t.text === ',' && nextIsPaste && va >= 0 && idx(body[i + 2]) === va) {
        // GNU: `, ## __VA_ARGS__` drops the comma when there are no variable arguments.
        if (args[va].length) {
          put(t, true);
          for (const a of args[va]) put(a, false);
        }
        i += 2;
        continue;
      }
      if (t.kind === 'punct' && t.text === '##' && out.length) {
        const r = body[i + 1];
        i++;
        if (!r || i >= to) continue;
        const k = idx(r);
        const rhs = k >= 0 ? args[k] : [r as PPToken];
        if (!rhs.length) continue;
        const lhs = out.pop() as PPToken;
        fromBody.pop();
        if (lhs === PLACEMARKER) {
          for (const a of rhs) put(a, k < 0);
          continue;
        }
        for (const p of this.paste(lhs, rhs[0])) put(p, true);
        for (let j = 1; j < rhs.length; j++) put(rhs[j], false);
        continue;
      }
      const k = idx(t);
      if (k >= 0) {
        const a = nextIsPaste ? args[k] : (memo[k] ??= this.expandList(args[k]));
        if (!a.length) {
          if (nextIsPaste) put(PLACEMARKER, true);
          continue;
        }
        // The argument takes the spacing of the parameter it replaces (as GCC does; visible in `#`).
        put(a[0].spaceBefore === t.spaceBefore ? a[0] : { ...a[0], spaceBefore: t.spaceBefore }, false);
        for (let q = 1; q < a.length; q++) put(a[q], false);
        continue;
      }
      if (t.text === '__VA_OPT__' && va >= 0 && body[i + 1]?.text === '(') {
        let depth = 0;
        let j = i + 1;
        for (; j < to; j++) {
          if (body[j].text === '(') depth++;
          else if (body[j].text === ')' && --depth === 0) break;
        }
        if (args[va].length) {
          const [o, b] = this.subst(m, args, i + 2, j, memo);
          for (let q = 0; q < o.length; q++) put(o[q], b[q]);
        }
        i = j;
        continue;
      }
      put(t, true);
    }
    return [out, fromBody];
  }

  private paste(lhs: PPToken, rhs: PPToken): PPToken[] {
    const text = lhs.text + rhs.text;
    const toks = lex(text, lhs.file);
    if (toks.length !== 1) {
      this.env.warn(`pasting "${lhs.text}" and "${rhs.text}" does not give a valid preprocessing token`, lhs);
    }
    return toks.map((t, i) => ({ ...lhs, kind: t.kind, text: t.text, spaceBefore: i === 0 ? lhs.spaceBefore : t.spaceBefore, hide: lhs.hide }));
  }

  /** Positions the expansion at its use (arguments keep theirs) and paints it with the hide set. */
  private finish(m: Macro, toks: readonly PPToken[], fromBody: boolean[] | null, at: PPToken, hs: readonly string[]): PPToken[] {
    const out: PPToken[] = [];
    const macro = at.macro ?? m.name;
    let first = true;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t === PLACEMARKER) continue;
      const body = fromBody ? fromBody[i] : true;
      let hide: readonly string[] = hs;
      if (t.hide) {
        hide = t.hide;
        for (const h of hs) hide = union(hide, h);
      }
      out.push({
        kind: t.kind,
        text: t.text,
        offset: body ? at.offset : t.offset,
        file: body ? at.file : t.file,
        spaceBefore: first ? at.spaceBefore : t.spaceBefore,
        lineStart: false,
        hide,
        macro,
      });
      first = false;
    }
    return out;
  }
}

export function stringify(toks: readonly Token[], at: Token): PPToken {
  let s = '';
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (i > 0 && t.spaceBefore) s += ' ';
    s += t.kind === 'string' || t.kind === 'char' ? t.text.replace(/[\\"]/g, (c) => '\\' + c) : t.text;
  }
  return { kind: 'string', text: `"${s}"`, offset: at.offset, file: at.file, spaceBefore: at.spaceBefore, lineStart: false };
}
