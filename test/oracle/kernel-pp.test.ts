/*
 * Oracle for the preprocessor: the kernel's own build (`make M=… probe.i`, gcc -E with
 * every kernel flag) against our KernelTree, for each installed Debian headers package.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex } from '../../src/core/c/lexer';
import { KernelTree } from '../../src/core/c/tree';
import type { Token } from '../../src/core/c/token';
import { findKernelHeaders, linux61Release, kbuildPreprocess } from './kbuild';
import { nodeTree } from '../../src/node/tree';

const LINUX_61 = linux61Release();

const RELEASES = ['6.12.107+deb12-amd64', '6.12.107+deb12-cloud-amd64', '6.12.107+deb12-rt-amd64', LINUX_61];
const STRUCTS = ['inode', 'file', 'dentry', 'super_block', 'address_space'];
// The probe module is compiled with these on the command line (see kbuildCommand).
const MODULE_DEFINES: [string, string][] = [['MODULE', '1'], ['KBUILD_BASENAME', '"probe"'], ['KBUILD_MODNAME', '"probe"'], ['__KBUILD_MODNAME', 'kmod_probe']];

/** Tokens of the definition `struct name { … }` (the first one with a body). */
function structBody(toks: readonly Pick<Token, 'text'>[], name: string): string[] | undefined {
  for (let i = 0; i + 2 < toks.length; i++) {
    if (toks[i].text !== 'struct' || toks[i + 1].text !== name || toks[i + 2].text !== '{') continue;
    let depth = 0;
    for (let j = i + 2; j < toks.length; j++) {
      if (toks[j].text === '{') depth++;
      else if (toks[j].text === '}' && --depth === 0) return toks.slice(i, j + 1).map((t) => t.text);
    }
  }
  return undefined;
}

/** gcc's stream with function bodies emptied, done independently on the final tokens: what the lean mode must give. */
function stripBodies(toks: readonly Pick<Token, 'text' | 'kind'>[]): string[] {
  const out: string[] = [];
  let depth = 0;
  const opens: number[] = [];
  let lastOpen = -1;
  let lastClose = -1;
  for (let i = 0; i < toks.length; i++) {
    const c = toks[i].text;
    out.push(c);
    if (c === '{' && depth === 0 && lastClose === out.length - 2 && !/^__attribute(__)?$/.test(out[lastOpen - 1] ?? '')) {
      let d = 1;
      while (d > 0 && ++i < toks.length) {
        if (toks[i].text === '{') d++;
        else if (toks[i].text === '}') d--;
      }
      out.push('}');
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && c === '(') opens.push(out.length - 1);
    else if (depth === 0 && c === ')') { lastOpen = opens.pop() ?? -1; lastClose = out.length - 1; }
    else if (depth === 0 && c === ';') opens.length = 0;
  }
  return out;
}

function firstDifference(ours: string[], want: string[]): string | undefined {
  let i = 0;
  while (i < ours.length && i < want.length && ours[i] === want[i]) i++;
  if (i === ours.length && i === want.length) return undefined;
  return `first difference at token ${i}:\n ours: ${ours.slice(Math.max(0, i - 10), i + 10).join(' ')}\n gcc:  ${want.slice(Math.max(0, i - 10), i + 10).join(' ')}`;
}

for (const release of RELEASES) {
  const h = findKernelHeaders(release);
  test(`preprocessing linux/fs.h equals the kernel build's gcc -E (${release})`, { skip: h ? false : `linux-headers-${release} not installed` }, () => {
    if (!h) return;
    const gcc = kbuildPreprocess(h, '#include <linux/kbuild.h>\n#include <linux/fs.h>\n');
    const theirs = lex(gcc.split('\n').filter((l) => !l.startsWith('#')).join('\n'), 'gcc');
    const kt = new KernelTree({ tree: nodeTree, objtree: h.objtree, defines: MODULE_DEFINES, functionBodies: true });
    const r = kt.preprocessHeaders(['linux/kbuild.h', 'linux/fs.h']);
    assert.deepEqual(r.diagnostics.filter((d) => d.level === 'error'), []);
    // The default mode passes over function bodies; struct definitions must come out the same.
    const lean = new KernelTree({ tree: nodeTree, objtree: h.objtree, defines: MODULE_DEFINES }).preprocessHeaders(['linux/kbuild.h', 'linux/fs.h']);
    assert.ok(lean.tokens.length < r.tokens.length / 2, `function bodies skipped: ${lean.tokens.length} of ${r.tokens.length} tokens`);
    for (const s of STRUCTS) {
      const want = structBody(theirs, s);
      assert.ok(want && want.length > 20, `gcc output has struct ${s}`);
      assert.deepEqual(structBody(r.tokens, s), want, `struct ${s} after preprocessing`);
      assert.deepEqual(structBody(lean.tokens, s), want, `struct ${s} after preprocessing without function bodies`);
    }
    // The whole translation unit, token for token (spelling only: gcc re-spaces its output).
    assert.equal(firstDifference(r.tokens.map((t) => t.text), theirs.map((t) => t.text)), undefined);
    // Without function bodies: everything else identical (__COUNTER__ runs slower when bodies are skipped).
    const unique = (s: string): string => s.replace(/^(__UNIQUE_ID_\w*?)\d+$/, '$1#');
    assert.equal(firstDifference(lean.tokens.map((t) => unique(t.text)), stripBodies(theirs).map(unique)), undefined);
  });
}

// More translation units, whole token stream against gcc -E (function bodies expanded too).
const MORE: Record<string, string[]> = {
  '6.12.107+deb12-amd64': ['linux/sched.h', 'linux/mm_types.h', 'linux/skbuff.h', 'net/tcp.h', 'linux/kvm_host.h', 'linux/bpf.h'],
  '6.12.107+deb12-rt-amd64': ['linux/sched.h', 'linux/mm_types.h'],
  [LINUX_61]: ['linux/sched.h', 'net/tcp.h'],
};
for (const [release, headers] of Object.entries(MORE)) {
  const h = findKernelHeaders(release);
  for (const header of headers) {
    test(`preprocessing ${header} equals the kernel build's gcc -E (${release})`, { skip: h ? false : `linux-headers-${release} not installed` }, () => {
      if (!h) return;
      const gcc = kbuildPreprocess(h, `#include <linux/kbuild.h>\n#include <${header}>\n`);
      const theirs = lex(gcc.split('\n').filter((l) => !l.startsWith('#')).join('\n'), 'gcc');
      const r = new KernelTree({ tree: nodeTree, objtree: h.objtree, defines: MODULE_DEFINES, functionBodies: true }).preprocessHeaders(['linux/kbuild.h', header]);
      assert.deepEqual(r.diagnostics.filter((d) => d.level !== 'note'), []);
      assert.equal(firstDifference(r.tokens.map((t) => t.text), theirs.map((t) => t.text)), undefined);
    });
  }
}
