// The reviewer's own kernel tree as the layout basis: the setting reaches the core, the
// figures are laid out from source and equal what the core computes on the same tree
// (the core's figures on this tree are checked against a kernel build in
// test/oracle/impact-kernel.test.ts).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { analyze } from '../../../src/core/analyze';
import { hoverText, hoversAt, open, setting, until, api, wsFile } from './helpers';
import { nodeTree } from '../../../src/node/tree';

const TREE = '/usr/src/linux-headers-6.12.107+deb12-amd64';

suite('kernel tree basis', () => {
  test('a Debian headers tree as kernelPatchLens.treePath: struct inode laid out from source', async function () {
    if (!existsSync(`${TREE}/.config`)) return this.skip();
    this.timeout(120_000);
    const a = await api();
    await setting('treePath', TREE);
    await setting('basis', 'source');
    try {
      const editor = await open('inode-bpf-storage.patch');
      const uri = editor.document.uri;
      const inode = () => a.analysis(uri)?.core?.hunks.flatMap((h) => h.impact.structs).find((s) => s.name === 'inode');
      const ours = await until('struct inode from source', () => (inode()?.basis === 'source' ? inode() : undefined), 90_000);

      const text = readFileSync(wsFile('inode-bpf-storage.patch').fsPath, 'utf8');
      const core = await analyze(text, { abi: 'x86_64', source: { tree: nodeTree, objtree: TREE, label: TREE, cache: new Map() } });
      const expected = core.hunks.flatMap((h) => h.impact.structs).find((s) => s.name === 'inode');
      assert.ok(expected && expected.basis === 'source', 'the core lays struct inode out from the tree');
      const figures = (s: typeof expected) => s.scenarios.map((x) => ({ config: x.config, before: x.before?.size, after: x.after?.size, delta: x.delta }));
      assert.deepEqual(figures(ours), figures(expected));
      assert.ok(ours.scenarios.some((x) => x.delta === 8), JSON.stringify(figures(ours)));

      const at = editor.document.positionAt(editor.document.getText().indexOf('i_bpf_storage;') + 1);
      const hover = hoverText(await hoversAt(uri, at));
      assert.match(hover, /basis: \*\*source\*\*/);
      assert.ok(hover.replace(/\\/g, '').includes(TREE), `the hover names the tree: ${hover.slice(0, 600)}`);
    } finally {
      await setting('basis', undefined);
      await setting('treePath', undefined);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
