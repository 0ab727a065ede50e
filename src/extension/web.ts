// Browser entry (vscode.dev, code-server's web worker host): same core, no running kernel;
// layouts come from a tree in the workspace, a BTF file, or the embedded snapshot.
import type * as vscode from 'vscode';
import { activateWith, type Api } from './activate';

export function activate(context: vscode.ExtensionContext): Api {
  return activateWith(context, { canReadRunningKernel: false });
}

export function deactivate(): void {}
