import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex } from '../../src/core/c/lexer';
import { parseDeclarations } from '../../src/core/c/parse';
import { resolveType, typeName, type CType, type RecordDecl, type TranslationUnit } from '../../src/core/c/ctypes';
import { LayoutContext } from '../../src/core/layout';

function parse(src: string): TranslationUnit {
  return parseDeclarations(lex(src, 't.h'));
}

function fields(u: TranslationUnit, tag: string): RecordDecl['fields'] {
  const d = u.structs.get(tag) ?? u.unions.get(tag);
  assert.ok(d?.fields, `${tag} defined`);
  return d.fields;
}

function evalIn(u: TranslationUnit, t: CType, abi: 'x86_64' | 'i386' = 'x86_64'): number {
  return new LayoutContext(u, abi).info(t).size;
}

test('struct, union and enum tags, typedefs and forward references filled in later', () => {
  const u = parse(`
    struct later;
    typedef struct later later_t;
    struct user { later_t *p; struct later l; };
    struct later { int a; };
    union u { int i; float f; };
    enum e { A, B };
  `);
  assert.deepEqual(u.diagnostics, []);
  assert.deepEqual([...u.structs.keys()], ['later', 'user']);
  assert.deepEqual([...u.unions.keys()], ['u']);
  assert.deepEqual([...u.enums.keys()], ['e']);
  const l = fields(u, 'user')![1].type;
  assert.equal(l.kind, 'record');
  const r = resolveType(l);
  assert.equal(r.kind === 'record' ? r.decl.fields?.length : -1, 1, 'the forward-declared struct got its body');
});

test('declarators: pointers, arrays, function pointers, pointer to array, qualifiers', () => {
  const u = parse(`
    struct s {
      const char *const name;
      int *a[3], (*b)[4];
      void (*fn)(struct s *, int);
      int (*(*table)[2])(void);
      unsigned long long grid[2][3];
      volatile int * restrict r;
    };
  `);
  assert.deepEqual(u.diagnostics, []);
  const f = fields(u, 's')!;
  assert.deepEqual(f.map((x) => x.name), ['name', 'a', 'b', 'fn', 'table', 'grid', 'r']);
  assert.deepEqual(f.map((x) => typeName(x.type)), [
    'char *', 'int *[3]', 'int (*)[4]', 'void (*)(struct s *, int)', 'int (*(*)[2])(void)', 'unsigned long long [2][3]', 'int *',
  ]);
  assert.equal(evalIn(u, f[5].type), 48);
});

test('anonymous and nested aggregates, bit-fields including unnamed and zero-width ones', () => {
  const u = parse(`
    struct s {
      union { int x; struct { short lo, hi; }; };
      struct { int a; } named;
      unsigned int f1:3, :0, f2:5;
      int :4;
    };
  `);
  assert.deepEqual(u.diagnostics, []);
  const f = fields(u, 's')!;
  assert.deepEqual(f.map((x) => x.name ?? '<anon>'), ['<anon>', 'named', 'f1', '<anon>', 'f2', '<anon>']);
  assert.equal(f[0].type.kind === 'record' && f[0].type.decl.kind, 'union');
  assert.ok(f[2].bitWidth && f[3].bitWidth && f[5].bitWidth);
});

test('GCC attributes on structs, members, enums and typedefs', () => {
  const u = parse(`
    struct __attribute__((packed)) p1 { char c; int i; };
    struct p2 { char c; int i; } __attribute__((__packed__, __aligned__(8)));
    struct m { int a __attribute__((aligned(16))); char b __attribute__((packed)); __attribute__((aligned(4))) char c; };
    enum __attribute__((packed)) pe { X = 1 };
    typedef int aint __attribute__((aligned(8)));
    struct d { int x; } __attribute__((designated_init, unused));
  `);
  assert.deepEqual(u.diagnostics, []);
  assert.equal(u.structs.get('p1')!.packed, true);
  assert.equal(u.structs.get('p2')!.packed, true);
  assert.equal(u.structs.get('p2')!.aligned?.length, 1);
  const m = fields(u, 'm')!;
  assert.equal(m[0].aligned?.length, 1);
  assert.equal(m[1].packed, true);
  assert.equal(m[2].aligned?.length, 1);
  assert.equal(u.enums.get('pe')!.packed, true);
  const td = u.typedefs.get('aint')!;
  assert.ok(td.kind === 'typedef' && td.aligned);
});

test('file scope: prototypes, inline function bodies, extern objects, _Static_assert and asm are skipped or recorded', () => {
  const u = parse(`
    extern int counter;
    static inline int f(int x) { struct local { int y; } l; return x + l.y; }
    int g(void);
    _Static_assert(sizeof(int) == 4, "int");
    static_assert(1, "x");
    asm(".section foo");
    extern struct ops { int (*open)(void); } default_ops;
    int table[] = { 1, 2, 3 }, after;
    struct after { char c; };
  `);
  assert.deepEqual(u.diagnostics, []);
  assert.ok(u.variables.has('counter') && u.variables.has('default_ops') && u.variables.has('after'));
  assert.ok(!u.variables.has('f') && !u.variables.has('g'));
  assert.ok(u.structs.has('after') && u.structs.has('ops'));
});

test('constant expressions: enum constants, sizeof, casts, ?:, offsetof, sizeof of a member, typeof', () => {
  const u = parse(`
    enum { N = 4, M = N * 2 + 1, BIG = 1UL << 40 };
    struct base { long a; char b[M]; };
    struct s {
      char a[sizeof(struct base)];
      char b[(int)sizeof(long) > 4 ? 2 : 1];
      char c[__builtin_offsetof(struct base, b[3])];
      char d[sizeof(((struct base *)0)->b)];
      typeof(struct base) e;
      __typeof__(((struct base *)0)->a) f;
      char g[__alignof__(long long)];
      char h[BIG >> 38];
      char i[sizeof(int[3]) / sizeof(int)];
      char j['a' - 'a' + 1];
      char k[0x10 | 010];
    };
  `);
  assert.deepEqual(u.diagnostics, []);
  const f = fields(u, 's')!;
  const sizes = f.map((x) => evalIn(u, x.type));
  assert.deepEqual(sizes, [24, 2, 11, 9, 24, 8, 8, 4, 3, 1, 24]);
  assert.deepEqual(f.map((x) => evalIn(u, x.type, 'i386')).slice(0, 4), [16, 1, 7, 9]);
});

test('C types: _Bool, long long, unsigned, __int128, long double, _Atomic, signed char', () => {
  const u = parse(`
    struct s { _Bool b; long long ll; unsigned u; unsigned __int128 q; long double ld; _Atomic long long al; _Atomic(int) ai;
      signed char sc; long int li; short unsigned int sui; long unsigned lu; };
  `);
  assert.deepEqual(u.diagnostics, []);
  assert.deepEqual(fields(u, 's')!.map((x) => typeName(x.type)), [
    '_Bool', 'long long', 'unsigned int', 'unsigned __int128', 'long double', '_Atomic long long', '_Atomic int',
    'signed char', 'long', 'unsigned short', 'unsigned long',
  ]);
});

test('a name used as a type but never declared parses; it is only an error when laid out', () => {
  const u = parse('struct s { mystery_t m; int x; };\nstruct t { mystery_t *p; };');
  assert.deepEqual(u.diagnostics, []);
  const ctx = new LayoutContext(u, 'x86_64');
  assert.throws(() => ctx.record(u.structs.get('s')!), /unknown type 'mystery_t'/);
  assert.equal(ctx.record(u.structs.get('t')!).size, 8);
});

test('a broken declaration becomes a diagnostic, parsing resumes, and the struct refuses to lay out', () => {
  const u = parse('struct bad { int a; int b[; };\nstruct good { int c; };');
  assert.equal(u.diagnostics.length, 1);
  assert.match(u.diagnostics[0].message, /expected an expression/);
  assert.ok(u.structs.get('good')?.fields);
  assert.throws(() => new LayoutContext(u, 'x86_64').record(u.structs.get('bad')!), /struct bad could not be parsed/);
});

test('unbalanced braces are reported, not looped on', () => {
  const u = parse('struct open { int a;');
  assert.ok(u.diagnostics.length >= 1);
  assert.match(u.diagnostics[0].message, /missing '}'|unbalanced/);
});

test('member positions point at their names in the source', () => {
  const src = 'struct s {\n\tint alpha;\n\tchar *beta[2];\n\tunsigned :3;\n};';
  const u = parse(src);
  const f = fields(u, 's')!;
  assert.equal(src.slice(f[0].pos.offset, f[0].pos.offset + 5), 'alpha');
  assert.equal(src.slice(f[1].pos.offset, f[1].pos.offset + 4), 'beta');
  assert.equal(f[0].pos.file, 't.h');
});

test('GCC builtins in constant expressions: __builtin_constant_p, clz/ctz/popcount/ffs, __builtin_expect', () => {
  const u = parse(`
    extern int runtime;
    struct s {
      char a[__builtin_constant_p(4) ? 2 : 1];
      char b[__builtin_constant_p(runtime) ? 2 : 1];
      char c[63 - __builtin_clzll(1024)];
      char d[__builtin_ctz(8) + __builtin_popcount(7) + __builtin_ffs(0)];
      char e[__builtin_expect(5, 1)];
      char f[__builtin_clzl(1)];
    };
  `);
  assert.deepEqual(u.diagnostics, []);
  const f = fields(u, 's')!;
  assert.deepEqual(f.map((x) => evalIn(u, x.type)), [2, 1, 10, 6, 5, 63]);
  assert.equal(evalIn(u, f[5].type, 'i386'), 31);
});

test('an unnamed bit-field of an undeclared type name parses, and its layout names the type', async () => {
  const { lex } = await import('../../src/core/c/lexer');
  const { parseDeclarations } = await import('../../src/core/c/parse');
  const { layoutStruct } = await import('../../src/core/layout');
  const unit = parseDeclarations(lex('struct opts { unsigned int fd; size_t :0; };', '<t>'));
  assert.deepEqual(unit.diagnostics, []);
  assert.equal(unit.structs.get('opts')?.fields?.length, 2);
  assert.throws(() => layoutStruct(unit, 'opts'), /size_t/);
});
