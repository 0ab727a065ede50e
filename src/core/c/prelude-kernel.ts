import type { AbiName } from '../layout/types';
import { IncludeResolver } from './include';
import { kconfigDefines, type Kconfig } from './kconfig';
import { Preprocessor } from './preprocess';
import { gccModel, kernelDefines } from './prelude-gcc';
import type { Macro, PreprocessResult } from './preprocess-types';

/*
 * The "estimate" basis: with no kernel tree, a hunk is preprocessed against the handful of
 * kernel macros that matter inside struct bodies. The definitions follow Linux 6.12's
 * compiler_types.h, compiler_attributes.h, cache.h, stddef.h, types.h, bitops.h and
 * kconfig.h as GCC 12 sees them (no btf_type_tag, no counted_by, no randstruct plugin).
 * Options are tested when a macro is used, not when the prelude is read, so one prelude
 * serves every configuration.
 */

export const PRELUDE_FILE = '<prelude>';

const COMMON = String.raw`
#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __and(x, y) ___and(x, y)
#define ___and(x, y) ____and(__ARG_PLACEHOLDER_##x, y)
#define ____and(arg1_or_junk, y) __take_second_arg(arg1_or_junk y, 0)
#define __or(x, y) ___or(x, y)
#define ___or(x, y) ____or(__ARG_PLACEHOLDER_##x, y)
#define ____or(arg1_or_junk, y) __take_second_arg(arg1_or_junk 1, y)
#define __is_defined(x) ___is_defined(x)
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) __is_defined(option##_MODULE)
#define IS_REACHABLE(option) __or(IS_BUILTIN(option), __and(IS_MODULE(option), __is_defined(MODULE)))
#define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))

#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __force
#define __nocast
#define __safe
#define __private
#define __bitwise
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __cond_lock(x, c) (c)
#define __attribute_const__ __attribute__((__const__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __aligned_largest __attribute__((__aligned__))
#define __packed __attribute__((__packed__))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __designated_init __attribute__((__designated_init__))
#define __randomize_layout __designated_init
#define __no_randomize_layout
#define randomized_struct_fields_start
#define randomized_struct_fields_end
#define __counted_by(member)
#define __counted_by_le(member)
#define __counted_by_be(member)
#define __nonstring __attribute__((__nonstring__))
#define __read_mostly
#define __ro_after_init
#define __aligned_u64 __u64 __attribute__((aligned(8)))
#define __aligned_be64 __be64 __attribute__((aligned(8)))
#define __aligned_le64 __le64 __attribute__((aligned(8)))

#define BITS_PER_BYTE 8
#define BITS_PER_TYPE(type) (sizeof(type) * BITS_PER_BYTE)
#define __KERNEL_DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define DIV_ROUND_UP __KERNEL_DIV_ROUND_UP
#define BITS_TO_LONGS(nr) __KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(long))
#define BITS_TO_U64(nr) __KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(u64))
#define BITS_TO_U32(nr) __KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(u32))
#define BITS_TO_BYTES(nr) __KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(char))
#define DECLARE_BITMAP(name,bits) unsigned long name[BITS_TO_LONGS(bits)]
#define DECLARE_HASHTABLE(name, bits) struct hlist_head name[1 << (bits)]
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

#define __struct_group_tag(TAG) TAG
#define __struct_group(TAG, NAME, ATTRS, MEMBERS...) union { struct { MEMBERS } ATTRS; struct __struct_group_tag(TAG) { MEMBERS } ATTRS NAME; } ATTRS
#define struct_group(NAME, MEMBERS...) __struct_group(, NAME, , MEMBERS)
#define struct_group_attr(NAME, ATTRS, MEMBERS...) __struct_group(, NAME, ATTRS, MEMBERS)
#define struct_group_tagged(TAG, NAME, MEMBERS...) __struct_group(TAG, NAME, , MEMBERS)
#define __DECLARE_FLEX_ARRAY(TYPE, NAME) struct { struct { } __empty_ ## NAME; TYPE NAME[]; }
#define DECLARE_FLEX_ARRAY(TYPE, NAME) __DECLARE_FLEX_ARRAY(TYPE, NAME)

#define SMP_CACHE_BYTES L1_CACHE_BYTES
#define ____cacheline_aligned __attribute__((__aligned__(SMP_CACHE_BYTES)))
#define __cacheline_aligned __attribute__((__aligned__(SMP_CACHE_BYTES), __section__(".data..cacheline_aligned")))
#define __kpl_if(cond, x) ___kpl_if(cond, x)
#define ___kpl_if(cond, x) ____kpl_if(__ARG_PLACEHOLDER_##cond, x)
#define ____kpl_if(arg1_or_junk, x) __take_second_arg(arg1_or_junk x, )
#define ____cacheline_aligned_in_smp __kpl_if(CONFIG_SMP, ____cacheline_aligned)
#define __cacheline_aligned_in_smp __kpl_if(CONFIG_SMP, __cacheline_aligned)
#define ____cacheline_internodealigned_in_smp __kpl_if(CONFIG_SMP, __attribute__((__aligned__(1 << (INTERNODE_CACHE_SHIFT)))))
#define __cacheline_group_begin(GROUP) __u8 __cacheline_group_begin__##GROUP[0]
#define __cacheline_group_end(GROUP) __u8 __cacheline_group_end__##GROUP[0]
#define __cacheline_group_begin_aligned(GROUP, ...) __cacheline_group_begin(GROUP) __aligned((__VA_ARGS__ + 0) ? : SMP_CACHE_BYTES)
#define __cacheline_group_end_aligned(GROUP, ...) __cacheline_group_end(GROUP) __aligned(sizeof(long)); struct { } __cacheline_group_pad__##GROUP __aligned((__VA_ARGS__ + 0) ? : SMP_CACHE_BYTES)
`;

/** Per-ABI constants the struct macros above refer to (cache line size, word size). */
function abiText(abi: AbiName): string {
  const bits = abi === 'x86_64' || abi === 'arm64' ? 64 : 32;
  // x86 spells these (CONFIG_X86_L1_CACHE_SHIFT) and CONFIG_X86_INTERNODE_CACHE_SHIFT; all four ABIs use 64-byte lines by default.
  const shift = 6;
  return [
    `#define BITS_PER_LONG ${bits}`,
    `#define L1_CACHE_SHIFT (${shift})`,
    '#define L1_CACHE_BYTES (1 << L1_CACHE_SHIFT)',
    `#define INTERNODE_CACHE_SHIFT ${shift}`,
    '',
  ].join('\n');
}

/** The prelude as C text: feed it to the preprocessor before a hunk. */
export function kernelPrelude(abi: AbiName = 'x86_64'): string {
  return abiText(abi) + COMMON;
}

export interface PreludeOptions {
  abi?: AbiName;
  /** CONFIG_ options for the #if lines of the hunk (default: CONFIG_SMP only). */
  config?: Kconfig;
  defines?: readonly [string, string][];
}

const preludeMacros = new Map<string, ReadonlyMap<string, Macro>>();

/** Macro table after the compiler's predefines, the kernel's -D's and the prelude (per ABI). */
function baseMacros(abi: AbiName): ReadonlyMap<string, Macro> {
  let m = preludeMacros.get(abi);
  if (!m) {
    const text = kernelPrelude(abi);
    const resolver = new IncludeResolver({ read: () => undefined }, [], { overlay: new Map([[PRELUDE_FILE, text]]) });
    const pp = new Preprocessor({ resolver, model: gccModel(abi), defines: kernelDefines(abi) });
    pp.run(PRELUDE_FILE);
    m = pp.macros;
    preludeMacros.set(abi, m);
  }
  return m;
}

/**
 * Preprocesses C text with no tree: `#include` lines are reported as missing, kernel struct
 * macros come from the prelude, and `#if` lines see `config` (CONFIG_SMP=y when none is given).
 */
export function preprocessWithPrelude(text: string, file: string, opts: PreludeOptions = {}): PreprocessResult {
  const abi = opts.abi ?? 'x86_64';
  const resolver = new IncludeResolver({ read: () => undefined }, [], { overlay: new Map([[file, text]]) });
  const config = opts.config ? kconfigDefines(opts.config) : [['CONFIG_SMP', '1'] as [string, string]];
  const defines = [...config, ...(opts.defines ?? [])];
  const table = tableWith(abi, defines);
  // Without a table (a definition that does not parse), the run defines them and reports it.
  const pp = new Preprocessor({ resolver, model: gccModel(abi), baseMacros: table ?? baseMacros(abi), defines: table ? undefined : defines });
  return pp.run(file);
}

/** The prelude's table with a scenario's definitions, per ABI and definitions; a few hundred kept. */
const withDefines = new Map<string, ReadonlyMap<string, Macro>>();
const MAX_TABLES = 256;

function tableWith(abi: AbiName, defines: readonly [string, string][]): ReadonlyMap<string, Macro> | undefined {
  const key = `${abi}\0${defines.map(([n, b]) => `${n}=${b}`).join('\0')}`;
  let t = withDefines.get(key);
  if (!t) {
    const pp = new Preprocessor({ resolver: new IncludeResolver({ read: () => undefined }, []), model: gccModel(abi), baseMacros: baseMacros(abi), defines });
    if (pp.diagnostics.length) return undefined;
    t = pp.macros;
    if (withDefines.size >= MAX_TABLES) withDefines.delete(withDefines.keys().next().value as string);
    withDefines.set(key, t);
  }
  return t;
}
