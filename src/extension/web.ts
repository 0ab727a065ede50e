// Browser entry (vscode.dev, code-server's web worker host): same core, no running kernel;
// layouts come from a BTF file or the embedded snapshot. The web extension host is itself
// a worker, so the pipeline runs inline there without blocking the editor's UI.
import type * as vscode from 'vscode';
import { activateWith, type Api } from './activate';
import { InlineRunner } from './runner';

export function activate(context: vscode.ExtensionContext): Api {
  return activateWith(context, { canReadRunningKernel: false, runner: () => new InlineRunner() });
}

export function deactivate(): void {}
