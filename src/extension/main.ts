// Node entry (desktop VS Code, code-server): can read the running kernel's BTF.
import type * as vscode from 'vscode';
import { activateWith, type Api } from './activate';

export function activate(context: vscode.ExtensionContext): Api {
  return activateWith(context, { canReadRunningKernel: true });
}

export function deactivate(): void {}
