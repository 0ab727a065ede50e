/*
 * #if arithmetic against GCC: random integer constant expressions (signed and unsigned,
 * hex/octal/suffixed literals, every operator, ternaries) are evaluated by our evaluator
 * and by `gcc -E`, which is asked for every bit of the value and its sign.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { evalPPExpr } from '../../src/core/c/expr';
import { lex } from '../../src/core/c/lexer';

function haveGcc(): boolean {
  try { execFileSync('gcc', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

/** Deterministic pseudo-random numbers (xorshift32), so failures reproduce. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 0x100000000;
  };
}

function gen(r: () => number, depth: number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  if (depth <= 0 || r() < 0.25) {
    const n = Math.floor(r() * 2 ** (r() < 0.5 ? 8 : 32));
    return pick([`${n}`, `0x${n.toString(16)}`, `0${n.toString(8)}`, `${n}u`, `${n}UL`, `${n}LL`, `0x${n.toString(16)}ULL`, "'a'", `${n % 64}`, '0xffffffffffffffff', '9223372036854775807']);
  }
  const a = gen(r, depth - 1);
  const b = gen(r, depth - 1);
  switch (Math.floor(r() * 5)) {
    case 0: return `(${pick(['-', '~', '!', '+'])}${a})`;
    case 1: return `(${a} ? ${b} : ${gen(r, depth - 1)})`;
    case 2: return `(${a} ${pick(['<<', '>>'])} ${Math.floor(r() * 63)})`;
    case 3: return `(${a} ${pick(['/', '%'])} (${b} | 1))`;
    default: return `(${a} ${pick(['+', '-', '*', '<', '>', '<=', '>=', '==', '!=', '&', '^', '|', '&&', '||'])} ${b})`;
  }
}

test('#if expressions: every bit of the value equals GCC\'s (500 random expressions)', { skip: haveGcc() ? false : 'gcc not installed' }, () => {
  const r = rng(20261123);
  const exprs = Array.from({ length: 500 }, () => gen(r, 4));
  // Shifting a negative value left is accepted by GCC's #if (it warns at most); -w keeps stderr quiet.
  const lines: string[] = [];
  exprs.forEach((e, i) => {
    lines.push(`#if (${e}) < 0\nneg_${i}\n#endif`);
    for (let k = 0; k < 64; k++) lines.push(`#if ((${e}) >> ${k}) & 1\nb_${i}_${k}\n#endif`);
  });
  const out = execFileSync('gcc', ['-w', '-E', '-P', '-x', 'c', '-'], { input: lines.join('\n'), encoding: 'utf8', maxBuffer: 64 << 20 });
  const set = new Set(out.split(/\s+/).filter(Boolean));
  let compared = 0;
  let negative = 0;
  let unsigned = 0;
  exprs.forEach((e, i) => {
    let bits = 0n;
    for (let k = 0; k < 64; k++) if (set.has(`b_${i}_${k}`)) bits |= 1n << BigInt(k);
    const ours = evalPPExpr(lex(e, 'expr'));
    const unsignedBits = BigInt.asUintN(64, ours.v);
    assert.equal(unsignedBits, bits, `value bits of ${e}`);
    assert.equal(ours.unsigned ? false : ours.v < 0n, set.has(`neg_${i}`), `sign of ${e}`);
    compared++;
    if (ours.unsigned) unsigned++;
    else if (ours.v < 0n) negative++;
  });
  assert.equal(compared, 500);
  // The sample must exercise both conversions, or agreement says little.
  assert.ok(negative >= 20 && unsigned >= 50, `negative ${negative}, unsigned ${unsigned}`);
});
