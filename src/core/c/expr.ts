import type { Token } from './token';

/*
 * `#if` arithmetic: C integer constant expressions in intmax_t/uintmax_t (64 bits, as
 * GCC evaluates them), with the usual conversions: one unsigned operand makes the
 * operation unsigned. Identifiers left after macro expansion are 0, as C says; the
 * caller is told about them so it can report them.
 */

export interface PPValue {
  v: bigint;
  unsigned: boolean;
}

export class ExprError extends Error {}

const norm = (v: bigint, unsigned: boolean): PPValue => ({
  v: unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v),
  unsigned,
});

export function parseIntegerLiteral(text: string): PPValue {
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)$/.exec(text);
  if (!m) throw new ExprError(`not an integer constant: ${text}`);
  const digits = m[1];
  let v: bigint;
  if (/^0[bB]/.test(digits)) v = BigInt(digits);
  else if (/^0[0-7]+$/.test(digits)) v = BigInt('0o' + digits.slice(1));
  else v = BigInt(digits);
  // A constant above INTMAX_MAX only fits uintmax_t, so it is unsigned whatever its base.
  const unsigned = /[uU]/.test(m[2]) || v > 0x7fffffffffffffffn;
  return norm(v, unsigned);
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, "'": 39, '"': 34, '?': 63 };

export function parseCharLiteral(text: string): PPValue {
  const q = text.indexOf("'");
  const body = text.slice(q + 1, -1);
  let c: number;
  if (body.startsWith('\\')) {
    const e = body.slice(1);
    if (/^[0-7]{1,3}$/.test(e)) c = parseInt(e, 8);
    else if (/^x[0-9a-fA-F]+$/.test(e)) c = parseInt(e.slice(1), 16);
    else c = ESCAPES[e] ?? e.charCodeAt(0);
  } else {
    c = body.codePointAt(0) ?? 0;
  }
  // Plain char is signed on x86 user space but the kernel builds with -funsigned-char; keep it unsigned.
  return { v: BigInt(c), unsigned: false };
}

/** Evaluates a fully expanded `#if` expression. `unknown` collects identifiers that were taken as 0. */
export function evalPPExpr(tokens: readonly Token[], unknown?: Set<string>): PPValue {
  let i = 0;
  const peek = (): string | undefined => tokens[i]?.text;
  const fail = (what: string): never => {
    const t = tokens[i];
    throw new ExprError(t ? `${what} at '${t.text}'` : `${what} at end of expression`);
  };
  const expect = (s: string): void => {
    if (peek() !== s) fail(`expected '${s}'`);
    i++;
  };

  const BIN: Record<string, number> = {
    '*': 10, '/': 10, '%': 10, '+': 9, '-': 9, '<<': 8, '>>': 8, '<': 7, '>': 7, '<=': 7, '>=': 7,
    '==': 6, '!=': 6, '&': 5, '^': 4, '|': 3, '&&': 2, '||': 1,
  };

  function primary(): PPValue {
    const t = tokens[i];
    if (!t) return fail('expected a value');
    i++;
    switch (t.kind) {
      case 'number':
        return parseIntegerLiteral(t.text);
      case 'char':
        return parseCharLiteral(t.text);
      case 'ident':
        unknown?.add(t.text);
        // `true`/`false` are identifiers in C's #if too: GCC (before C23) takes both as 0.
        return { v: 0n, unsigned: false };
      default:
        break;
    }
    switch (t.text) {
      case '(': {
        const v = conditional();
        expect(')');
        return v;
      }
      case '+': return unary();
      case '-': { const a = unary(); return norm(-a.v, a.unsigned); }
      case '~': { const a = unary(); return norm(~a.v, a.unsigned); }
      case '!': { const a = unary(); return { v: a.v === 0n ? 1n : 0n, unsigned: false }; }
      default:
        i--;
        return fail('unexpected token');
    }
  }
  const unary = primary;

  function binary(minPrec: number): PPValue {
    let lhs = unary();
    for (;;) {
      const op = peek();
      const prec = op === undefined ? undefined : BIN[op];
      if (prec === undefined || prec < minPrec) return lhs;
      i++;
      if (op === '&&' || op === '||') {
        const rhs = binary(prec + 1);
        const r = op === '&&' ? lhs.v !== 0n && rhs.v !== 0n : lhs.v !== 0n || rhs.v !== 0n;
        lhs = { v: r ? 1n : 0n, unsigned: false };
        continue;
      }
      const rhs = binary(prec + 1);
      lhs = apply(op as string, lhs, rhs);
    }
  }

  function conditional(): PPValue {
    const c = binary(1);
    if (peek() !== '?') return c;
    i++;
    const a = conditional();
    expect(':');
    const b = conditional();
    const unsigned = a.unsigned || b.unsigned;
    return norm(c.v !== 0n ? a.v : b.v, unsigned);
  }

  function comma(): PPValue {
    let v = conditional();
    while (peek() === ',') {
      i++;
      v = conditional();
    }
    return v;
  }

  if (tokens.length === 0) throw new ExprError('empty #if expression');
  const v = comma();
  if (i < tokens.length) fail('unexpected token');
  return v;
}

function apply(op: string, a: PPValue, b: PPValue): PPValue {
  const shift = op === '<<' || op === '>>';
  const unsigned = shift ? a.unsigned : a.unsigned || b.unsigned;
  const x = unsigned ? BigInt.asUintN(64, a.v) : a.v;
  const y = unsigned && !shift ? BigInt.asUintN(64, b.v) : b.v;
  const bool = (c: boolean): PPValue => ({ v: c ? 1n : 0n, unsigned: false });
  switch (op) {
    case '*': return norm(x * y, unsigned);
    case '/':
      if (y === 0n) throw new ExprError('division by zero in #if');
      return norm(x / y, unsigned);
    case '%':
      if (y === 0n) throw new ExprError('division by zero in #if');
      return norm(x % y, unsigned);
    case '+': return norm(x + y, unsigned);
    case '-': return norm(x - y, unsigned);
    case '<<': return y < 0n ? norm(x >> -y, unsigned) : norm(y >= 64n ? 0n : x << y, unsigned);
    case '>>': return y < 0n ? norm(y <= -64n ? 0n : x << -y, unsigned) : norm(x >> (y >= 64n ? 63n : y), unsigned);
    case '<': return bool(x < y);
    case '>': return bool(x > y);
    case '<=': return bool(x <= y);
    case '>=': return bool(x >= y);
    case '==': return bool(x === y);
    case '!=': return bool(x !== y);
    case '&': return norm(x & y, unsigned);
    case '^': return norm(x ^ y, unsigned);
    case '|': return norm(x | y, unsigned);
    default: throw new ExprError(`unknown operator ${op}`);
  }
}
