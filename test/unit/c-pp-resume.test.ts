import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { KernelTree } from '../../src/core/c/tree';
import { parseDeclarations, parseJournaled, withReparsed } from '../../src/core/c/parse';
import type { PreprocessResult } from '../../src/core/c/preprocess-types';
import { fingerprint } from '../helpers/unit-fingerprint';
import { nodeTree } from '../../src/node/tree';

const view = (r: PreprocessResult) => ({
  tokens: r.tokens.map((t) => `${t.text}@${t.file}:${t.offset}`),
  regions: r.regions.map((g) => `${g.file}:${g.directive}:${g.start}-${g.end}:${g.taken}:${g.parent}:${g.previous.join(',')}`),
  diagnostics: r.diagnostics.map((d) => `${d.level}:${d.message}`),
  files: r.files,
});

/** A miniature kernel tree: srctree == objtree, one config, a header with a struct between directives. */
function miniTree(fsh: string): Record<string, string> {
  return {
    'k/Makefile': '',
    'k/include/linux/compiler-version.h': '',
    'k/include/linux/kconfig.h': '#include <generated/autoconf.h>\n#define IS_ENABLED(x) 1\n',
    'k/include/linux/compiler_types.h': '#define __rcu\n',
    'k/include/generated/autoconf.h': '#define CONFIG_A 1\n',
    'k/include/linux/types.h': '#ifndef T_H\n#define T_H\ntypedef unsigned long ulong;\n#endif\n',
    'k/include/linux/fs.h': fsh,
  };
}

const FSH = '#ifndef FS_H\n#define FS_H\n#include <linux/types.h>\n#define N 4\nstruct inode {\n\tulong a;\n#ifdef CONFIG_A\n\tvoid __rcu *p[N];\n#endif\n\tint b;\n};\n#undef N\n#define N 8\nstruct file { int f[N]; };\n#if 1 /* tail */\nstatic inline int g(void) { return N; }\n#endif\n#endif\n';

test('a patched header resumed from a checkpoint equals a run from the top', () => {
  const patched = FSH.replace('\tint b;\n', '#ifdef CONFIG_B\n\tlong extra;\n#else\n\tshort extra;\n#endif\n\tint b;\n');
  const files = miniTree(FSH);
  const tree = { read: (p: string) => files[p] };
  const kt = new KernelTree({ tree, objtree: 'k' });
  const base = kt.preprocessHeaders(['linux/fs.h']);
  const macrosBefore = [...base.macros];
  assert.ok(base.tokens.some((t) => t.text === 'inode'));
  const resumed = kt.preprocessPatched(['linux/fs.h'], 'k/include/linux/fs.h', patched);
  const full = new KernelTree({ tree, objtree: 'k', overlay: new Map([['k/include/linux/fs.h', patched]]) }).preprocessHeaders(['linux/fs.h']);
  assert.deepEqual(view(resumed), view(full));
  assert.ok(resumed.tokens.some((t) => t.text === 'extra'));
  // Resumed inside the file, past its include of types.h: the prefix is shared with the base run.
  const at = resumed.resumed?.at ?? -1;
  assert.ok(at > 0 && at <= resumed.tokens.findIndex((t) => t.text === 'extra'));
  assert.ok(resumed.tokens.slice(0, at).every((t, i) => t === base.tokens[i]));
  assert.equal(resumed.resumed?.base, base.tokens);
  assert.deepEqual(resumed.resumed?.tail, resumed.tokens.slice(at));
  // The base result is left as it was, macro table included; the resumed run has its own.
  assert.deepEqual(view(kt.preprocessHeaders(['linux/fs.h'])), view(base));
  assert.deepEqual([...base.macros], macrosBefore);
  const body = (r: PreprocessResult) => [...r.macros].map(([n, m]) => `${n}=${m.body.map((t) => t.text).join(' ')}`).sort();
  assert.deepEqual(body(resumed), body(full));
  assert.ok(!base.tokens.some((t) => t.text === 'extra'));
});

const H = '/usr/src/linux-headers-6.12.107+deb12-amd64';
const FS = '/usr/src/linux-headers-6.12.107+deb12-common/include/linux/fs.h';
test('kernel fs.h patched inside struct inode: resume equals a full run', { skip: existsSync(FS) ? false : 'linux-headers-6.12 not installed' }, () => {
  const text = readFileSync(FS, 'utf8');
  const patched = text.replace(/(\tvoid\s+\*i_security;\n#endif\n)/, '$1#ifdef CONFIG_BPF_SYSCALL\n\tstruct bpf_local_storage __rcu *i_bpf_storage;\n#endif\n');
  assert.notEqual(patched, text);
  const kt = new KernelTree({ tree: nodeTree, objtree: H });
  kt.preprocessHeaders(['linux/fs.h']);
  let t0 = performance.now();
  const resumed = kt.preprocessPatched(['linux/fs.h'], FS, patched);
  const tResume = performance.now() - t0;
  t0 = performance.now();
  const full = new KernelTree({ tree: nodeTree, objtree: H, overlay: new Map([[FS, patched]]) }).preprocessHeaders(['linux/fs.h']);
  const tFull = performance.now() - t0;
  assert.deepEqual(view(resumed), view(full));
  assert.ok(resumed.resumed);
  assert.deepEqual(resumed.resumed.tail, resumed.tokens.slice(resumed.resumed.at));
  // The declarations of the resumed tail, parsed into the unpatched unit from its undo log,
  // equal a full parse of the patched unit: every struct's layout, typedef and enumerator.
  const unpatched = parseJournaled(kt.preprocessHeaders(['linux/fs.h']).tokens);
  const before = fingerprint(unpatched.unit);
  const want = fingerprint(parseDeclarations(full.tokens));
  assert.ok(want.length > 2000 && want.some((l) => l.startsWith('struct inode ') && l.includes('i_bpf_storage')));
  assert.deepEqual(withReparsed(unpatched, resumed.resumed, fingerprint), want);
  assert.deepEqual(fingerprint(unpatched.unit), before);
  process.stdout.write(`# patched fs.h: resume ${tResume.toFixed(1)} ms, full run ${tFull.toFixed(1)} ms (the full run also reads and lexes; informational)\n`);
});

test('a patched header cannot include files outside the tree', () => {
  const files = { ...miniTree(FSH), 'secret/passwd': 'root:x:0:0' };
  const tree = { read: (p: string) => (files as Record<string, string>)[p] };
  const kt = new KernelTree({ tree, objtree: 'k' });
  const r = kt.preprocessPatched(['linux/fs.h'], 'k/include/linux/fs.h', FSH.replace('struct file', '#include "../../../secret/passwd"\n#include </secret/passwd>\nstruct file'));
  assert.ok(!r.tokens.some((t) => t.text === 'root'));
  assert.equal(r.diagnostics.filter((d) => d.message.startsWith('cannot find include file')).length, 2);
});

test('preprocessFile: a file outside the tree includes its neighbours and the tree headers', () => {
  const files: Record<string, string> = { ...miniTree(FSH), 'work/t.c': '#include "t.h"\n#include <linux/fs.h>\nstruct t { T x; };', 'work/t.h': 'typedef long T;' };
  const kt = new KernelTree({ tree: { read: (p) => files[p] }, objtree: 'k' });
  const r = kt.preprocessFile('work/t.c');
  assert.deepEqual(r.diagnostics.filter((d) => d.level === 'error'), []);
  assert.ok(r.tokens.some((t) => t.text === 'inode'));
  assert.deepEqual(r.tokens.slice(-8).map((t) => t.text), ['struct', 't', '{', 'T', 'x', ';', '}', ';']);
});

test('prefetching a tree through an async reader gives the same unit as reading it directly', async () => {
  const { prefetchKernelHeaders } = await import('../../src/core/c/tree-prefetch');
  const files: Record<string, string> = { ...miniTree(FSH) };
  let reads = 0;
  const r = await prefetchKernelHeaders(async (p) => { reads++; return files[p]; }, ['linux/fs.h'], { objtree: 'k' });
  const viaPrefetch = new KernelTree({ tree: r.tree, objtree: 'k' }).preprocessHeaders(['linux/fs.h']);
  const direct = new KernelTree({ tree: { read: (p) => files[p] }, objtree: 'k' }).preprocessHeaders(['linux/fs.h']);
  assert.deepEqual(view(viaPrefetch), view(direct));
  assert.ok(r.rounds >= 2 && reads === r.requested);
});

test('patched paths are normalised like the resolver spells them', () => {
  const files = miniTree(FSH);
  const tree = { read: (p: string) => files[p] };
  const patched = FSH.replace('int b;', 'int b; int c;');
  const kt = new KernelTree({ tree, objtree: 'k' });
  const a = kt.preprocessPatched(['linux/fs.h'], './k//include/linux/../linux/fs.h', patched);
  const b = new KernelTree({ tree, objtree: 'k', overlay: new Map([['k/./include//linux/fs.h', patched]]) }).preprocessHeaders(['linux/fs.h']);
  assert.ok(a.tokens.some((t) => t.text === 'c') && b.tokens.some((t) => t.text === 'c'));
});

test('expandFragment sees the macros the headers defined, and their include guards', () => {
  const files = miniTree(FSH);
  const kt = new KernelTree({ tree: { read: (p: string) => files[p] }, objtree: 'k' });
  const r = kt.expandFragment(['linux/fs.h'], '#include <linux/fs.h>\n#ifdef CONFIG_A\nvoid __rcu *q[N];\n#endif');
  assert.deepEqual(r.tokens.map((t) => t.text), ['void', '*', 'q', '[', '8', ']', ';']);
  assert.deepEqual(r.diagnostics, []);
});

const SNIPPETS = [
  '#define N 2\n', '#undef N\n', '#ifdef CONFIG_A\n', '#else\n', '#endif\n', '/* open\n', '*/\n', '// line\n', 'struct z { int q[N]; };\n',
  'static inline int h(void) { return N; }\n', '#include <linux/types.h>\n', 'typedef struct inode inode_t;\n', '\tlong more;\n', '\\\n', '}\n', '{\n',
];

test('random edits of a header: the resumed run and the reparse equal a run and a parse from the top', async () => {
  const fc = (await import('fast-check')).default;
  const lines = FSH.split(/(?<=\n)/);
  let resumedRuns = 0;
  fc.assert(
    fc.property(fc.nat(lines.length), fc.nat(3), fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 4 }), (at, drop, insert) => {
      const patched = [...lines.slice(0, at), ...insert, ...lines.slice(at + drop)].join('');
      const files = miniTree(FSH);
      const tree = { read: (p: string) => files[p] };
      const kt = new KernelTree({ tree, objtree: 'k' });
      const base = kt.preprocessHeaders(['linux/fs.h']);
      const resumed = kt.preprocessPatched(['linux/fs.h'], 'k/include/linux/fs.h', patched);
      const full = new KernelTree({ tree, objtree: 'k', overlay: new Map([['k/include/linux/fs.h', patched]]) }).preprocessHeaders(['linux/fs.h']);
      assert.deepEqual(view(resumed), view(full));
      if (!resumed.resumed) return;
      resumedRuns++;
      const unpatched = parseJournaled(base.tokens);
      assert.deepEqual(withReparsed(unpatched, resumed.resumed, fingerprint), fingerprint(parseDeclarations(full.tokens)));
    }),
    { numRuns: 300 },
  );
  // Edits before the first checkpoint run from the top; most must have resumed.
  assert.ok(resumedRuns > 150, `${resumedRuns} of 300 runs resumed`);
});
