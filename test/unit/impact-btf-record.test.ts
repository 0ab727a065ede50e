/*
 * The BTF basis re-lays out a struct from its BTF members (alignments inferred) before
 * inserting a hunk's members: that re-layout must reproduce the BTF layout itself, size
 * and every member offset, for every named struct of the embedded snapshot. (The BTF
 * layouts are checked against pahole in test/oracle/pahole-btf.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LayoutContext, layoutRecordDecl } from '../../src/core/layout';
import { baseRecord, emptyUnitFor } from '../../src/core/impact/btf-record';
import { BtfKind } from '../../src/core/types/btf-kinds';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { REPO } from '../helpers/paths';

test('every struct of the snapshot re-lays out exactly as its BTF says', () => {
  const snap = loadSnapshot(readFileSync(path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz')));
  const btf = snap.btf;
  let compared = 0;
  let eligible = 0;
  const refused: string[] = [];
  const wrong: string[] = [];
  for (let id = 1; id < btf.count; id++) {
    if (btf.kind(id) !== BtfKind.Struct || !btf.hasName(id)) continue;
    const name = btf.name(id);
    const layout = snap.structLayout(`struct ${name}`);
    if (layout.size === 0) continue;
    eligible++;
    let base;
    try {
      base = baseRecord(snap, layout, 'x86_64');
    } catch (e) {
      refused.push(`${name}: ${(e as Error).message}`);
      continue;
    }
    compared++;
    const again = layoutRecordDecl(new LayoutContext(emptyUnitFor(), 'x86_64'), base.decl, name);
    const want = layout.members.filter((m) => m.depth === 0).map((m) => `${m.name}@${m.bitOffset ?? m.offset * 8}`);
    const got = again.members.filter((m) => m.depth === 0 && !(m.name === '' && m.bitSize !== undefined && !want.includes(`@${m.bitOffset}`)))
      .map((m) => `${m.name}@${m.bitOffset ?? m.offset * 8}`);
    if (again.size !== layout.size || JSON.stringify(got.filter((g) => !g.startsWith('@'))) !== JSON.stringify(want.filter((g) => !g.startsWith('@')))) {
      wrong.push(`${name}: size ${again.size} vs ${layout.size}`);
    }
  }
  console.log(`re-laid out ${compared} of ${eligible} structs; refused ${refused.length}; wrong ${wrong.length}`);
  for (const r of refused.slice(0, 10)) console.log(`  refused ${r}`);
  for (const r of wrong.slice(0, 10)) console.log(`  wrong ${r}`);
  assert.ok(compared > 500, `only ${compared} structs compared`);
  assert.equal(compared + refused.length, eligible);
  assert.deepEqual(wrong, []);
  assert.deepEqual(refused, []);
});
