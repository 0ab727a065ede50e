/*
 * The no-tree prelude against the real thing: each struct-body macro use, expanded by the
 * prelude and by the kernel's own headers (Debian 6.12, amd64 config), token for token.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseKconfig } from '../../src/core/c/kconfig';
import { preprocessWithPrelude } from '../../src/core/c/prelude-kernel';
import { KernelTree } from '../../src/core/c/tree';
import { findKernelHeaders } from './kbuild';
import { nodeTree } from '../../src/node/tree';

const SNIPPETS = [
  'void __rcu *p; char __user *u; int __percpu *c; void __iomem *io; unsigned int __bitwise fl;',
  'long x __aligned(8); long y __aligned_largest;',
  'struct b { int y; } __packed;',
  'struct r { int a; } __randomize_layout; struct n { int a; } __no_randomize_layout;',
  'int n; int a[] __counted_by(n);',
  'DECLARE_BITMAP(bits, 70); DECLARE_BITMAP(one, 1);',
  'DECLARE_HASHTABLE(h, 4);',
  'int a ____cacheline_aligned; int b ____cacheline_aligned_in_smp; int c __cacheline_aligned_in_smp; int d ____cacheline_internodealigned_in_smp;',
  '__cacheline_group_begin(hot); int x; __cacheline_group_end(hot);',
  '__cacheline_group_begin_aligned(g); int y; __cacheline_group_end_aligned(g, 128);',
  'struct_group(hdr, int a; int b;); struct_group_tagged(tag, name, long c;); struct_group_attr(at, __packed, char d;);',
  'DECLARE_FLEX_ARRAY(int, arr); __DECLARE_FLEX_ARRAY(long, larr);',
  'unsigned long w[BITS_TO_LONGS(130)]; char s[BITS_TO_BYTES(9)]; int v[BITS_PER_LONG];',
  '__aligned_u64 a64; randomized_struct_fields_start int q; randomized_struct_fields_end',
  '#if IS_ENABLED(CONFIG_SMP) && IS_BUILTIN(CONFIG_64BIT) && !IS_MODULE(CONFIG_64BIT)\nint smp;\n#endif',
];

const release = '6.12.107+deb12-amd64';
const h = findKernelHeaders(release);

test(`prelude expansions equal the kernel headers' (${release})`, { skip: h ? false : `linux-headers-${release} not installed` }, () => {
  if (!h) return;
  const config = parseKconfig(readFileSync(`${h.objtree}/.config`, 'utf8'));
  const unit = SNIPPETS.map((s, i) => `\n__kpl_begin_${i}\n${s}\n__kpl_end_${i}\n`).join('');
  const real = new KernelTree({ tree: nodeTree, objtree: h.objtree }).preprocessHeaders(['linux/fs.h', 'linux/hashtable.h', 'linux/cache.h'], unit);
  const ours = preprocessWithPrelude(unit, '<snippets>', { config });
  assert.deepEqual(ours.diagnostics.filter((d) => d.level === 'error'), []);
  const between = (toks: { text: string }[], i: number): string => {
    const a = toks.findIndex((t) => t.text === `__kpl_begin_${i}`);
    const b = toks.findIndex((t) => t.text === `__kpl_end_${i}`);
    return toks.slice(a + 1, b).map((t) => t.text).join(' ');
  };
  SNIPPETS.forEach((s, i) => {
    const want = between(real.tokens, i);
    assert.ok(want.length > 0, `kernel expansion of: ${s}`);
    assert.equal(between(ours.tokens, i), want, s);
  });
});
