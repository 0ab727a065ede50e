// Kernel macros that appear in struct bodies, for reading a hunk without a kernel tree.
// Definitions follow include/linux/compiler_types.h, kconfig.h, cache.h and types.h of
// v6.12 as a non-sparse, non-randstruct build sees them.
import type { AbiName } from '../layout/types';

const COMMON = `
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
#define __safe
#define __force
#define __nocast
#define __iomem
#define __percpu
#define __rcu
#define __private
#define __bitwise
#define __must_check
#define __data_racy
#define __randomize_layout
#define __no_randomize_layout
#define randomized_struct_fields_start
#define randomized_struct_fields_end
#define __counted_by(member)
#define __counted_by_le(member)
#define __counted_by_be(member)
#define __guarded_by(x)
#define __pt_guarded_by(x)
#define __aligned(x) __attribute__((__aligned__(x)))
#define __aligned_largest __attribute__((__aligned__))
#define __packed __attribute__((__packed__))
#define __attribute_const__ __attribute__((__const__))
#define __read_mostly
#define __ro_after_init
#define L1_CACHE_SHIFT 6
#define L1_CACHE_BYTES (1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES L1_CACHE_BYTES
#define ____cacheline_aligned __attribute__((__aligned__(SMP_CACHE_BYTES)))
#define ____cacheline_aligned_in_smp ____cacheline_aligned
#define __cacheline_aligned ____cacheline_aligned
#define __cacheline_aligned_in_smp __cacheline_aligned
#define __cacheline_group_begin(GROUP) __u8 __cacheline_group_begin__##GROUP[0]
#define __cacheline_group_end(GROUP) __u8 __cacheline_group_end__##GROUP[0]
#define __cacheline_group_begin_aligned(GROUP, ...) __cacheline_group_begin(GROUP) __aligned(SMP_CACHE_BYTES)
#define __cacheline_group_end_aligned(GROUP, ...) __cacheline_group_end(GROUP) __aligned(SMP_CACHE_BYTES)
#define BITS_PER_BYTE 8
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define BITS_TO_LONGS(nr) DIV_ROUND_UP(nr, BITS_PER_BYTE * sizeof(long))
#define BITS_TO_U64(nr) DIV_ROUND_UP(nr, BITS_PER_BYTE * sizeof(u64))
#define BITS_TO_U32(nr) DIV_ROUND_UP(nr, BITS_PER_BYTE * sizeof(u32))
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]
#define DECLARE_HASHTABLE(name, bits) struct hlist_head name[1 << (bits)]
#define DECLARE_FLEX_ARRAY(TYPE, NAME) struct { struct { } __empty_##NAME; TYPE NAME[]; }
#define __DECLARE_FLEX_ARRAY(TYPE, NAME) DECLARE_FLEX_ARRAY(TYPE, NAME)
#define __struct_group(TAG, NAME, ATTRS, MEMBERS...) union { struct { MEMBERS } ATTRS; struct TAG { MEMBERS } ATTRS NAME; } ATTRS
#define struct_group(NAME, MEMBERS...) __struct_group(, NAME, , MEMBERS)
#define struct_group_tagged(TAG, NAME, MEMBERS...) __struct_group(TAG, NAME, , MEMBERS)
#define struct_group_attr(NAME, ATTRS, MEMBERS...) __struct_group(, NAME, ATTRS, MEMBERS)
`;

const PER_ABI: Record<AbiName, string> = {
  x86_64: '#define BITS_PER_LONG 64\n#define __BITS_PER_LONG 64\n',
  arm64: '#define BITS_PER_LONG 64\n#define __BITS_PER_LONG 64\n',
  i386: '#define BITS_PER_LONG 32\n#define __BITS_PER_LONG 32\n',
  arm: '#define BITS_PER_LONG 32\n#define __BITS_PER_LONG 32\n',
};

export function kernelMacros(abi: AbiName): string {
  return COMMON + PER_ABI[abi];
}
