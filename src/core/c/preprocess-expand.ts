import { lex } from './lexer';
import { HideSet } from './preprocess-hide';
import type { Macro, PPToken } from './preprocess-types';
import type { Token, TokenKind } from './token';

/*
 * Macro expansion as C11 6.10.3 describes it, with Prosser's hide sets: a token carries
 * the names of the macros whose expansion produced it, and such a macro does not expand
 * it again. Pending expansions are a stack of contexts read before the file, so the
 * result is rescanned together with the rest of the input, as the standard requires.
 * Hot path for whole kernel headers: no closures, one token shape, interned hide sets.
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
  /** Accounts `n` tokens produced by an expansion; false once the input has used up its allowance. */
  spend(n: number, at: Token): boolean;
}

interface Context {
  toks: PPToken[];
  i: number;
}

const FEATURE_OPS = new Set(['__has_attribute', '__has_cpp_attribute', '__has_builtin', '__has_include', '__has_include_next']);

export function mkToken(
  kind: TokenKind, text: string, offset: number, file: string, spaceBefore: boolean, hide: HideSet | undefined, macro: string | undefined,
): PPToken {
  return { kind, text, offset, file, spaceBefore, lineStart: false, hide, macro };
}

const PLACEMARKER: PPToken = mkToken('punct', '', 0, '', false, undefined, undefined);

export function numberToken(value: number, at: Token): PPToken {
  return mkToken('number', String(value), at.offset, at.file, at.spaceBefore, undefined, undefined);
}

/** Parameter index of each body token of a function-like macro (-1: not a parameter), computed once per macro. */
const paramIndex = new WeakMap<Macro, Int16Array>();
function paramsOf(m: Macro): Int16Array {
  let p = paramIndex.get(m);
  if (!p) {
    const params = m.params as string[];
    p = new Int16Array(m.body.length);
    for (let i = 0; i < m.body.length; i++) p[i] = m.body[i].kind === 'ident' ? params.indexOf(m.body[i].text) : -1;
    paramIndex.set(m, p);
  }
  return p;
}

export class Expander {
  private ctx: Context[] = [];
  // Output of the substitution in progress (reused arrays: subst is re-entrant only through expandList, which uses another Expander).
  private out: PPToken[] = [];
  private fromBody: boolean[] = [];
  private child: Expander | undefined;

  constructor(
    private readonly env: ExpandEnv,
    private readonly source: RawSource | null,
    /** In `#if` lines `defined` and `__has_*` are operators. */
    private readonly ifMode = false,
  ) {}

  /** No expansion pending: the next token comes straight from the source. */
  idle(): boolean {
    for (const c of this.ctx) if (c.i < c.toks.length) return false;
    return true;
  }

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
    const macros = this.env.macros;
    for (;;) {
      const t = this.nextRaw();
      if (!t || t.kind !== 'ident') return t;
      if (this.ifMode) {
        if (t.text === 'defined') return this.defined(t);
        if (FEATURE_OPS.has(t.text) && this.peekRaw()?.text === '(') return this.feature(t);
      }
      const m = macros.get(t.text);
      if (!m || (t.hide !== undefined && t.hide.has(t.text))) return t;
      if (m.builtin) {
        this.push(this.env.builtin(m.name, t));
        continue;
      }
      if (!m.params) {
        this.push(this.finish(m, m.body, null, t, (t.hide ?? HideSet.EMPTY).with(m.name)));
        continue;
      }
      if (this.peekRaw()?.text !== '(') return t;
      this.nextRaw();
      const call = this.collectArgs(m, t);
      if (!call) return t;
      const hs = (t.hide && call.rparen.hide ? t.hide.intersect(call.rparen.hide) : HideSet.EMPTY).with(m.name);
      // finish() copies what subst() collected, so the two arrays are reused.
      this.out.length = 0;
      this.fromBody.length = 0;
      this.subst(m, call.args, 0, m.body.length, []);
      this.push(this.finish(m, this.out, this.fromBody, t, hs));
    }
  }

  /**
   * Reads unexpanded tokens up to the `}` that closes a `{` just returned, and returns it.
   * Used to pass over function bodies, which a layout does not need.
   */
  skipBraces(): PPToken | null {
    let depth = 1;
    for (let t = this.nextRaw(); t; t = this.nextRaw()) {
      if (t.kind !== 'punct') continue;
      if (t.text === '{') depth++;
      else if (t.text === '}' && --depth === 0) return t;
    }
    return null;
  }

  /** Expands a token list on its own (a macro argument, an `#if` line). */
  expandList(toks: PPToken[]): PPToken[] {
    // An argument without identifiers has nothing to expand.
    let plain = true;
    for (let i = 0; i < toks.length; i++) if (toks[i].kind === 'ident') { plain = false; break; }
    if (plain) return toks;
    // One child per nesting level, reused: it is always drained before this returns.
    const sub = (this.child ??= new Expander(this.env, null, this.ifMode));
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
    const lastFixed = m.variadic ? params.length - 1 : -1;
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
        const c = t.text;
        if (c === '(') depth++;
        else if (c === ')') {
          if (depth === 0) {
            args.push(cur);
            return this.checkArgs(m, params, args, name) ? { args, rparen: t } : null;
          }
          depth--;
        } else if (c === ',' && depth === 0 && args.length !== lastFixed) {
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

  private put(t: PPToken, body: boolean): void {
    this.out.push(t);
    this.fromBody.push(body);
  }

  /** Substitutes arguments into body[from, to), appending to this.out / this.fromBody. */
  private subst(m: Macro, args: PPToken[][], from: number, to: number, memo: (PPToken[] | undefined)[]): void {
    const body = m.body as PPToken[];
    const pidx = paramsOf(m);
    const va = m.variadic ? (m.params as string[]).length - 1 : -1;
    for (let i = from; i < to; i++) {
      const t = body[i];
      const nextIsPaste = i + 1 < to && body[i + 1].kind === 'punct' && body[i + 1].text === '##';
      if (t.kind === 'punct' && t.text === '#' && i + 1 < to && pidx[i + 1] >= 0) {
        this.put(stringify(args[pidx[i + 1]], t), true);
        i++;
        continue;
      }
      if (va >= 0 && t.text === ',' && nextIsPaste && i + 2 < to && pidx[i + 2] === va) {
        // GNU: `, ## __VA_ARGS__` drops the comma when there are no variable arguments.
        const a = args[va];
        if (a.length) {
          this.put(t, true);
          for (let q = 0; q < a.length; q++) this.put(a[q], false);
        }
        i += 2;
        continue;
      }
      if (t.kind === 'punct' && t.text === '##' && this.out.length) {
        i++;
        if (i >= to) continue;
        const k = pidx[i];
        const rhs = k >= 0 ? args[k] : [body[i]];
        if (!rhs.length) continue;
        const lhs = this.out.pop() as PPToken;
        this.fromBody.pop();
        if (lhs === PLACEMARKER) {
          for (let q = 0; q < rhs.length; q++) this.put(rhs[q], k < 0);
          continue;
        }
        const pasted = this.paste(lhs, rhs[0]);
        for (let q = 0; q < pasted.length; q++) this.put(pasted[q], true);
        for (let q = 1; q < rhs.length; q++) this.put(rhs[q], false);
        continue;
      }
      const k = pidx[i];
      if (k >= 0) {
        let a: PPToken[];
        if (nextIsPaste) a = args[k];
        else {
          const e = memo[k];
          a = e ?? (memo[k] = this.expandList(args[k]));
        }
        if (!a.length) {
          if (nextIsPaste) this.put(PLACEMARKER, true);
          continue;
        }
        // The argument takes the spacing of the parameter it replaces (as GCC does; visible in `#`).
        const a0 = a[0];
        this.put(a0.spaceBefore === t.spaceBefore ? a0 : mkToken(a0.kind, a0.text, a0.offset, a0.file, t.spaceBefore, a0.hide, a0.macro), false);
        for (let q = 1; q < a.length; q++) this.put(a[q], false);
        continue;
      }
      if (va >= 0 && t.text === '__VA_OPT__' && body[i + 1]?.text === '(') {
        let depth = 0;
        let j = i + 1;
        for (; j < to; j++) {
          if (body[j].text === '(') depth++;
          else if (body[j].text === ')' && --depth === 0) break;
        }
        if (args[va].length) this.subst(m, args, i + 2, j, memo);
        i = j;
        continue;
      }
      this.put(t, true);
    }
  }

  private paste(lhs: PPToken, rhs: PPToken): PPToken[] {
    const text = lhs.text + rhs.text;
    // Identifier or number followed by identifier characters stays one token: no need to lex.
    if ((lhs.kind === 'ident' || lhs.kind === 'number') && (rhs.kind === 'ident' || (rhs.kind === 'number' && /^[0-9A-Za-z_]+$/.test(rhs.text)))) {
      return [mkToken(lhs.kind, text, lhs.offset, lhs.file, lhs.spaceBefore, lhs.hide, lhs.macro)];
    }
    const toks = lex(text, lhs.file);
    if (toks.length !== 1) {
      this.env.warn(`pasting "${lhs.text}" and "${rhs.text}" does not give a valid preprocessing token`, lhs);
    }
    const out: PPToken[] = [];
    for (let i = 0; i < toks.length; i++) {
      out.push(mkToken(toks[i].kind, toks[i].text, lhs.offset, lhs.file, i === 0 ? lhs.spaceBefore : toks[i].spaceBefore, lhs.hide, lhs.macro));
    }
    return out;
  }

  /** Positions the expansion at its use (arguments keep theirs) and paints it with the hide set. */
  private finish(m: Macro, toks: readonly PPToken[], fromBody: boolean[] | null, at: PPToken, hs: HideSet): PPToken[] {
    const out: PPToken[] = [];
    // Hostile input (macros that double at every level) must end with a message, not exhaust memory.
    if (!this.env.spend(toks.length, at)) return out;
    const macro = at.macro ?? m.name;
    let first = true;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t === PLACEMARKER) continue;
      const body = fromBody === null || fromBody[i];
      const hide = t.hide === undefined ? hs : t.hide.union(hs);
      out.push(mkToken(t.kind, t.text, body ? at.offset : t.offset, body ? at.file : t.file, first ? at.spaceBefore : t.spaceBefore, hide, macro));
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
  return mkToken('string', `"${s}"`, at.offset, at.file, at.spaceBefore, undefined, undefined);
}
