import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncludeResolver } from '../../src/core/c/include';
import { preprocess, type PreprocessOptions } from '../../src/core/c/preprocess';
import type { CompilerModel, PreprocessResult } from '../../src/core/c/preprocess-types';

const model: CompilerModel = { defines: [['__GNUC__', '12']], attributes: new Set(['aligned', 'packed']), builtins: new Set(['__builtin_expect']) };

function run(files: Record<string, string>, opts: Partial<PreprocessOptions> = {}, entry = 'main.c'): PreprocessResult {
  const tree = { read: (p: string) => files[p] };
  return preprocess(entry, { resolver: new IncludeResolver(tree, ['inc']), model, ...opts });
}
const text = (r: PreprocessResult): string => r.tokens.map((t) => t.text).join(' ');
const pp = (src: string, opts: Partial<PreprocessOptions> = {}): string => text(run({ 'main.c': src }, opts));

test('object- and function-like macros, rescanning, self reference', () => {
  assert.equal(pp('#define A B\n#define B A 1\nA B'), 'A 1 B 1');
  assert.equal(pp('#define F(x) (x+1)\n#define G F\nG(2) F (3) F'), '( 2 + 1 ) ( 3 + 1 ) F');
  assert.equal(pp('#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)'), '2 * 9 * g');
});

test('C11 6.10.3.5 example 3', () => {
  const src = [
    '#define x 3', '#define f(a) f(x * (a))', '#undef x', '#define x 2', '#define g f', '#define z z[0]',
    '#define h g(~', '#define m(a) a(w)', '#define w 0,1', '#define t(a) a', '#define p() int', '#define q(x) x',
    '#define r(x,y) x ## y', '#define str(x) # x',
    'f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);',
    'g(x+(3,4)-w) | h 5) & m',
    '(f)^m(m);',
    'p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };',
    'char c[2][6] = { str(hello), str() };',
  ].join('\n');
  assert.equal(pp(src), [
    'f ( 2 * ( y + 1 ) ) + f ( 2 * ( f ( 2 * ( z [ 0 ] ) ) ) ) % f ( 2 * ( 0 ) ) + t ( 1 ) ;',
    'f ( 2 * ( 2 + ( 3 , 4 ) - 0 , 1 ) ) | f ( 2 * ( ~ 5 ) ) & f ( 2 * ( 0 , 1 ) ) ^ m ( 0 , 1 ) ;',
    'int i [ ] = { 1 , 23 , 4 , 5 , } ;',
    'char c [ 2 ] [ 6 ] = { "hello" , "" } ;',
  ].join(' '));
});

test('stringify, paste, variadics, GNU comma and __VA_OPT__', () => {
  assert.equal(pp('#define s(x) #x\ns( a  "b\\n"  c )'), '"a \\"b\\\\n\\" c"');
  assert.equal(pp('#define cat(a,b) a##b\ncat(foo,bar) cat(1,2) cat(,x) cat(x,)'), 'foobar 12 x x');
  assert.equal(pp('#define p(fmt, ...) f(fmt, ##__VA_ARGS__)\np(1) p(1,2,3)'), 'f ( 1 ) f ( 1 , 2 , 3 )');
  assert.equal(pp('#define v(a, args...) g(a, args)\nv(1, 2, 3)'), 'g ( 1 , 2 , 3 )');
  assert.equal(pp('#define o(a, ...) h(a __VA_OPT__(,) __VA_ARGS__)\no(1) o(1,2)'), 'h ( 1 ) h ( 1 , 2 )');
});

test('kernel IS_ENABLED / __is_defined trick evaluates through the macros themselves', () => {
  const kconfig = [
    '#define __ARG_PLACEHOLDER_1 0,',
    '#define __take_second_arg(__ignored, val, ...) val',
    '#define __is_defined(x) ___is_defined(x)',
    '#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)',
    '#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)',
    '#define IS_BUILTIN(option) __is_defined(option)',
    '#define IS_MODULE(option) __is_defined(option##_MODULE)',
    '#define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))',
    '#define __or(x, y) ___or(x, y)',
    '#define ___or(x, y) ____or(__ARG_PLACEHOLDER_##x, y)',
    '#define ____or(arg1_or_junk, y) __take_second_arg(arg1_or_junk 1, y)',
  ].join('\n');
  const src = `${kconfig}\n#if IS_ENABLED(CONFIG_A)\na\n#endif\n#if IS_ENABLED(CONFIG_B)\nb\n#endif\n#if IS_BUILTIN(CONFIG_B)\nbb\n#endif\n#if IS_ENABLED(CONFIG_C)\nc\n#endif\nx IS_ENABLED(CONFIG_A)`;
  assert.equal(pp(src, { defines: [['CONFIG_A', '1'], ['CONFIG_B_MODULE', '1']] }), 'a b x 1');
});

test('#if arithmetic: unsigned, shifts, ternary, defined, __has_attribute', () => {
  const src = [
    '#define BITS_PER_LONG 64',
    '#if BITS_PER_LONG == 64 && -1 > 0u\nA\n#endif',
    '#if (1 << 63) < 0 && !defined(NOPE) && defined BITS_PER_LONG\nB\n#endif',
    '#if 0x10 % 3 == 1 ? 0 : 1\nC\n#elif __has_attribute(__aligned__) && !__has_attribute(nonesuch)\nD\n#else\nE\n#endif',
    "#if 'a' == 97 && __has_builtin(__builtin_expect) && __GNUC__ >= 12\nF\n#endif",
  ].join('\n');
  assert.equal(pp(src), 'A B D F');
});

test('includes: guards, #pragma once, quoted then search path, include_next', () => {
  const r = run({
    'main.c': '#include "a.h"\n#include "a.h"\n#include <b.h>\n#include <b.h>\n#include <n.h>\nend',
    'a.h': '#ifndef A_H\n#define A_H\nin_a\n#endif\n',
    'inc/b.h': '#pragma once\nin_b',
    'inc/n.h': 'n1\n#include_next <n.h>',
    'inc2/n.h': 'n2',
  }, { resolver: new IncludeResolver({ read: (p) => ({ 'main.c': '#include "a.h"\n#include "a.h"\n#include <b.h>\n#include <b.h>\n#include <n.h>\nend', 'a.h': '#ifndef A_H\n#define A_H\nin_a\n#endif\n', 'inc/b.h': '#pragma once\nin_b', 'inc/n.h': 'n1\n#include_next <n.h>', 'inc2/n.h': 'n2' } as Record<string, string>)[p] }, ['inc', 'inc2']) });
  assert.equal(text(r), 'in_a in_b n1 n2 end');
  assert.deepEqual(r.files, ['main.c', 'a.h', 'inc/b.h', 'inc/n.h', 'inc2/n.h']);
  assert.deepEqual(r.diagnostics, []);
});

test('expanded tokens point at the macro use; arguments keep their own place', () => {
  const src = '#define DECL(n) long n[2]\nstruct s { DECL(field); };';
  const r = run({ 'main.c': src });
  const use = src.indexOf('DECL(field)');
  const long = r.tokens.find((t) => t.text === 'long');
  assert.equal(long?.offset, use);
  assert.equal(long?.macro, 'DECL');
  assert.equal(r.tokens.find((t) => t.text === 'field')?.offset, src.indexOf('field'));
  assert.equal(r.tokens.find((t) => t.text === 'struct')?.macro, undefined);
});

test('guarded regions name the conditions around a line, taken or not', () => {
  const src = '#ifdef CONFIG_X\n#if defined(CONFIG_Y)\nint y;\n#else\nint ny;\n#endif\n#elif IS_ENABLED(CONFIG_Z)\nint z;\n#endif\nint all;';
  const r = run({ 'main.c': src }, { defines: [['CONFIG_X', '1']] });
  assert.equal(text(r), 'int ny ; int all ;');
  const at = (needle: string) => r.regions.filter((g) => g.file === 'main.c' && g.start <= src.indexOf(needle) && src.indexOf(needle) < g.end);
  assert.deepEqual(at('int y').map((g) => [g.directive, g.condition.map((t) => t.text).join(' '), g.taken]), [['ifdef', 'CONFIG_X', true], ['if', 'defined ( CONFIG_Y )', false]]);
  const ny = at('int ny');
  assert.equal(ny[1].directive, 'else');
  assert.equal(r.regions[ny[1].previous[0]].directive, 'if');
  assert.deepEqual(at('int z').map((g) => [g.directive, g.taken]), [['elif', false]]);
  assert.deepEqual(at('int all'), []);
});

test('bad input gives diagnostics, not exceptions', () => {
  const r = run({ 'main.c': '#include <missing/file.h>\n#if UNKNOWN_MACRO + 1\na\n#endif\n#if 1 +\nb\n#endif\n#endif\n#define F(x) x\nF(1\n#if 1\nopen' });
  const msgs = r.diagnostics.map((d) => `${d.level}: ${d.message}`);
  assert.ok(msgs.some((m) => m.startsWith('error: cannot find include file <missing/file.h>')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.includes('"UNKNOWN_MACRO" is not defined; taken as 0')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.startsWith('error: bad #if expression')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.includes('#endif without #if')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.includes('unterminated argument list invoking macro "F"')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.includes('unterminated #if')), msgs.join('\n'));
  assert.equal(text(r), 'a F');
});

test('skipFunctionBodies empties function definitions, keeps structs, initialisers and attributes', () => {
  const src = '#define M(x) x+1\nstruct s __attribute__((aligned(8))) { int a; };\nstatic inline int f(int x) { return M(x) + ({ 1; }); }\nstruct t { int b; } __attribute__((packed));\nint v[] = { M(2) };\nint (*g(void))(int) { return 0; }';
  const r = run({ 'main.c': src }, { skipFunctionBodies: true });
  assert.equal(text(r), 'struct s __attribute__ ( ( aligned ( 8 ) ) ) { int a ; } ; static inline int f ( int x ) { } struct t { int b ; } __attribute__ ( ( packed ) ) ; int v [ ] = { 2 + 1 } ; int ( * g ( void ) ) ( int ) { }');
});

test('conditionsAt / guardingOptions / branchCondition over recorded regions', async () => {
  const { conditionsAt, guardingOptions, branchCondition } = await import('../../src/core/c/preprocess-regions');
  const src = '#ifdef CONFIG_A\n#if IS_ENABLED(CONFIG_B) && CONFIG_NR > 4\nint b;\n#elif defined(CONFIG_C_MODULE)\nint c;\n#else\nint d;\n#endif\n#endif\nint e;';
  const r = run({ 'main.c': src }, { defines: [['CONFIG_A', '1']] });
  assert.deepEqual(guardingOptions(r.regions, 'main.c', src.indexOf('int d')), ['CONFIG_A', 'CONFIG_B', 'CONFIG_NR', 'CONFIG_C']);
  assert.deepEqual(guardingOptions(r.regions, 'main.c', src.indexOf('int e')), []);
  const at = conditionsAt(r.regions, 'main.c', src.indexOf('int c'));
  assert.equal(branchCondition(r.regions, at[0]), 'defined(CONFIG_A)');
  assert.equal(branchCondition(r.regions, at[1]), '!(IS_ENABLED ( CONFIG_B ) && CONFIG_NR > 4) && (defined ( CONFIG_C_MODULE ))');
  assert.equal(branchCondition(r.regions, conditionsAt(r.regions, 'main.c', src.indexOf('int d'))[1]).split('&&').length, 3);
  assert.deepEqual(at.map((g) => g.taken), [true, false]);
});

test('hostile input: exponential macros and self-inclusion end with a message', () => {
  const defs = Array.from({ length: 40 }, (_, i) => `#define M${i} M${i + 1} M${i + 1}`).join('\n');
  const r = run({ 'main.c': `${defs}\nM0\nafter` }, { expansionLimit: 100_000 });
  assert.ok(r.diagnostics.some((d) => d.level === 'error' && d.message.startsWith('macro expansion limit reached')), r.diagnostics.map((d) => d.message).join('\n'));
  const self = run({ 'main.c': '#include "main.c"\nx' });
  assert.ok(self.diagnostics.some((d) => d.message.includes('nested too deeply')));
  assert.equal(self.tokens.length, 200);
});

test('random input never throws (fast-check)', async () => {
  const fc = await import('fast-check');
  const pieces = ['#', '#define ', '#if ', '#elif ', '#else', '#endif', '#include ', '#undef ', '\n', '\\\n', '(', ')', ',', '##', '...',
    '__VA_ARGS__', '__VA_OPT__', 'defined', 'F', 'G', 'x', '1', '0x', '"s', "'", '/*', '*/', '//', '<', '>', ' ', '__has_attribute(', '_Pragma'];
  fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 80 }), (parts) => {
    const src = parts.join('');
    const r = run({ 'main.c': src, 'inc/x.h': src }, { expansionLimit: 100_000 });
    assert.ok(Array.isArray(r.tokens));
  }), { numRuns: 2000 });
});
