// The size-impact block a reviewer inserts into a note: exact text for hand-made figures,
// and it survives the note's Markdown-to-plain conversion untouched (as a code block).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HunkAnalysis } from '../../src/core/analyze';
import type { HunkImpact, LayoutSummary } from '../../src/core/impact';
import { impactBlock, impactMarkdown, noteToPlain } from '../../src/core/review';

const sum = (size: number, holeBytes: number, cachelines: number): LayoutSummary => ({ size, align: 8, holes: holeBytes ? 1 : 0, holeBytes, padding: 0, cachelines });

const impact: HunkImpact = {
  structs: [{
    name: 'inode', kind: 'struct', basis: 'btf', basisDetail: 'Debian 6.12', abi: 'x86_64', match: { how: 'anchor', detail: '' },
    scenarios: [
      { config: { CONFIG_SECURITY: 'y' }, baseValues: [], isBase: true, before: sum(600, 4, 10), after: sum(608, 4, 10), delta: 8, holesFilled: 0, holesCreated: 0, moved: [] },
      { config: { CONFIG_SECURITY: 'n' }, baseValues: [], isBase: false, before: sum(592, 0, 10), after: sum(592, 0, 10), delta: 0, holesFilled: 0, holesCreated: 0, moved: [] },
      { config: { CONFIG_FOO: 'y' }, baseValues: [], isBase: false, holesFilled: 0, holesCreated: 0, moved: [], error: 'no layout' },
    ],
    slab: [{ cache: 'inode_cache', object: 'inode', objectSizeBefore: 600, objectSizeAfter: 608, slabSizeBefore: 600, slabSizeAfter: 608, objsPerSlabBefore: 26, objsPerSlabAfter: 26, orderBefore: 2, orderAfter: 2 }],
    assumptions: ['slab orders modelled for 8 CPUs'],
  }],
  newStructs: [{ name: 'inode_addons', kind: 'struct', size: 16, align: 8, basis: 'estimate' }],
};
// impactBlock reads the impact only; the rest of a HunkAnalysis does not matter here.
const hunk = { impact } as HunkAnalysis;

const WANT = [
  'struct inode (x86_64, basis: btf Debian 6.12, placed anchor)',
  'before  after  delta   holes  cachelines  configuration',
  ' 600 B  608 B   +8 B  4->4 B      10->10  CONFIG_SECURITY=y (base)',
  ' 592 B  592 B    0 B  0->0 B      10->10  CONFIG_SECURITY=n',
  '     -      -      -       -           -  CONFIG_FOO=y: no figure (no layout)',
  'slab inode_cache: struct inode 600 -> 608 B, 26 -> 26 objects per order-2 slab',
  'assumed: slab orders modelled for 8 CPUs',
  '',
  'new struct inode_addons: 16 B, align 8 (basis: estimate)',
].join('\n');

test('the impact block lays out scenarios, slab rows and new structs for mail', () => {
  assert.equal(impactBlock(hunk), WANT);
  assert.match(impactBlock(hunk), /^[\x00-\x7f]*$/, 'ASCII only');
  assert.equal(impactBlock({ impact: { structs: [], newStructs: [] } } as unknown as HunkAnalysis), 'This hunk changes no struct.');
});

test('inserted into a note, the block reaches the mail unwrapped, indented as code', () => {
  const plain = noteToPlain(`Figures:\n\n${impactMarkdown(hunk)}\n\nThanks.`);
  assert.equal(plain, `Figures:\n\n${WANT.split('\n').map((l) => (l ? '    ' + l : '')).join('\n')}\n\nThanks.`);
});
