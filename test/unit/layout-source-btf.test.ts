/*
 * Two independent paths to the same layouts: Debian 6.12.107's headers (amd64 config)
 * through our preprocessor, parser and layout engine, and the embedded snapshot of the
 * same kernel's BTF through the BTF reader. Every struct and union both know must agree
 * member by member (offsets, sizes, bit positions, depth), in holes and in padding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDeclarations } from '../../src/core/c/parse';
import { KernelTree } from '../../src/core/c/tree';
import { LayoutContext, layoutStruct, type StructLayout } from '../../src/core/layout';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { REPO } from '../helpers/paths';
import { nodeTree } from '../../src/node/tree';

const OBJTREE = '/usr/src/linux-headers-6.12.107+deb12-amd64';
const SNAPSHOT = path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz');
const HEADERS = ['linux/fs.h', 'linux/sched.h', 'linux/mm.h', 'linux/skbuff.h', 'net/sock.h', 'linux/bpf.h'];

function shape(l: StructLayout): string {
  // The BTF reader names an anonymous aggregate inside a named one `outer.`; ours leaves it unnamed.
  const name = (n: string): string => (n.endsWith('.') ? '' : n);
  return JSON.stringify({
    size: l.size,
    members: l.members.map((m) => [name(m.name), m.offset, m.size, m.bitOffset, m.bitSize, m.depth, m.aggregate ?? '']),
    holes: l.holes.map((h) => [h.offset, h.size, h.bitOffset, h.bits]),
    padding: l.padding,
  });
}

const skip = existsSync(OBJTREE) && existsSync(SNAPSHOT) ? false : 'Debian 6.12.107 amd64 headers or the snapshot are absent';
test('layouts from 6.12.107 headers equal those from the same kernel\'s BTF snapshot', { skip }, () => {
  const snap = loadSnapshot(readFileSync(SNAPSHOT));
  const kt = new KernelTree({ tree: nodeTree, objtree: OBJTREE });
  const unit = parseDeclarations(kt.preprocessHeaders(HEADERS).tokens);
  const ctx = new LayoutContext(unit, 'x86_64');
  let both = 0;
  const differ: string[] = [];
  for (const [kw, map] of [['struct', unit.structs], ['union', unit.unions]] as const) {
    for (const [tag, decl] of map) {
      if (!decl.fields) continue;
      let fromBtf: StructLayout;
      try {
        fromBtf = snap.structLayout(`${kw} ${tag}`);
      } catch {
        continue;
      }
      both++;
      if (shape(layoutStruct(unit, `${kw} ${tag}`, 'x86_64', ctx)) !== shape(fromBtf)) differ.push(`${kw} ${tag}`);
    }
  }
  process.stdout.write(`# source vs BTF snapshot: ${both} aggregates in both, ${differ.length} differ\n`);
  assert.ok(both > 500);
  assert.deepEqual(differ, []);
});
