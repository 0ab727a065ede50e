import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex } from '../../src/core/c/lexer';

const texts = (src: string): string[] => lex(src, 't.h').map((t) => t.text);

test('punctuators take the longest match', () => {
  assert.deepEqual(texts('a->b <<= c ... x##y >>= ++ -- && || != == <= >= %: <: :>'),
    ['a', '->', 'b', '<<=', 'c', '...', 'x', '##', 'y', '>>=', '++', '--', '&&', '||', '!=', '==', '<=', '>=', '#', '[', ']']);
});

test('numbers keep suffixes, exponents and dots as one pp-number', () => {
  const toks = lex('0x1fUL 10ull 1.5e+3f .5 0x1p-3 1UL<<3', 't.h');
  assert.deepEqual(toks.map((t) => [t.kind, t.text]), [
    ['number', '0x1fUL'], ['number', '10ull'], ['number', '1.5e+3f'], ['number', '.5'],
    ['number', '0x1p-3'], ['number', '1UL'], ['punct', '<<'], ['number', '3'],
  ]);
});

test('strings and chars with escapes and prefixes', () => {
  const toks = lex(`"a\\"b" 'x' '\\'' L"w" u8"s" U'c'`, 't.h');
  assert.deepEqual(toks.map((t) => [t.kind, t.text]), [
    ['string', '"a\\"b"'], ['char', "'x'"], ['char', "'\\''"], ['string', 'L"w"'], ['string', 'u8"s"'], ['char', "U'c'"],
  ]);
});

test('comments count as space; lineStart marks the first token of each line', () => {
  const toks = lex('#define F(x) x\n#define G (x)/* c */y\n  // line\n z', 't.h');
  const f = toks.findIndex((t) => t.text === 'F');
  assert.equal(toks[f + 1].text, '(');
  assert.equal(toks[f + 1].spaceBefore, false);
  const g = toks.findIndex((t) => t.text === 'G');
  assert.equal(toks[g + 1].spaceBefore, true);
  assert.equal(toks.find((t) => t.text === 'y')?.spaceBefore, true);
  assert.deepEqual(toks.filter((t) => t.lineStart).map((t) => t.text), ['#', '#', 'z']);
});

test('a block comment spanning lines does not start a new line (C replaces it by one space)', () => {
  const toks = lex('a /* x\n y */ b', 't.h');
  assert.equal(toks[1].lineStart, false);
  assert.equal(toks[1].spaceBefore, true);
});

test('line splices join tokens and offsets point into the original text', () => {
  const src = '#define X \\\n  12\\\n34 + ab\\\r\ncd\nnext';
  const toks = lex(src, 't.h');
  assert.deepEqual(toks.map((t) => t.text), ['#', 'define', 'X', '1234', '+', 'abcd', 'next']);
  for (const t of toks) assert.equal(src[t.offset], t.text[0], `offset of ${t.text}`);
  assert.equal(toks.filter((t) => t.lineStart).length, 2);
  assert.equal(toks[0].file, 't.h');
});

test('unterminated literals and stray characters do not throw', () => {
  assert.deepEqual(texts('"abc\n@ ` \\'), ['"abc', '@', '`', '\\']);
  assert.deepEqual(texts('/* never closed'), []);
});
