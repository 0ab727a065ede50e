// Node entry (desktop VS Code, code-server): can read the running kernel's BTF, reads a
// kernel tree from disk, and analyses in a worker thread off the extension host.
import * as vscode from 'vscode';
import { activateWith, type Api } from './activate';
import { nodeTree } from '../node/tree';
import { WorkerRunner } from './worker-runner';

export function activate(context: vscode.ExtensionContext): Api {
  return activateWith(context, {
    canReadRunningKernel: true,
    tree: nodeTree,
    runner: (ext) => new WorkerRunner(vscode.Uri.joinPath(ext, 'dist', 'analysis-worker.js').fsPath),
  });
}

export function deactivate(): void {}
