/*
 * Reparsing a patched unit from base's undo log (withReparsed) must give what a full parse
 * of the patched tokens gives — every struct's layout, every typedef, enumerator, variable
 * and diagnostic — and leave base's unit exactly as it was. Checked at every cut point of
 * hand-written units and on random token soups with random changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lex } from '../../src/core/c/lexer';
import { parseDeclarations, parseJournaled, withReparsed } from '../../src/core/c/parse';
import type { Token } from '../../src/core/c/token';
import { layoutStruct } from '../../src/core/layout';
import { fingerprint } from '../helpers/unit-fingerprint';

function firstDiff(a: readonly Token[], b: readonly Token[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i].text === b[i].text && a[i].offset === b[i].offset) i++;
  return i;
}

/** Checks withReparsed on base → patched, with `same` at the first differing token and at every index before it. */
function check(baseSrc: string, patchedSrc: string, everyCut: boolean, cutBelow = 0): void {
  const baseTokens = lex(baseSrc, 'h');
  const patchedTokens = lex(patchedSrc, 'h');
  const base = parseJournaled(baseTokens);
  const before = fingerprint(base.unit);
  const want = fingerprint(parseDeclarations(patchedTokens));
  const diff = firstDiff(baseTokens, patchedTokens);
  const cuts = everyCut ? Array.from({ length: diff + 1 }, (_, i) => i) : [diff, cutBelow % (diff + 1)];
  for (const same of cuts) {
    // The tail must start where the shared prefix ends: the patched tokens from `same` on.
    const got = withReparsed(base, { base: base.tokens, at: same, tail: patchedTokens.slice(same) }, (u) => fingerprint(u));
    assert.deepEqual(got, want, `reparse from token ${same}`);
    assert.deepEqual(fingerprint(base.unit), before, `base restored after reparse from ${same}`);
  }
}

const UNIT = `
struct later;
typedef struct later later_t;
enum fwd;
struct a { int x; char c; };
typedef struct { long l; } anon_t;
struct later *p;
enum e { E0, E1 = 4, E2 };
struct later { later_t *self; short s[E2]; };
struct b { later_t inner; anon_t an; int tail; };
union u { struct a a; long l; };
struct bad { int x; ;
struct a2 { struct later l; } __attribute__((aligned(16)));
enum fwd { F0 = sizeof(struct b) };
extern struct b global_b;
`;

test('reparse equals a full parse at every cut, for changes anywhere', () => {
  const changes: [string, string][] = [
    ['short s[E2];', 'short s[E2]; long more;'],
    ['struct later { later_t *self;', 'struct later { char first; later_t *self;'],
    ['struct b { later_t inner;', 'struct b { int pad; later_t inner;'],
    ['enum e { E0, E1 = 4, E2 };', 'enum e { E0, E1 = 9, E2 };'],
    ['struct bad { int x; ;', 'struct bad { int x; };'],
    ['extern struct b global_b;', 'extern struct b global_b; struct late2 { int q; };'],
    ['struct later;\n', 'struct other;\nstruct later;\n'],
    ['typedef struct later later_t;', 'typedef struct b later_t;'],
  ];
  for (const [from, to] of changes) {
    assert.ok(UNIT.includes(from), from);
    check(UNIT, UNIT.replace(from, to), true);
  }
});

test('the patched unit is only on loan: base is whole again after use, even when use throws', () => {
  const base = parseJournaled(lex(UNIT, 'h'));
  const before = fingerprint(base.unit);
  const patched = lex(UNIT.replace('short s[E2];', 'short s[E2]; long more;'), 'h');
  const same = firstDiff(base.tokens, patched);
  assert.throws(() => withReparsed(base, { base: base.tokens, at: same, tail: patched.slice(same) }, (u) => {
    assert.equal(layoutStruct(u, 'later').size, 32);
    throw new Error('from use');
  }), /from use/);
  assert.deepEqual(fingerprint(base.unit), before);
  assert.equal(layoutStruct(base.unit, 'later').size, 24);
  // Tokens that continue another run than the one parsed are refused, not misread.
  assert.throws(() => withReparsed(base, { base: [...base.tokens], at: same, tail: patched.slice(same) }, () => 0), /another base run/);
});

const VOCAB = [
  'struct', 'union', 'enum', 'typedef', 'int', 'char', 'long', 'short', 'const', '__attribute__((packed))',
  '__attribute__((aligned(8)))', 'extern', 'static', 'sizeof', 'a', 'b', 's', 't', 'u', 'N', '{', '}', '(', ')',
  '[', ']', ';', ',', ':', '*', '=', '0', '1', '3', '+',
];
const SEEDS = [
  'struct s ; typedef struct s t ; struct s { int a ; char b : 3 ; } ; struct u { t x ; } ;',
  'enum N ; typedef struct { long x [ 3 ] ; } t ; enum N { a = sizeof ( t ) } ; struct b { t y [ a ] ; } ;',
  'union u { int a ; struct { char c ; } __attribute__((packed)) ; } ; struct s { union u v ; } ;',
];

test('random token soups: a random change reparsed from the log equals a full parse', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...SEEDS), fc.array(fc.constantFrom(...VOCAB), { maxLength: 40 }), fc.array(fc.constantFrom(...VOCAB), { maxLength: 8 }),
      fc.nat(80), fc.nat(6), fc.nat(),
      (seed, soup, insert, at, drop, below) => {
        const words = [...seed.split(' '), ...soup];
        const cut = at % (words.length + 1);
        const patched = [...words.slice(0, cut), ...insert, ...words.slice(cut + drop)];
        check(words.join(' '), patched.join(' '), false, below);
      },
    ),
    { numRuns: 400 },
  );
});
