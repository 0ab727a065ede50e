// Node entry (desktop VS Code, code-server): can read the running kernel's BTF.
import type * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { activateWith, type Api } from './activate';

/** Header reads for the kernel-tree basis; a missing file is `undefined`, never a throw. */
const tree = {
  read(p: string): string | undefined {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};

export function activate(context: vscode.ExtensionContext): Api {
  return activateWith(context, { canReadRunningKernel: true, tree });
}

export function deactivate(): void {}
