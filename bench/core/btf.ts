// BTF: reading a whole kernel's BTF (readBtf), warm; laying out every named struct and
// union (btfLayoutOf), and the same plus pahole-like text (formatLayoutText).
import { readFileSync } from 'node:fs';
import { readBtf } from '../../src/core/types/btf';
import { btfLayoutOf, btfStructLayout } from '../../src/core/types/btf-layout';
import { BtfKind } from '../../src/core/types/btf-kinds';
import { formatLayoutText } from '../../src/core/layout/format';
import { arg, emit, measure, once, readBytes } from './util';

async function main(): Promise<void> {
  const file = arg('file', '/sys/kernel/btf/vmlinux');
  const cold = await once(() => readBtf(readBytes(file)));
  const bytes = readBytes(file);
  const readWarm = await measure(() => readBtf(bytes), { warmup: 3, runs: 20, budgetMs: 1500 });
  const fileAndRead = await measure(() => readBtf(new Uint8Array(readFileSync(file))), { warmup: 1, runs: 8, budgetMs: 1000 });
  const btf = cold.value;
  const ids: number[] = [];
  for (let id = 1; id < btf.count; id++) {
    const k = btf.kind(id);
    if ((k === BtfKind.Struct || k === BtfKind.Union) && btf.name(id) !== '') ids.push(id);
  }
  let failed = 0;
  let outChars = 0;
  // each run starts from a fresh reading, so name caches do not carry over
  const layoutAll = async () => {
    const b = readBtf(bytes);
    failed = 0;
    for (const id of ids) {
      try { btfLayoutOf(b, id); } catch { failed++; }
    }
  };
  const printAll = async () => {
    const b = readBtf(bytes);
    outChars = 0;
    for (const id of ids) {
      try { outChars += formatLayoutText(btfLayoutOf(b, id)).length; } catch { /* counted in layoutAll */ }
    }
  };
  const layoutAllS = await measure(layoutAll, { warmup: 1, runs: 5, budgetMs: 2000 });
  const printAllS = await measure(printAll, { warmup: 1, runs: 5, budgetMs: 2000 });
  const inode = await measure(() => btfStructLayout(readBtf(bytes), 'inode'), { warmup: 3, runs: 15, budgetMs: 1000 });
  emit({
    file, bytes: bytes.length, types: btf.count - 1, structs: ids.length, layoutFailures: failed, textChars: outChars,
    readCold: { ms: cold.ms, cpuMs: cold.cpuMs }, readWarm, fileAndRead, layoutAll: layoutAllS, printAll: printAllS, inodeFromRead: inode,
  });
}

main().catch((e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
