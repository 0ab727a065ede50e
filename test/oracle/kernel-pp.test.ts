/*
 * Oracle for the preprocessor: the kernel's own build (`make M=… probe.i`, gcc -E with
 * every kernel flag) against our KernelTree, for each installed Debian headers package.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lex } from '../../src/core/c/lexer';
import { KernelTree } from '../../src/core/c/tree';
import type { Token } from '../../src/core/c/token';
import { findKernelHeaders, kbuildPreprocess } from './kbuild';

const RELEASES = ['6.12.107+deb12-amd64', '6.12.107+deb12-cloud-amd64', '6.12.107+deb12-rt-amd64', '6.1.0-56-amd64'];
const STRUCTS = ['inode', 'file', 'dentry', 'super_block', 'address_space'];
// The probe module is compiled with these on the command line (see kbuildCommand).
const MODULE_DEFINES: [string, string][] = [['MODULE', '1'], ['KBUILD_BASENAME', '"probe"'], ['KBUILD_MODNAME', '"probe"'], ['__KBUILD_MODNAME', 'kmod_probe']];
const fsTree = { read: (p: string): string | undefined => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } } };

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

for (const release of RELEASES) {
  const h = findKernelHeaders(release);
  test(`preprocessing linux/fs.h equals the kernel build's gcc -E (${release})`, { skip: h ? false : `linux-headers-${release} not installed` }, () => {
    if (!h) return;
    const gcc = kbuildPreprocess(h, '#include <linux/kbuild.h>\n#include <linux/fs.h>\n');
    const theirs = lex(gcc.split('\n').filter((l) => !l.startsWith('#')).join('\n'), 'gcc');
    const kt = new KernelTree({ tree: fsTree, objtree: h.objtree, defines: MODULE_DEFINES });
    const r = kt.preprocessHeaders(['linux/kbuild.h', 'linux/fs.h']);
    assert.deepEqual(r.diagnostics.filter((d) => d.level === 'error'), []);
    for (const s of STRUCTS) {
      const want = structBody(theirs, s);
      assert.ok(want && want.length > 20, `gcc output has struct ${s}`);
      assert.deepEqual(structBody(r.tokens, s), want, `struct ${s} after preprocessing`);
    }
    // The whole translation unit, token for token (spelling only: gcc re-spaces its output).
    const ours = r.tokens.map((t) => t.text);
    const want = theirs.map((t) => t.text);
    let i = 0;
    while (i < ours.length && i < want.length && ours[i] === want[i]) i++;
    assert.equal(i, Math.max(ours.length, want.length),
      `first difference at token ${i}:\n ours: ${ours.slice(Math.max(0, i - 10), i + 10).join(' ')}\n gcc:  ${want.slice(Math.max(0, i - 10), i + 10).join(' ')}`);
  });
}
