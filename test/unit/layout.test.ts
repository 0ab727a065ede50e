/*
 * Layout engine unit tests. Figures for x86_64 and i386 were read from gcc 12 (gcc and
 * gcc -m32) when the tests were written; the GCC oracle (test/oracle/gcc-layout.test.ts)
 * re-checks thousands of random structs against gcc at test time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex } from '../../src/core/c/lexer';
import { parseDeclarations } from '../../src/core/c/parse';
import { LayoutContext, LayoutError, layoutStruct, type AbiName, type StructLayout } from '../../src/core/layout';
import { formatLayoutText, layoutToJson, LAYOUT_SCHEMA, declParts, declText } from '../../src/core/layout/format';

const SRC = `
struct a { char c; int x:3; int :0; char d; };
struct b { char c; long long ll; };
struct c { char c; long double ld; };
struct d { char c; int :0; char e; };
struct e { char c; long long :0; char e; };
struct f { unsigned a:31; unsigned b:2; };
struct g { unsigned short a:9; unsigned short b:9; };
struct __attribute__((packed)) h { char c; int i; short s:3; long long l:50; };
struct i { char c; int x __attribute__((aligned(16))); };
struct j { char c; struct __attribute__((packed, aligned(2))) { int v; } s; };
union k { char c[5]; int i:3; short s; };
struct l { char c; int a[]; };
struct m { char c:1; long long x:60; };
`;

function size(name: string, abi: AbiName): [number, number] {
  const l = layoutStruct(parseDeclarations(lex(SRC, 't.h')), name, abi);
  return [l.size, l.align];
}

test('sizes and alignments as gcc gives them, x86_64 and i386', () => {
  const x86_64: Record<string, [number, number]> = {
    a: [8, 4], b: [16, 8], c: [32, 16], d: [5, 1], e: [9, 1], f: [8, 4], g: [4, 2], h: [12, 1], i: [32, 16], j: [6, 2], 'union k': [8, 4], l: [4, 4], m: [8, 8],
  };
  const i386: Record<string, [number, number]> = {
    a: [8, 4], b: [12, 4], c: [16, 4], d: [5, 1], e: [5, 1], f: [8, 4], g: [4, 2], h: [12, 1], i: [32, 16], j: [6, 2], 'union k': [8, 4], l: [4, 4], m: [8, 4],
  };
  for (const [n, v] of Object.entries(x86_64)) assert.deepEqual(size(n, 'x86_64'), v, `x86_64 ${n}`);
  for (const [n, v] of Object.entries(i386)) assert.deepEqual(size(n, 'i386'), v, `i386 ${n}`);
});

test('ABI models: base types on arm64 and arm (EABI: 8-byte long long and double, 8-byte long double)', () => {
  const u = parseDeclarations(lex('struct s { char c; long long ll; double d; long double ld; long l; void *p; };', 't.h'));
  const offs = (abi: AbiName): number[] => layoutStruct(u, 's', abi).members.map((m) => m.offset);
  assert.deepEqual(offs('arm64'), [0, 8, 16, 32, 48, 56]);
  assert.deepEqual(offs('arm'), [0, 8, 16, 24, 32, 36]);
  assert.equal(layoutStruct(u, 's', 'arm').size, 40);
  assert.equal(layoutStruct(u, 's', 'arm64').size, 64);
});

test('arm (AAPCS): unnamed bit-fields raise the struct alignment, on x86 they do not', () => {
  const u = parseDeclarations(lex('struct s { char c; int :4; };', 't.h'));
  assert.equal(layoutStruct(u, 's', 'x86_64').size, 2);
  assert.equal(layoutStruct(u, 's', 'arm').size, 4);
});

test('enums: int-sized unless packed or the values need more', () => {
  const u = parseDeclarations(lex(`
    enum small { A = 1 };
    enum __attribute__((packed)) p1 { B = 255 };
    enum __attribute__((packed)) p2 { C = -1, D = 200 };
    enum big { E = 0x100000000 };
    struct s { enum small a; enum p1 b; enum p2 c; enum big d; };`, 't.h'));
  assert.deepEqual(layoutStruct(u, 's').members.map((m) => [m.offset, m.size]), [[0, 4], [4, 1], [6, 2], [8, 8]]);
  assert.deepEqual(layoutStruct(u, 's', 'i386').members.map((m) => [m.offset, m.size]), [[0, 4], [4, 1], [6, 2], [8, 8]]);
});

test('members of anonymous and inline aggregates are listed with outer offsets and depth', () => {
  const u = parseDeclarations(lex(`
    typedef struct { int counter; } atomic_t;
    struct s { int a; union { long l; struct { short x, y; }; }; struct { char p; } named; atomic_t cnt; };`, 't.h'));
  const l = layoutStruct(u, 's');
  assert.deepEqual(l.members.map((m) => [m.name, m.offset, m.size, m.depth, m.aggregate ?? '']), [
    ['a', 0, 4, 0, ''],
    ['', 8, 8, 0, 'union'],
    ['l', 8, 8, 1, ''],
    ['', 8, 4, 1, 'struct'],
    ['x', 8, 2, 2, ''],
    ['y', 10, 2, 2, ''],
    ['named', 16, 1, 0, 'struct'],
    ['named.p', 16, 1, 1, ''],
    ['cnt', 20, 4, 0, ''],
  ]);
  assert.deepEqual(l.holes.map((h) => [h.offset, h.size, h.after]), [[4, 4, 'a'], [17, 3, 'named']]);
  assert.equal(l.padding, 0);
});

test('holes, bit holes, trailing padding and cachelines', () => {
  const u = parseDeclarations(lex(`
    struct s { char a; unsigned f:3; unsigned g:2; long b; char big[60]; int cross; char tail; };`, 't.h'));
  const l: StructLayout = layoutStruct(u, 's');
  const g = l.members.find((m) => m.name === 'g')!;
  assert.deepEqual([g.bitOffset, g.bitSize], [11, 2]);
  assert.deepEqual(l.holes.map((h) => [h.offset, h.size, h.bitOffset, h.bits, h.after]), [[1, 0, 13, 51, 'g']]);
  assert.equal(l.size, 88);
  assert.equal(l.padding, 7);
  assert.equal(l.cachelines, 2);
  assert.deepEqual(l.members.filter((m) => m.crossesCacheline).map((m) => m.name), ['big']);
});

test('packed and aligned interact as in gcc: aligned on a packed member wins, packed beats the type alignment', () => {
  const u = parseDeclarations(lex(`
    typedef struct { long v; } __attribute__((aligned(16))) a16;
    struct p { char c; a16 x; } __attribute__((packed));
    struct q { char c; int x __attribute__((packed, aligned(2))); };
    struct r { char c; int x; } __attribute__((packed, aligned(4)));`, 't.h'));
  assert.deepEqual([layoutStruct(u, 'p').size, layoutStruct(u, 'p').members[1].offset], [17, 1]);
  assert.deepEqual([layoutStruct(u, 'q').size, layoutStruct(u, 'q').members[1].offset], [6, 2]);
  assert.deepEqual([layoutStruct(u, 'r').size, layoutStruct(u, 'r').align], [8, 4]);
});

test('errors name what is missing instead of giving a number', () => {
  const u = parseDeclarations(lex(`
    struct fwd;
    struct s1 { struct fwd f; };
    struct s2 { undeclared_t u; };
    struct s3 { char a[N_UNKNOWN]; };
    struct s4 { int :40; };`, 't.h'));
  assert.throws(() => layoutStruct(u, 's1'), /incomplete type 'struct fwd'/);
  assert.throws(() => layoutStruct(u, 's2'), /unknown type 'undeclared_t'/);
  assert.throws(() => layoutStruct(u, 's3'), /unknown identifier 'N_UNKNOWN'/);
  assert.throws(() => layoutStruct(u, 's4'), /width 40 .* exceeds its type/);
  assert.throws(() => layoutStruct(u, 'nothere'), (e: unknown) => e instanceof LayoutError && /struct nothere is not declared/.test(e.message));
  assert.throws(() => layoutStruct(parseDeclarations(lex('struct x { __int128 q; };', 't.h')), 'x', 'i386'), /'__int128' is not supported on i386/);
});

test('typedef names, struct/union prefixes and typedefs of structs are accepted as names', () => {
  const u = parseDeclarations(lex('typedef struct { int a; } foo_t; union u { int i; }; struct u { char c; };', 't.h'));
  assert.equal(layoutStruct(u, 'foo_t').size, 4);
  assert.equal(layoutStruct(u, 'union u').kind, 'union');
  assert.equal(layoutStruct(u, 'struct u').size, 1);
});

test('one context lays out many structs and reuses what it computed', () => {
  const u = parseDeclarations(lex('struct inner { long a[4]; }; struct o1 { struct inner i; }; struct o2 { struct inner i[2]; };', 't.h'));
  const ctx = new LayoutContext(u, 'x86_64');
  assert.equal(layoutStruct(u, 'o1', 'x86_64', ctx).size, 32);
  assert.equal(layoutStruct(u, 'o2', 'x86_64', ctx).size, 64);
});

test('JSON output carries the schema and the documented fields', () => {
  const u = parseDeclarations(lex('struct s { char a; int b:3; long c; };', 't.h'));
  const j = layoutToJson(layoutStruct(u, 's'), 'source');
  assert.equal(j.schema, LAYOUT_SCHEMA);
  assert.deepEqual([j.name, j.size, j.align, j.padding, j.cachelines, j.basis], ['s', 16, 8, 0, 1, 'source']);
  assert.deepEqual(j.members[1], { name: 'b', type: 'int', offset: 1, size: 4, depth: 0, bitOffset: 8, bitSize: 3 });
  assert.deepEqual(j.holes, [{ offset: 1, size: 0, bitOffset: 11, bits: 53, after: 'b' }]);
});

test('text output reads like pahole: offsets, holes, cacheline markers, summary', () => {
  const u = parseDeclarations(lex('struct s { char a; long b; char pad[60]; void (*fn)(int); union { int x; char y; }; };', 't.h'));
  const text = formatLayoutText(layoutStruct(u, 's'));
  assert.match(text, /^struct s \{\n/);
  assert.match(text, /\n\tchar {23}a; {20}\/\* {5}0 {5}1 \*\/\n/);
  assert.match(text, /\/\* XXX 7 bytes hole, try to pack \*\//);
  assert.match(text, /\/\* --- cacheline 1 boundary \(64 bytes\) was 16 bytes ago --- \*\//);
  assert.match(text, /\tvoid {23}\(\*fn\)\(int\); +\/\* +80 +8 \*\//);
  assert.match(text, /\tunion \{\n\t\tint {16}x;/);
  assert.match(text, /\/\* size: 96, cachelines: 2, members: 5 \*\//);
  assert.match(text, /\/\* padding: 4 \*\//);
  assert.match(text, /\n\};\n$/);
});

test('declText puts names where C does; declParts splits type and name columns as pahole does', () => {
  assert.deepEqual(declParts('void (*)(int)', 'fn'), ['void', '(*fn)(int)']);
  assert.deepEqual(declParts('char [20]', 'name'), ['char', 'name[20]']);
  assert.deepEqual(declParts('struct inode *', 'i'), ['struct inode *', 'i']);
  assert.equal(declText('char [20]', 'name'), 'char name[20]');
  assert.equal(declText('void (*)(int)', 'fn'), 'void (*fn)(int)');
  assert.equal(declText('struct inode *', 'i'), 'struct inode *i');
  assert.equal(declText('int [2][3]', 'g'), 'int g[2][3]');
});

test('attributes that change layouts: mode() is modelled, vector_size and randomize_layout are refused by name', () => {
  const u = parseDeclarations(lex(`
    typedef unsigned int UDItype __attribute__((mode(DI)));
    typedef int QItype __attribute__((__mode__(__QI__)));
    struct m { QItype q; UDItype d; };
    typedef int v4si __attribute__((vector_size(16)));
    struct v { char c; v4si v; };
    struct r { void (*a)(void); int b; } __attribute__((randomize_layout));
    struct ok { struct r *p; };`, 't.h'));
  assert.deepEqual(u.diagnostics, []);
  const m = layoutStruct(u, 'm');
  assert.deepEqual([m.size, m.members[0].size, m.members[1].offset], [16, 1, 8]);
  assert.throws(() => layoutStruct(u, 'v'), /vector_size is not modelled/);
  assert.throws(() => layoutStruct(u, 'r'), /struct r is __randomize_layout .* random seed/);
  assert.equal(layoutStruct(u, 'ok').size, 8);
});

test('text summary counts the outer struct as pahole does: bytes of direct members, bit-fields in bits', () => {
  const u = parseDeclarations(lex('struct s { char a; unsigned f:3; unsigned g:2; long b; struct { char x; int y; } in; };', 't.h'));
  const text = formatLayoutText(layoutStruct(u, 's'));
  assert.match(text, /\/\* XXX 51 bits hole, try to pack \*\//);
  assert.match(text, /\/\* XXX 3 bytes hole, try to pack \*\//, 'the nested hole is shown');
  assert.match(text, /\/\* sum members: 17 \*\/\n/, 'direct members only; the nested hole is not a hole of s');
  assert.match(text, /\/\* sum bitfield members: 5 bits, bit holes: 1, sum bit holes: 51 bits \*\//);
});
