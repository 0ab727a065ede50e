/*
 * Captures what GCC predefines for a kernel build (its -dM output under the kernel's own
 * flags) and which attributes/builtins it reports through __has_attribute/__has_builtin,
 * and writes src/core/c/prelude-gcc-data.ts. Run on a machine with linux-headers installed:
 *   node --import tsx test/oracle/kbuild-model.ts
 * The oracle test kernel-model.test.ts checks the checked-in file against the compiler.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { installedKernelHeaders, kbuildCommand, type KernelHeaders } from './kbuild';

/** Attributes and builtins asked about beyond those the installed headers test. */
const EXTRA_ATTRIBUTES = ['aligned', 'packed', 'section', 'unused', 'used', 'noreturn', 'always_inline', 'noinline', 'cold', 'hot',
  'const', 'pure', 'format', 'weak', 'alias', 'visibility', 'malloc', 'alloc_size', 'mode', 'deprecated', 'may_alias', 'nonnull',
  'warn_unused_result', 'designated_init', 'randomize_layout', 'no_randomize_layout', 'counted_by', 'nonstring', 'fallthrough',
  'access', 'cleanup', 'constructor', 'destructor', 'gnu_inline', 'naked', 'no_instrument_function', 'noclone', 'optimize',
  'sentinel', 'transparent_union', 'vector_size', 'btf_decl_tag', 'btf_type_tag', 'assume_aligned', 'copy', 'error', 'warning',
  'externally_visible', 'no_sanitize_address', 'no_address_safety_analysis', 'no_sanitize', 'fentry_name', 'patchable_function_entry',
  'zero_call_used_regs', 'function_return', 'indirect_branch', 'nocf_check', 'noipa', 'retain', 'uninitialized', 'no_stack_protector',
  'no_profile_instrument_function', 'no_sanitize_coverage', 'no_sanitize_thread', 'no_sanitize_undefined', 'overloadable',
  'pass_object_size', 'pass_dynamic_object_size', 'preserve_most', 'diagnose_as_builtin', 'disable_sanitizer_instrumentation',
  'no_caller_saved_registers', 'flatten', 'leaf', 'returns_nonnull', 'returns_twice', 'scalar_storage_order', 'tls_model',
  'target', 'ifunc', 'symver', 'unavailable', 'strict_flex_array', 'hardbool', 'null_terminated_string_arg', 'nothrow'];
const EXTRA_BUILTINS = ['__builtin_expect', '__builtin_constant_p', '__builtin_offsetof', '__builtin_types_compatible_p',
  '__builtin_choose_expr', '__builtin_unreachable', '__builtin_trap', '__builtin_object_size', '__builtin_dynamic_object_size',
  '__builtin_add_overflow', '__builtin_sub_overflow', '__builtin_mul_overflow', '__builtin_clz', '__builtin_ctz', '__builtin_ffs',
  '__builtin_popcount', '__builtin_bswap16', '__builtin_bswap32', '__builtin_bswap64', '__builtin_memcpy', '__builtin_memset',
  '__builtin_strlen', '__builtin_alloca_uninitialized', '__builtin_has_attribute', '__builtin_isdigit', '__builtin_assume_aligned',
  '__builtin_va_arg', '__builtin_frame_address', '__builtin_return_address', '__builtin_prefetch', '__builtin_counted_by_ref',
  '__builtin_preserve_access_index', '__builtin_classify_type'];

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (name.endsWith('.h')) out.push(p);
  }
}

function askedNames(trees: string[], op: string): Set<string> {
  const names = new Set<string>();
  const re = new RegExp(`${op}\\(\\s*(\\w+)\\s*\\)`, 'g');
  for (const t of trees) {
    const files: string[] = [];
    walk(path.join(t, 'include'), files);
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(re)) if (m[1] !== 'x') names.add(m[1]);
  }
  return names;
}

/** Flags of the kernel's gcc command that change predefined macros (no includes, warnings or outputs). */
export function predefFlags(cmd: string[]): { gcc: string; flags: string[] } {
  const flags: string[] = [];
  for (let i = 1; i < cmd.length; i++) {
    const a = cmd[i];
    if (a === '-include' || a === '-o' || a === '-I') { i++; continue; }
    if (/^-(I|W|D|MD|MMD|S$|c$|fmacro-prefix-map|fverbose-asm)/.test(a) || !a.startsWith('-')) continue;
    flags.push(a);
  }
  return { gcc: cmd[0], flags };
}

export function gccPredefines(gcc: string, flags: string[]): [string, string][] {
  const out = execFileSync(gcc, [...flags, '-dM', '-E', '-x', 'c', '/dev/null'], { encoding: 'utf8' });
  const defs: [string, string][] = [];
  for (const line of out.split('\n')) {
    const m = /^#define (\S+)(?: (.*))?$/.exec(line);
    if (m) defs.push([m[1], m[2] ?? '']);
  }
  return defs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function gccSupports(gcc: string, flags: string[], op: '__has_attribute' | '__has_builtin', names: Iterable<string>): string[] {
  const list = [...new Set(names)].sort();
  const src = list.map((n, i) => `#if ${op}(${n})\nyes_${i}\n#endif\n`).join('');
  const out = execFileSync(gcc, [...flags, '-E', '-P', '-x', 'c', '-'], { input: src, encoding: 'utf8' });
  const yes = new Set([...out.matchAll(/yes_(\d+)/g)].map((m) => Number(m[1])));
  // GCC answers for `x` and `__x__` alike; keep the bare spelling.
  return list.filter((_, i) => yes.has(i)).map((n) => (op === '__has_attribute' ? n.replace(/^__(.+)__$/, '$1') : n));
}

export interface CapturedModel {
  gccVersion: string;
  x86_64: [string, string][];
  i386: [string, string][];
  attributes: string[];
  builtins: string[];
}

export function captureModel(h: KernelHeaders, all: KernelHeaders[]): CapturedModel {
  const { gcc, flags } = predefFlags(kbuildCommand(h));
  const x86_64 = gccPredefines(gcc, flags);
  const flags32 = flags.filter((f) => !/^-m(64|cmodel=|no-red-zone|indirect-branch|function-return|skip-rax|harden)/.test(f) && !/^-mno-(80387|fp-ret)/.test(f));
  const i386 = gccPredefines(gcc, ['-m32', '-msoft-float', '-mregparm=3', '-freg-struct-return', '-march=i686', ...flags32]);
  const trees = [...new Set(all.map((k) => k.srctree))];
  const attrs = gccSupports(gcc, flags, '__has_attribute', [...askedNames(trees, '__has_attribute'), ...EXTRA_ATTRIBUTES]);
  const builtins = gccSupports(gcc, flags, '__has_builtin', [...askedNames(trees, '__has_builtin'), ...EXTRA_BUILTINS]);
  const version = x86_64.find(([n]) => n === '__VERSION__')?.[1].replace(/"/g, '') ?? '';
  return { gccVersion: version, x86_64, i386, attributes: [...new Set(attrs)].sort(), builtins };
}

function render(m: CapturedModel, h: KernelHeaders): string {
  const pairs = (d: [string, string][]): string => d.map(([n, b]) => `  [${JSON.stringify(n)}, ${JSON.stringify(b)}],`).join('\n');
  return `/* Generated by test/oracle/kbuild-model.ts from ${m.gccVersion} with the kernel flags of ${h.release}. Do not edit. */

export const GCC_VERSION = ${JSON.stringify(m.gccVersion)};

/** \`gcc -dM -E\` under the kernel's x86_64 flags. */
export const GCC_X86_64_PREDEFINES: [string, string][] = [
${pairs(m.x86_64)}
];

/** The same for -m32 with the i386 kernel's main flags. */
export const GCC_I386_PREDEFINES: [string, string][] = [
${pairs(m.i386)}
];

/** Attributes (bare spelling) for which __has_attribute is true. */
export const GCC_ATTRIBUTES: string[] = ${JSON.stringify(m.attributes)};

/** Builtins for which __has_builtin is true. */
export const GCC_BUILTINS: string[] = ${JSON.stringify(m.builtins)};
`;
}

if (require.main === module) {
  const all = installedKernelHeaders();
  const h = all.find((k) => /^6\.12.*-amd64$/.test(k.release) && !/cloud|rt/.test(k.release)) ?? all[0];
  if (!h) throw new Error('no linux-headers package installed');
  const m = captureModel(h, all);
  const out = path.resolve(__dirname, '../../src/core/c/prelude-gcc-data.ts');
  writeFileSync(out, render(m, h));
  console.log(`wrote ${out}: ${m.x86_64.length} x86_64 and ${m.i386.length} i386 predefines, ${m.attributes.length} attributes, ${m.builtins.length} builtins`);
}
