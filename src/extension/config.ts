// Typed view of the `kernelPatchLens.*` settings; read fresh each time so changes apply
// without a reload.
import * as vscode from 'vscode';
import type { AbiName } from '../core/layout/types';
import type { BasisChoice } from './analysis';

export const SECTION = 'kernelPatchLens';

export interface Settings {
  abi: AbiName;
  basis: BasisChoice;
  configPath: string;
  btfPath: string;
  treePath: string;
  watchedStructs: string[];
  /** Growth of at least this many bytes takes the warning colour, then the error colour. */
  growthWarningBytes: number;
  growthErrorBytes: number;
  debounceMs: number;
  showCodeLens: boolean;
  showInline: boolean;
}

export function settings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    abi: c.get<AbiName>('abi', 'x86_64'),
    basis: c.get<BasisChoice>('basis', 'auto'),
    configPath: c.get<string>('configPath', ''),
    btfPath: c.get<string>('btfPath', ''),
    treePath: c.get<string>('treePath', ''),
    watchedStructs: c.get<string[]>('watchedStructs', ['inode', 'file', 'dentry', 'vm_area_struct', 'page', 'sk_buff', 'task_struct']),
    growthWarningBytes: c.get<number>('growthWarningBytes', 1),
    growthErrorBytes: c.get<number>('growthErrorBytes', 8),
    debounceMs: c.get<number>('debounceMs', 250),
    showCodeLens: c.get<boolean>('codeLens', true),
    showInline: c.get<boolean>('inlineAnnotations', true),
  };
}

/** Where a chooser writes: the workspace when one is open, else the user's settings. */
export function target(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}
