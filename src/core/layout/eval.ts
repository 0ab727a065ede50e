/*
 * Integer constant expressions as they appear in array bounds, bit-field widths and
 * attributes: evaluated under an ABI because `sizeof`, `_Alignof` and `offsetof` are.
 */
import type { BaseName, CType, Expr } from '../c/ctypes';
import { exprText, resolveType, typeName } from '../c/ctypes';
import type { LayoutContext } from './context';
import { LayoutError } from './errors';
import { findField } from './fields';

export function evalExpr(ctx: LayoutContext, e: Expr): bigint {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'ident': {
      const c = ctx.unit.enumConstants.get(e.name);
      if (!c) throw new LayoutError(`unknown identifier '${e.name}' in a constant expression (${e.pos.file}:${e.pos.offset})`);
      return ctx.enumValue(c.decl, c.index);
    }
    case 'unary': {
      if (e.op === '&') return addressOf(ctx, e.arg);
      const v = evalExpr(ctx, e.arg);
      switch (e.op) {
        case '-': return -v;
        case '+': return v;
        case '~': return ~v;
        case '!': return v === 0n ? 1n : 0n;
      }
      throw new LayoutError(`unsupported operator '${e.op}' in a constant expression`);
    }
    case 'binary':
      return binary(ctx, e.op, e.left, e.right);
    case 'cond':
      return evalExpr(ctx, e.test) !== 0n ? evalExpr(ctx, e.then) : evalExpr(ctx, e.else);
    case 'chooseExpr':
      return evalExpr(ctx, e.test) !== 0n ? evalExpr(ctx, e.then) : evalExpr(ctx, e.else);
    case 'cast':
      return castTo(ctx, e.type, evalExpr(ctx, e.arg));
    case 'sizeofType':
      return BigInt(ctx.info(e.type).size);
    case 'sizeofExpr':
      return BigInt(ctx.info(exprType(ctx, e.arg)).size);
    case 'alignofType':
      return BigInt(alignOf(ctx, e.type, e.preferred));
    case 'alignofExpr':
      return BigInt(alignOf(ctx, exprType(ctx, e.arg), e.preferred));
    case 'offsetof':
      return BigInt(offsetOf(ctx, e.type, e.path));
    case 'typesCompatible':
      return sameType(e.a, e.b) ? 1n : 0n;
    case 'call':
      return builtin(ctx, e.callee, e.args);
    case 'member':
    case 'index':
    case 'string':
      throw new LayoutError(`'${exprText(e)}' is not an integer constant expression`);
    case 'unsupported':
      throw new LayoutError(`unsupported construct in a constant expression: ${e.what} (${e.pos.file}:${e.pos.offset})`);
  }
}

/** GCC builtins that kernel macros (ilog2, roundup_pow_of_two…) use in constant expressions. */
function builtin(ctx: LayoutContext, name: string, args: Expr[]): bigint {
  const m = /^__builtin_(clz|ctz|popcount|ffs|parity)(l|ll)?$/.exec(name);
  if (name === '__builtin_constant_p') {
    if (args.length !== 1) throw new LayoutError('__builtin_constant_p takes one argument');
    // GCC folds it to 1 when the argument is an integer constant expression after folding.
    try {
      evalExpr(ctx, args[0]);
      return 1n;
    } catch {
      return 0n;
    }
  }
  if (name === '__builtin_expect' && args.length === 2) return evalExpr(ctx, args[0]);
  if (m && args.length === 1) {
    const bits = m[2] === 'll' ? 64 : m[2] === 'l' ? ctx.abi.pointer * 8 : 32;
    const v = BigInt.asUintN(bits, evalExpr(ctx, args[0]));
    let pop = 0;
    let low = -1;
    let high = -1;
    for (let i = 0; i < bits; i++) {
      if ((v >> BigInt(i)) & 1n) {
        pop++;
        if (low < 0) low = i;
        high = i;
      }
    }
    switch (m[1]) {
      case 'popcount': return BigInt(pop);
      case 'parity': return BigInt(pop & 1);
      case 'ffs': return BigInt(low + 1);
      case 'clz':
      case 'ctz':
        if (v === 0n) throw new LayoutError(`${name}(0) is undefined`);
        return BigInt(m[1] === 'clz' ? bits - 1 - high : low);
    }
  }
  throw new LayoutError(`the call '${name}(...)' is not an integer constant expression`);
}

function binary(ctx: LayoutContext, op: string, l: Expr, r: Expr): bigint {
  if (op === '&&') return evalExpr(ctx, l) !== 0n && evalExpr(ctx, r) !== 0n ? 1n : 0n;
  if (op === '||') return evalExpr(ctx, l) !== 0n || evalExpr(ctx, r) !== 0n ? 1n : 0n;
  const a = evalExpr(ctx, l);
  const b = evalExpr(ctx, r);
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
    case '%':
      if (b === 0n) throw new LayoutError('division by zero in a constant expression');
      return op === '/' ? a / b : a % b;
    case '<<':
    case '>>':
      // Wider shifts are undefined in C; refusing them also keeps BigInt from growing without bound.
      if (b < 0n || b > 128n) throw new LayoutError(`shift count ${b} out of range in a constant expression`);
      return op === '<<' ? a << b : a >> b;
    case '<': return a < b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case ',': return b;
  }
  throw new LayoutError(`unsupported operator '${op}' in a constant expression`);
}

function castTo(ctx: LayoutContext, t: CType, v: bigint): bigint {
  const r = resolveType(t);
  if (r.kind === 'pointer') return BigInt.asUintN(ctx.abi.pointer * 8, v);
  const info = ctx.info(t);
  if (r.kind === 'base' && r.name === '_Bool') return v === 0n ? 0n : 1n;
  if (!info.integer) return v;
  const bits = info.size * 8;
  return info.integer.signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}

/** C11 `_Alignof` gives the alignment a field would get; GNU `__alignof__` the preferred one. */
function alignOf(ctx: LayoutContext, t: CType, preferred: boolean): number {
  const info = ctx.info(t);
  if (preferred || info.userAlign) return info.align;
  return ctx.fieldAlign(info, info.align * 8) / 8;
}

/** `&((T *)0)->a.b[2]` and friends: the address is the byte offset. */
function addressOf(ctx: LayoutContext, e: Expr): bigint {
  if (e.kind === 'member') {
    const baseT = exprType(ctx, e.arg);
    const base = e.arrow ? evalExpr(ctx, e.arg) : addressOf(ctx, e.arg);
    const rec = e.arrow ? pointee(baseT) : baseT;
    const f = findField(ctx, rec, e.name);
    if (f.bitField) throw new LayoutError(`cannot take the address of bit-field '${e.name}'`);
    return base + BigInt(f.bitOffset / 8);
  }
  if (e.kind === 'index') {
    const t = resolveType(exprType(ctx, e.arg));
    const el = t.kind === 'array' ? t.of : pointee(t);
    const base = t.kind === 'array' ? addressOf(ctx, e.arg) : evalExpr(ctx, e.arg);
    return base + evalExpr(ctx, e.index) * BigInt(ctx.info(el).size);
  }
  if (e.kind === 'unary' && e.op === '*') return evalExpr(ctx, e.arg);
  throw new LayoutError(`cannot take the address of '${exprText(e)}' in a constant expression`);
}

function pointee(t: CType): CType {
  const r = resolveType(t);
  if (r.kind === 'pointer') return r.to;
  if (r.kind === 'array') return r.of;
  throw new LayoutError(`'${typeName(t)}' is not a pointer`);
}

function offsetOf(ctx: LayoutContext, t: CType, path: (string | Expr)[]): number {
  let cur = t;
  let off = 0;
  for (const step of path) {
    if (typeof step === 'string') {
      const f = findField(ctx, cur, step);
      if (f.bitField) throw new LayoutError(`offsetof of bit-field '${step}'`);
      off += f.bitOffset / 8;
      cur = f.type;
    } else {
      const r = resolveType(cur);
      if (r.kind !== 'array') throw new LayoutError(`offsetof: '${typeName(cur)}' is not an array`);
      off += Number(evalExpr(ctx, step)) * ctx.info(r.of).size;
      cur = r.of;
    }
  }
  return off;
}

const INT: CType = { kind: 'base', name: 'int' };

function base(name: BaseName): CType {
  return { kind: 'base', name };
}

/** The type of an expression, as far as `sizeof`/`typeof` in kernel headers need it. */
export function exprType(ctx: LayoutContext, e: Expr): CType {
  switch (e.kind) {
    case 'num':
      if (e.long >= 2) return base(e.unsigned ? 'unsigned long long' : 'long long');
      if (e.long === 1) return base(e.unsigned ? 'unsigned long' : 'long');
      return base(e.unsigned ? 'unsigned int' : 'int');
    case 'ident': {
      const v = ctx.unit.variables.get(e.name);
      if (v) return v;
      const c = ctx.unit.enumConstants.get(e.name);
      if (c) return INT;
      throw new LayoutError(`unknown identifier '${e.name}' (${e.pos.file}:${e.pos.offset})`);
    }
    case 'cast':
      return e.type;
    case 'member': {
      const t = exprType(ctx, e.arg);
      return findField(ctx, e.arrow ? pointee(t) : t, e.name).type;
    }
    case 'index':
      return pointee(exprType(ctx, e.arg));
    case 'unary':
      if (e.op === '*') return pointee(exprType(ctx, e.arg));
      if (e.op === '&') return { kind: 'pointer', to: exprType(ctx, e.arg) };
      if (e.op === '!') return INT;
      return promote(ctx, exprType(ctx, e.arg));
    case 'binary': {
      if (['<', '>', '<=', '>=', '==', '!=', '&&', '||'].includes(e.op)) return INT;
      if (e.op === ',') return exprType(ctx, e.right);
      const a = exprType(ctx, e.left);
      const b = exprType(ctx, e.right);
      if (e.op === '<<' || e.op === '>>') return promote(ctx, a);
      const ra = resolveType(a);
      const rb = resolveType(b);
      if (ra.kind === 'pointer' || ra.kind === 'array') return e.op === '-' && (rb.kind === 'pointer' || rb.kind === 'array') ? base('long') : a;
      if (rb.kind === 'pointer' || rb.kind === 'array') return b;
      const pa = promote(ctx, a);
      const pb = promote(ctx, b);
      return ctx.info(pa).size >= ctx.info(pb).size ? pa : pb;
    }
    case 'cond':
    case 'chooseExpr':
      return exprType(ctx, e.then);
    case 'sizeofType':
    case 'sizeofExpr':
    case 'alignofType':
    case 'alignofExpr':
    case 'offsetof':
      return base('unsigned long');
    case 'typesCompatible':
      return INT;
    case 'string':
      return { kind: 'array', of: base('char'), length: { kind: 'num', value: BigInt(e.text.length - 1), unsigned: false, long: 0 } };
    case 'call':
      throw new LayoutError(`cannot type the call '${e.callee}(...)' in a constant expression`);
    case 'unsupported':
      throw new LayoutError(`unsupported construct: ${e.what} (${e.pos.file}:${e.pos.offset})`);
  }
}

function promote(ctx: LayoutContext, t: CType): CType {
  const info = ctx.info(t);
  return info.integer && info.size < 4 ? INT : t;
}

/** Structural type identity, enough for `__same_type` in kernel macros. */
export function sameType(a: CType, b: CType): boolean {
  const x = resolveType(a);
  const y = resolveType(b);
  if (x.kind !== y.kind) return false;
  switch (x.kind) {
    case 'base': return x.name === (y as typeof x).name;
    case 'pointer': return sameType(x.to, (y as typeof x).to);
    case 'array': return sameType(x.of, (y as typeof x).of);
    case 'record': return x.decl === (y as typeof x).decl;
    case 'enum': return x.decl === (y as typeof x).decl;
    case 'atomic': return sameType(x.type, (y as typeof x).type);
    default: return typeName(x) === typeName(y);
  }
}
