import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKconfig } from '../../src/core/c/kconfig';
import { preprocessWithPrelude } from '../../src/core/c/prelude-kernel';

const pp = (src: string, config?: string, abi?: 'x86_64' | 'i386'): string =>
  preprocessWithPrelude(src, '<hunk>', { config: config === undefined ? undefined : parseKconfig(config), abi }).tokens.map((t) => t.text).join(' ');

test('struct annotations vanish or become the attributes GCC sees', () => {
  assert.equal(pp('struct a { void __rcu *p; char __user *u; int __percpu *c; } __randomize_layout;'),
    'struct a { void * p ; char * u ; int * c ; } __attribute__ ( ( __designated_init__ ) ) ;');
  assert.equal(pp('long x __aligned(8); struct b { int y; } __packed;'),
    'long x __attribute__ ( ( __aligned__ ( 8 ) ) ) ; struct b { int y ; } __attribute__ ( ( __packed__ ) ) ;');
  assert.equal(pp('int n; int a[] __counted_by(n);'), 'int n ; int a [ ] ;');
});

test('DECLARE_BITMAP and DECLARE_HASHTABLE use BITS_PER_LONG of the ABI', () => {
  assert.equal(pp('DECLARE_BITMAP(bits, 70);'), 'unsigned long bits [ ( ( ( 70 ) + ( ( sizeof ( long ) * 8 ) ) - 1 ) / ( ( sizeof ( long ) * 8 ) ) ) ] ;');
  assert.equal(pp('DECLARE_HASHTABLE(h, 4);'), 'struct hlist_head h [ 1 << ( 4 ) ] ;');
  assert.equal(pp('#if BITS_PER_LONG == 64\nw64\n#else\nw32\n#endif', undefined, 'i386'), 'w32');
});

test('cacheline macros follow CONFIG_SMP at use time', () => {
  assert.equal(pp('int a ____cacheline_aligned_in_smp;'), 'int a __attribute__ ( ( __aligned__ ( ( 1 << ( 6 ) ) ) ) ) ;');
  assert.equal(pp('int a ____cacheline_aligned_in_smp;', '# CONFIG_SMP is not set\n'), 'int a ;');
  assert.equal(pp('__cacheline_group_begin(hot); int x; __cacheline_group_end(hot);'),
    '__u8 __cacheline_group_begin__hot [ 0 ] ; int x ; __u8 __cacheline_group_end__hot [ 0 ] ;');
});

test('IS_ENABLED / IS_MODULE in hunk conditionals read the given config', () => {
  const src = '#if IS_ENABLED(CONFIG_BPF_SYSCALL)\nbpf\n#endif\n#if IS_MODULE(CONFIG_EXT4_FS)\nmod\n#endif\n#ifdef CONFIG_FSNOTIFY\nfsn\n#endif';
  assert.equal(pp(src, 'CONFIG_BPF_SYSCALL=y\nCONFIG_EXT4_FS=m\n'), 'bpf mod');
  assert.equal(pp(src, 'CONFIG_FSNOTIFY=y\n'), 'fsn');
});

test('a hunk that includes headers gets a clear message, not a crash', () => {
  const r = preprocessWithPrelude('#include <linux/fs.h>\nint x;', '<hunk>');
  assert.deepEqual(r.tokens.map((t) => t.text), ['int', 'x', ';']);
  assert.match(r.diagnostics[0].message, /cannot find include file <linux\/fs.h>/);
});

test('a snippet that defines or undefines a macro changes only its own run (the tables are shared)', () => {
  const opts = { defines: [['CONFIG_X', '1']] as [string, string][] };
  const run = (src: string) => preprocessWithPrelude(src, '<hunk>', opts).tokens.map((t) => t.text).join(' ');
  assert.equal(run('#define __rcu RCU\n#undef __packed\nint __rcu a; int b __packed; CONFIG_X'), 'int RCU a ; int b __packed ; 1');
  // The same definitions again: the prelude's __rcu and __packed are as they were.
  assert.equal(run('int __rcu a; int b __packed; CONFIG_X'), 'int a ; int b __attribute__ ( ( __packed__ ) ) ; 1');
  assert.equal(pp('CONFIG_X __rcu'), 'CONFIG_X');
  // A definition that does not parse is still reported by the run.
  const bad = preprocessWithPrelude('int a;', '<hunk>', { defines: [['1bad', 'x']] });
  assert.ok(bad.diagnostics.some((d) => d.level === 'error'), JSON.stringify(bad.diagnostics));
});
