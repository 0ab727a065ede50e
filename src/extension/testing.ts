// Read-only views of UI state for the extension-host tests: the tree exactly as VS Code
// would render it (labels, descriptions) — no second implementation of anything.
import * as vscode from 'vscode';
import type { ThreadTree } from './tree';

export interface TreeRow { depth: number; kind: string; label: string; description: string; tooltip: string }

export async function treeRows(tree: ThreadTree, maxDepth = 4): Promise<TreeRow[]> {
  const rows: TreeRow[] = [];
  const walk = async (node: Parameters<ThreadTree['getTreeItem']>[0] | undefined, depth: number) => {
    for (const child of tree.getChildren(node)) {
      const item = tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
      const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value ?? '';
      rows.push({ depth, kind: item.contextValue ?? '', label, description: typeof item.description === 'string' ? item.description : '', tooltip });
      if (depth < maxDepth) await walk(child, depth + 1);
    }
  };
  await walk(undefined, 0);
  return rows;
}

export function treeSource(tree: ThreadTree): vscode.Uri | undefined {
  return tree.current?.source;
}
