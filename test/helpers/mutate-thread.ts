// Mutations of real patch threads, the way mail clients, pasting and careless edits
// damage them, plus C that the layout stage has to refuse rather than trip over. Shared
// by the pipeline property tests (KPL_FUZZ_RUNS=N runs a longer campaign of them).
import fc from 'fast-check';

/** C and diff fragments aimed at the declaration parser, the preprocessor and the layout. */
const C_BITS = [
  'struct inode {', 'union {', '};', '}', '{', 'struct {', '#ifdef CONFIG_BPF_SYSCALL', '#ifndef CONFIG_SECURITY', '#else', '#endif', '#if 0', '#if defined(CONFIG_X) && CONFIG_Y > 2',
  '\tint a[', '\tint b : 3;', '\tlong long c : 70;', '\tchar d[0x7fffffffffff];', '\tchar e[-1];', '\tchar f[];', '\tvoid (*g)(int, ...);', '\tstruct inode h;', '\tstruct inode *i;',
  '\ttypeof(x) j;', '\t__u32 k __aligned(64);', '\tint l __attribute__((packed, aligned(3)));', '} __randomize_layout;', '} __packed;', '\tDECLARE_BITMAP(m, 1 << 40);', '\tunsigned int n:0;',
  '#define X(a) a##b', '#define Y Y', '\tX(Y) o;', '/*', '*/', '//', '\t\\', '@@ -1,3 +1,4 @@', '@@ -648,6 +649,9 @@ struct inode {', '@@ -0,0 +1 @@', '+', '-', ' ', '> ', '>> +\tint p;', '[...]',
  '--- a/include/linux/fs.h', '+++ b/include/linux/fs.h', 'diff --git a/x.h b/x.h', '\tenum { Q = 1 << 31 } q;', '\t_Alignas(128) int r;', '\tint s[sizeof(struct inode)];', '\tatomic_t t[NR_CPUS];',
  '\tint u : -1;', '\tint v : 0x100000000;', '\tchar w[1UL << 62];', '\tstruct inode x[2];', '#include <linux/fs.h>', '#include "missing.h"', '#undef CONFIG_SECURITY',
  '#define __randomize_layout __packed', '\tint y[1 / 0];', '\tint z[0 ? 1 : -1];', '\tint aa[-(1LL << 63)];', '#if 1 / 0', '#elif', '#if', '\tunion { int a; char b[3]; } __aligned(1 << 20) ab;',
  '\tint ac __attribute__((aligned(0)));', '\tstruct { struct { struct { int ad; }; }; };', '\tint (*ae[4])(void);', '\tchar af[sizeof(af)];',
];

export type Edit = { at: number; kind: 'drop' | 'dup' | 'swap' | 'cut' | 'insert' | 'sign' | 'digits'; bit: string; n: number };

export const edit = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom<Edit['kind']>('drop', 'dup', 'swap', 'cut', 'insert', 'insert', 'insert', 'sign', 'digits'),
  bit: fc.oneof(fc.constantFrom(...C_BITS), fc.constantFrom(...C_BITS).map((b) => '+' + b), fc.string({ maxLength: 12 })),
  n: fc.nat({ max: 99999 }),
});

export function mutate(text: string, edits: Edit[]): string {
  const lines = text.split('\n');
  for (const e of edits) {
    const i = e.at % Math.max(1, lines.length);
    const l = lines[i] ?? '';
    if (e.kind === 'drop') lines.splice(i, 1);
    else if (e.kind === 'dup') lines.splice(i, 0, l);
    else if (e.kind === 'swap' && i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], l];
    else if (e.kind === 'cut') lines[i] = l.slice(0, e.n % (l.length + 1));
    else if (e.kind === 'insert') lines.splice(i, 0, e.bit);
    else if (e.kind === 'sign') lines[i] = '+-> '[e.n % 4] + l.slice(1);
    else if (e.kind === 'digits') lines[i] = l.replace(/\d+/, String(e.n));
  }
  return lines.join('\n');
}

