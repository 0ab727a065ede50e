/*
 * The checked-in GCC model (src/core/c/prelude-gcc-data.ts) against the compiler the
 * kernel build uses: predefined macros under the kernel's flags, __has_attribute and
 * __has_builtin answers. Regenerate with `node --import tsx test/oracle/kbuild-model.ts`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GCC_ATTRIBUTES, GCC_BUILTINS, GCC_I386_PREDEFINES, GCC_X86_64_PREDEFINES } from '../../src/core/c/prelude-gcc-data';
import { installedKernelHeaders } from './kbuild';
import { captureModel } from './kbuild-model';

const all = installedKernelHeaders();
const h = all.find((k) => /^6\.12.*-amd64$/.test(k.release) && !/cloud|rt/.test(k.release));

test('GCC predefines and feature answers equal the kernel compiler\'s', { skip: h ? false : 'linux-headers-6.12 amd64 not installed' }, () => {
  if (!h) return;
  const m = captureModel(h, all);
  assert.deepEqual(new Map(GCC_X86_64_PREDEFINES), new Map(m.x86_64));
  // i386: gcc -m32 with the 32-bit kernel's main flags (no i386 headers package to take them from).
  assert.deepEqual(new Map(GCC_I386_PREDEFINES), new Map(m.i386));
  assert.equal(new Map(m.i386).get('__SIZEOF_LONG__'), '4');
  assert.deepEqual(GCC_ATTRIBUTES, m.attributes);
  assert.deepEqual(GCC_BUILTINS, m.builtins);
  assert.ok(m.x86_64.some(([n]) => n === '__CHAR_UNSIGNED__'), 'kernel flags applied (-funsigned-char)');
});
