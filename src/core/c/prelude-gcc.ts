import type { AbiName } from '../layout/types';
import { GCC_ATTRIBUTES, GCC_BUILTINS, GCC_I386_PREDEFINES, GCC_X86_64_PREDEFINES } from './prelude-gcc-data';
import type { CompilerModel } from './preprocess-types';

/*
 * The compiler the kernel is built with, as the preprocessor sees it: GCC's predefined
 * macros under the kernel's flags (captured from GCC 12 for x86; derived for arm, which
 * has no cross compiler here) and its answers to __has_attribute/__has_builtin.
 */

const X86_ONLY = /^__(x86_64|amd64|i386|i[3-6]86|k8|code_model_|SEG_|SSE|MMX|CET__|ATOMIC_HLE|GCC_ASM_FLAG|SIZEOF_FLOAT80|SIZEOF_FLOAT128|tune_|pentium|k6|athlon|FXSR|SIZEOF_INT128|LAHF|PRFCHW|SOFTFLOAT|BMI|POPCNT|CMPXCHG16B|FLT_EVAL)/;

function derive(base: [string, string][], add: [string, string][], overrides: Record<string, string>): [string, string][] {
  const out = base.filter(([n]) => !X86_ONLY.test(n) && !(n in overrides)).concat(add);
  for (const [n, v] of Object.entries(overrides)) out.push([n, v]);
  return out;
}

function predefines(abi: AbiName): [string, string][] {
  switch (abi) {
    case 'x86_64': return GCC_X86_64_PREDEFINES;
    case 'i386': return GCC_I386_PREDEFINES;
    case 'arm64':
      return derive(GCC_X86_64_PREDEFINES, [['__aarch64__', '1'], ['__AARCH64EL__', '1'], ['__ARM_64BIT_STATE', '1'], ['__ARM_ARCH', '8'], ['__ARM_ARCH_8A', '1'], ['__SIZEOF_INT128__', '16']], {
        __SIZEOF_LONG_DOUBLE__: '16', __BIGGEST_ALIGNMENT__: '16', __FLT_EVAL_METHOD__: '0',
      });
    case 'arm':
      return derive(GCC_I386_PREDEFINES, [['__arm__', '1'], ['__ARMEL__', '1'], ['__ARM_ARCH', '7'], ['__ARM_ARCH_7A__', '1'], ['__ARM_EABI__', '1']], {
        __SIZEOF_LONG_DOUBLE__: '8', __BIGGEST_ALIGNMENT__: '8', __FLT_EVAL_METHOD__: '0',
      });
  }
}

const cache = new Map<AbiName, CompilerModel>();

/** GCC as the kernel build invokes it for `abi` (no kernel `-D`s: see kernelDefines). */
export function gccModel(abi: AbiName = 'x86_64'): CompilerModel {
  let m = cache.get(abi);
  if (!m) {
    m = { defines: predefines(abi), attributes: new Set(GCC_ATTRIBUTES), builtins: new Set(GCC_BUILTINS) };
    cache.set(abi, m);
  }
  return m;
}

/** The `-D`s every kernel object is compiled with (Makefile: KBUILD_CPPFLAGS, arch flags). */
export function kernelDefines(abi: AbiName = 'x86_64'): [string, string][] {
  const d: [string, string][] = [['__KERNEL__', '1']];
  if (abi === 'x86_64') d.push(['CC_USING_FENTRY', '1']);
  return d;
}
