/*
 * Timings of kernel-tree preprocessing (not a test): node --import tsx test/oracle/kbuild-bench.ts [objtree]
 * Prints CPU and wall time (min/median) for cold and warm runs, cached units and patched-header resumes.
 */
import { readFileSync } from 'node:fs';
import { KernelTree } from '../../src/core/c/tree';
import type { FileCache } from '../../src/core/c/include';
import { parseDeclarations } from '../../src/core/c/parse';
import { layoutStruct } from '../../src/core/layout';
const tree = { read: (p: string) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } } };
const objtree = process.argv[2] ?? '/usr/src/linux-headers-6.12.107+deb12-amd64';
const kt0x = new KernelTree({ tree, objtree });
const fsPath = kt0x.srctree + '/include/linux/fs.h';
const fsh = readFileSync(fsPath, 'utf8');
const patched = fsh.replace(/(\tvoid\s+\*i_security;\n#endif\n)/, '$1#ifdef CONFIG_BPF_SYSCALL\n\tstruct bpf_local_storage __rcu *i_bpf_storage;\n#endif\n');
// CPU time (user+system) in ms: the machine is shared, wall time is not ours alone.
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const wall = () => performance.now();
function measure(name: string, n: number, f: () => void) {
  const c: number[] = [], w: number[] = [];
  for (let k = 0; k < n; k++) { const c0 = cpu(), w0 = wall(); f(); c.push(cpu() - c0); w.push(wall() - w0); }
  c.sort((x, y) => x - y); w.sort((x, y) => x - y);
  console.log(name.padEnd(44), 'cpu min', c[0].toFixed(1).padStart(7), 'median', c[c.length >> 1].toFixed(1).padStart(7), '| wall min', w[0].toFixed(1).padStart(7), 'ms');
}
let cache: FileCache = new Map();
measure('cold: read+lex+preprocess fs.h (new cache)', 3, () => { cache = new Map(); new KernelTree({ tree, objtree, cache }).preprocessHeaders(['linux/fs.h']); });
measure('warm lex, new config: preprocess fs.h', 10, () => { new KernelTree({ tree, objtree, cache }).preprocessHeaders(['linux/fs.h']); });
measure('warm lex: full expansion incl. function bodies', 3, () => { new KernelTree({ tree, objtree, cache, functionBodies: true }).preprocessHeaders(['linux/fs.h']); });
const kt = new KernelTree({ tree, objtree, cache });
const r = kt.preprocessHeaders(['linux/fs.h']);
measure('cached unit (same tree+config)', 10, () => { kt.preprocessHeaders(['linux/fs.h']); });
let u = parseDeclarations(r.tokens);
measure('parseDeclarations (other engineer) of unit', 5, () => { u = parseDeclarations(r.tokens); });
measure('layoutStruct inode (other engineer)', 10, () => { layoutStruct(u, 'inode'); });
let rp = r;
measure('patched fs.h: preprocessPatched (resume)', 10, () => { rp = kt.preprocessPatched(['linux/fs.h'], fsPath, patched); });
console.log('tokens', r.tokens.length, 'files', r.files.length);
