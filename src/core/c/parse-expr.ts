/*
 * C expressions to an AST (precedence climbing). Only parsed here; evaluation waits for
 * an ABI (src/core/layout/eval.ts). Type names inside (casts, sizeof) come from the host.
 */
import type { CType, Expr } from './ctypes';
import type { Cursor } from './parse-cursor';
import { describe } from './parse-cursor';
import type { Token } from './token';

export interface TypeHost {
  /** Does a type name start at the cursor (offset k)? */
  isTypeStart(k: number): boolean;
  parseTypeName(): CType;
}

const BINARY: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6,
  '<': 7, '>': 7, '<=': 7, '>=': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};

export class ExprParser {
  constructor(private readonly c: Cursor, private readonly host: TypeHost) {}

  /** A full expression including the comma operator. */
  expression(): Expr {
    let e = this.assignment();
    while (this.c.accept(',')) e = { kind: 'binary', op: ',', left: e, right: this.assignment() };
    return e;
  }

  /** What array bounds, bit-field widths and attribute arguments hold. */
  assignment(): Expr {
    return this.conditional();
  }

  conditional(): Expr {
    const test = this.binary(1);
    if (!this.c.accept('?')) return test;
    const then = this.c.is(':') ? test : this.expression();
    this.c.expect(':', 'in ?:');
    return { kind: 'cond', test, then, else: this.conditional() };
  }

  private binary(min: number): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.c.peek();
      const p = t.kind === 'punct' ? BINARY[t.text] : undefined;
      if (p === undefined || p < min) return left;
      this.c.next();
      const right = this.binary(p + 1);
      left = { kind: 'binary', op: t.text, left, right };
    }
  }

  private unary(): Expr {
    const c = this.c;
    const t = c.peek();
    if (t.kind === 'punct' && ['-', '+', '~', '!', '*', '&'].includes(t.text)) {
      c.next();
      return { kind: 'unary', op: t.text, arg: this.unary() };
    }
    if (t.kind === 'punct' && (t.text === '++' || t.text === '--')) {
      c.next();
      return { kind: 'unsupported', what: `'${t.text}'`, pos: c.pos(t) };
    }
    if (t.kind === 'ident') {
      if (t.text === '__extension__') {
        c.next();
        return this.unary();
      }
      if (t.text === 'sizeof') {
        c.next();
        if (c.is('(') && this.host.isTypeStart(1)) {
          c.next();
          const type = this.host.parseTypeName();
          c.expect(')', 'after sizeof type');
          return { kind: 'sizeofType', type };
        }
        return { kind: 'sizeofExpr', arg: this.unary() };
      }
      if (t.text === '_Alignof' || t.text === 'alignof' || t.text === '__alignof__' || t.text === '__alignof') {
        c.next();
        const preferred = t.text.startsWith('__');
        if (c.is('(') && this.host.isTypeStart(1)) {
          c.next();
          const type = this.host.parseTypeName();
          c.expect(')', `after ${t.text} type`);
          return { kind: 'alignofType', type, preferred };
        }
        return { kind: 'alignofExpr', arg: this.unary(), preferred };
      }
    }
    if (c.is('(') && this.host.isTypeStart(1)) {
      c.next();
      const type = this.host.parseTypeName();
      c.expect(')', 'after cast type');
      if (c.is('{')) {
        c.skipGroup();
        return { kind: 'unsupported', what: 'compound literal', pos: c.pos(t) };
      }
      return { kind: 'cast', type, arg: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(e: Expr): Expr {
    const c = this.c;
    for (;;) {
      if (c.accept('.')) e = { kind: 'member', arg: e, name: c.next().text, arrow: false };
      else if (c.accept('->')) e = { kind: 'member', arg: e, name: c.next().text, arrow: true };
      else if (c.accept('[')) {
        const index = this.expression();
        c.expect(']');
        e = { kind: 'index', arg: e, index };
      } else if (c.is('(')) {
        const callee = e.kind === 'ident' ? e.name : '<expr>';
        c.next();
        const args: Expr[] = [];
        while (!c.is(')') && !c.done) {
          args.push(this.assignment());
          if (!c.accept(',')) break;
        }
        c.expect(')', 'after call arguments');
        e = { kind: 'call', callee, args };
      } else if (c.is('++') || c.is('--')) {
        const t = c.next();
        e = { kind: 'unsupported', what: `'${t.text}'`, pos: c.pos(t) };
      } else return e;
    }
  }

  private primary(): Expr {
    const c = this.c;
    const t = c.next();
    const pos = c.pos(t);
    switch (t.kind) {
      case 'number': return parseNumber(t) ?? { kind: 'unsupported', what: `number ${t.text}`, pos };
      case 'char': return parseChar(t) ?? { kind: 'unsupported', what: `character ${t.text}`, pos };
      case 'string': {
        let text = t.text;
        while (c.peek().kind === 'string') text = text.slice(0, -1) + c.next().text.replace(/^[^"]*"/, '');
        return { kind: 'string', text };
      }
      case 'ident': return this.identifier(t);
      case 'punct':
        if (t.text === '(') {
          if (c.is('{')) {
            c.skipGroup();
            c.expect(')');
            return { kind: 'unsupported', what: 'statement expression', pos };
          }
          const e = this.expression();
          c.expect(')');
          return e;
        }
    }
    throw c.error(`expected an expression but found ${describe(t)}`, t);
  }

  private identifier(t: Token): Expr {
    const c = this.c;
    const pos = c.pos(t);
    switch (t.text) {
      case '__builtin_offsetof':
      case 'offsetof': {
        c.expect('(');
        const type = this.host.parseTypeName();
        c.expect(',');
        const path: (string | Expr)[] = [c.next().text];
        for (;;) {
          if (c.accept('.')) path.push(c.next().text);
          else if (c.accept('[')) {
            path.push(this.expression());
            c.expect(']');
          } else break;
        }
        c.expect(')', 'after offsetof');
        return { kind: 'offsetof', type, path };
      }
      case '__builtin_types_compatible_p': {
        c.expect('(');
        const a = this.host.parseTypeName();
        c.expect(',');
        const b = this.host.parseTypeName();
        c.expect(')');
        return { kind: 'typesCompatible', a, b };
      }
      case '__builtin_choose_expr': {
        c.expect('(');
        const test = this.assignment();
        c.expect(',');
        const then = this.assignment();
        c.expect(',');
        const other = this.assignment();
        c.expect(')');
        return { kind: 'chooseExpr', test, then, else: other };
      }
    }
    return { kind: 'ident', name: t.text, pos };
  }
}

/** C integer literal with its suffix; undefined for floating literals. */
export function parseNumber(t: Token): Expr | undefined {
  const m = /^(0[xX][0-9a-fA-F']+|0[bB][01']+|[0-9']+)([uUlL]*)$/.exec(t.text);
  if (!m) return undefined;
  const digits = m[1].replace(/'/g, '');
  let value: bigint;
  if (/^0[xXbB]/.test(digits)) value = BigInt(digits);
  else if (digits.length > 1 && digits[0] === '0') {
    if (/[89]/.test(digits)) return undefined;
    value = BigInt('0o' + digits.slice(1));
  } else value = BigInt(digits);
  const suffix = m[2].toLowerCase();
  const long = (suffix.match(/l/g) ?? []).length;
  return { kind: 'num', value, unsigned: suffix.includes('u'), long };
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, a: 7, b: 8, f: 12, v: 11, '\\': 92, "'": 39, '"': 34, '?': 63, e: 27 };

export function parseChar(t: Token): Expr | undefined {
  const m = /^[LuU]?'(.*)'$/s.exec(t.text);
  if (!m) return undefined;
  const s = m[1];
  let v: number;
  if (s[0] !== '\\') v = s.codePointAt(0) ?? 0;
  else if (s[1] === 'x') v = parseInt(s.slice(2), 16);
  else if (/^[0-7]+$/.test(s.slice(1))) v = parseInt(s.slice(1), 8);
  else {
    const e = ESCAPES[s[1]];
    if (e === undefined) return undefined;
    v = e;
  }
  // Plain char is signed on x86, so '\xff' is -1 there; arm differs, but widths never depend on it.
  if (!/^[LuU]/.test(t.text) && v > 127) v -= 256;
  return { kind: 'num', value: BigInt(v), unsigned: false, long: 0 };
}
