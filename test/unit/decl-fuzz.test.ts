/*
 * Hostile input: arbitrary token soups made of C's declaration vocabulary must be read
 * without exceptions other than diagnostics, without hanging, and every struct found must
 * either lay out or refuse with a LayoutError naming the problem.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lex } from '../../src/core/c/lexer';
import { parseDeclarations } from '../../src/core/c/parse';
import { LayoutError, layoutStruct } from '../../src/core/layout';

const VOCAB = [
  'struct', 'union', 'enum', 'typedef', 'int', 'char', 'long', 'unsigned', 'short', '_Bool', 'double', 'void', 'const',
  '__attribute__((packed))', '__attribute__((aligned(8)))', '__attribute__((aligned(N)))', '__attribute__((mode(DI)))',
  '_Atomic', 'typeof', 'sizeof', '_Static_assert', 'extern', 'static', 'inline', 'asm',
  'a', 'b', 's', 't', 'N', 'u8', '{', '}', '(', ')', '[', ']', ';', ',', ':', '*', '=', '?', '0', '1', '3', '64', '-1',
  '+', '<<', '1000000', '0x7fffffffffffffff', '/', '%', '>>', '&', '|', '!', '~', '.', '->', '"x"', "'c'", '__builtin_offsetof', '__alignof__',
];

const SEEDS = [
  'struct s { int a; char b:3; };',
  'typedef struct { long x[N]; } t; enum { N = 4 };',
  'union u { int a; struct { char c; } __attribute__((packed)); };',
];

test('random token soups never crash the parser or the layout engine', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SEEDS), fc.array(fc.constantFrom(...VOCAB), { maxLength: 60 }), fc.nat(60), (seed, soup, at) => {
      const words = seed.split(' ');
      words.splice(at % (words.length + 1), 0, ...soup);
      const src = words.join(' ');
      const unit = parseDeclarations(lex(src, 'fuzz.c'));
      for (const [kw, map] of [['struct', unit.structs], ['union', unit.unions]] as const) {
        for (const tag of map.keys()) {
          for (const abi of ['x86_64', 'i386'] as const) {
            try {
              const l = layoutStruct(unit, `${kw} ${tag}`, abi);
              assert.ok(Number.isInteger(l.size) && l.size >= 0 && l.align >= 1, src);
            } catch (e) {
              if (!(e instanceof LayoutError)) throw new Error(`${(e as Error).name}: ${(e as Error).message} for: ${src}`);
            }
          }
        }
      }
    }),
    { numRuns: 1500, seed: 7 },
  );
});
