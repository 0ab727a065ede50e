// The layout basis: which one the user chose (settings), the files it needs (read through
// workspace.fs so it also works in a browser), the status-bar item and the choosers.
import * as vscode from 'vscode';
import type { SourceTree } from '../core/c/preprocess-types';
import type { BasisChoice, BasisSpec } from './analysis';
import type { Runner } from './runner';
import { SECTION, settings, target } from './config';

export interface Host {
  /** False in the browser: no running kernel to read BTF from. */
  canReadRunningKernel: boolean;
  /** Synchronous file reads for the kernel-tree basis (Node only: the preprocessor reads headers as it goes). */
  tree?: SourceTree;
  /** Where the core pipeline runs (a worker thread on Node, inline in the browser). */
  runner(extensionPath: vscode.Uri): Runner;
}

const RUNNING_BTF = '/sys/kernel/btf/vmlinux';

function fileUri(p: string): vscode.Uri {
  if (/^[a-z][a-z0-9+.-]*:/i.test(p)) return vscode.Uri.parse(p);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return p.startsWith('/') || !folder ? vscode.Uri.file(p) : vscode.Uri.joinPath(folder, p);
}

async function read(p: string, log: vscode.OutputChannel): Promise<Uint8Array | undefined> {
  try {
    return await vscode.workspace.fs.readFile(fileUri(p));
  } catch (err) {
    log.appendLine(`cannot read ${p}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** The basis from the current settings, as plain data; files are read once per change. */
export class OptionsSource implements vscode.Disposable {
  private cached: Promise<BasisSpec> | undefined;
  private readonly sub: vscode.Disposable;

  private snapshot: Promise<Uint8Array | undefined> | undefined;

  constructor(private readonly host: Host, private readonly log: vscode.OutputChannel, private readonly media: vscode.Uri) {
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SECTION)) this.cached = undefined; });
  }

  get(): Promise<BasisSpec> {
    this.cached ??= this.load();
    return this.cached;
  }

  private async load(): Promise<BasisSpec> {
    const s = settings();
    // Files named by settings are only read when the workspace is trusted (restricted mode
    // analyses the opened document alone).
    const trusted = vscode.workspace.isTrusted;
    const o: BasisSpec = { abi: s.abi, basis: s.basis };
    if (trusted && s.configPath) {
      const b = await read(s.configPath, this.log);
      if (b) o.kconfig = new TextDecoder().decode(b);
    }
    if (s.basis === 'running') {
      const b = this.host.canReadRunningKernel ? await read(RUNNING_BTF, this.log) : undefined;
      if (b) o.types = { kind: 'btf', bytes: b, label: `running kernel (${RUNNING_BTF})` };
    } else if (s.basis === 'btf' || (s.basis === 'auto' && s.btfPath && trusted)) {
      const b = trusted && s.btfPath ? await read(s.btfPath, this.log) : undefined;
      if (b) o.types = { kind: 'btf', bytes: b, label: `BTF file ${s.btfPath}` };
      else if (s.basis === 'btf') this.log.appendLine('BTF basis chosen but no readable BTF file (kernelPatchLens.btfPath; restricted mode reads none)');
    }
    const dir = this.treeDir(s.treePath);
    if (trusted && this.host.tree && dir && (s.basis === 'source' || s.basis === 'auto')) {
      o.treeDir = dir;
    } else if (s.basis === 'source') {
      this.log.appendLine(this.host.tree ? 'kernel-tree basis chosen but no tree (kernelPatchLens.treePath; restricted mode reads none)' : 'the kernel-tree basis needs desktop VS Code (no file system in the browser)');
    }
    if (!o.types && (s.basis === 'auto' || s.basis === 'embedded')) {
      const snap = await this.embedded();
      if (snap) o.types = { kind: 'snapshot', bytes: snap };
    }
    return o;
  }

  /** The configured tree, else the workspace folder when it looks like a kernel tree. */
  private treeDir(configured: string): string | undefined {
    if (configured) return fileUri(configured).fsPath;
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (ws?.scheme !== 'file' || !this.host.tree) return undefined;
    const looksLikeKernel = this.host.tree.read(`${ws.fsPath}/include/linux/fs.h`) !== undefined && this.host.tree.read(`${ws.fsPath}/Kconfig`) !== undefined;
    return looksLikeKernel ? ws.fsPath : undefined;
  }

  /** The snapshot shipped in media/snapshot, read once per session. */
  private embedded(): Promise<Uint8Array | undefined> {
    this.snapshot ??= (async () => {
      const dir = vscode.Uri.joinPath(this.media, 'snapshot');
      let name = 'debian-6.12.107-amd64.snapshot.gz';
      try {
        const found = (await vscode.workspace.fs.readDirectory(dir)).map(([n]) => n).filter((n) => n.endsWith('.snapshot.gz')).sort();
        if (found.length) name = found[found.length - 1];
      } catch { /* web hosts may not list extension folders; use the known name */ }
      return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name));
    })().catch((err: unknown) => {
      this.log.appendLine(`cannot read the embedded snapshot: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    });
    return this.snapshot;
  }

  dispose(): void {
    this.sub.dispose();
  }
}

export function basisLabel(b: BasisChoice): string {
  switch (b) {
    case 'source': return 'kernel tree';
    case 'btf': return 'BTF file';
    case 'running': return 'running kernel';
    case 'embedded': return 'embedded snapshot';
    default: return 'auto';
  }
}

export class BasisStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kernelPatchLens.basis', vscode.StatusBarAlignment.Right, 100);
  private readonly sub: vscode.Disposable;

  constructor() {
    this.item.name = 'Kernel Patch Lens: layout basis';
    this.item.command = 'kernelPatchLens.chooseBasis';
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SECTION)) this.update(); });
    this.update();
  }

  /** Shown while a thread document is active. */
  visible(show: boolean): void {
    if (show) this.item.show(); else this.item.hide();
  }

  update(extra?: string): void {
    const s = settings();
    this.item.text = `$(symbol-structure) ${basisLabel(s.basis)} · ${s.abi}`;
    this.item.tooltip = `Kernel Patch Lens layout basis: ${basisLabel(s.basis)}${s.configPath ? `\n.config: ${s.configPath}` : ''}${extra ? `\n${extra}` : ''}\nClick to choose.`;
  }

  dispose(): void {
    this.item.dispose();
    this.sub.dispose();
  }
}

async function set(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, target());
}

/** Returns the chosen basis, or undefined when the user cancelled. */
export async function chooseBasis(host: Host): Promise<BasisChoice | undefined> {
  type Pick = vscode.QuickPickItem & { basis: BasisChoice };
  const cur = settings().basis;
  const picks: Pick[] = [
    { basis: 'auto', label: 'Automatic', description: 'most exact available: tree, then BTF, then embedded' },
    { basis: 'source', label: 'Kernel tree…', description: settings().treePath || 'headers of a kernel source tree' },
    { basis: 'btf', label: 'BTF file…', description: settings().btfPath || 'a vmlinux BTF blob' },
    ...(host.canReadRunningKernel ? [{ basis: 'running' as const, label: 'Running kernel', description: RUNNING_BTF }] : []),
    { basis: 'embedded', label: 'Embedded snapshot', description: 'shipped with the extension; works offline' },
  ];
  for (const p of picks) if (p.basis === cur) p.label = `$(check) ${p.label}`;
  const pick = await vscode.window.showQuickPick(picks, { title: 'Kernel Patch Lens: layout basis', placeHolder: 'Where struct layouts come from' });
  if (!pick) return undefined;
  if (pick.basis === 'source') {
    const dir = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: 'Kernel source tree' });
    if (!dir?.[0]) return undefined;
    await set('treePath', dir[0].fsPath || dir[0].toString());
  } else if (pick.basis === 'btf') {
    const f = await vscode.window.showOpenDialog({ canSelectFiles: true, title: 'BTF file (vmlinux or raw BTF)' });
    if (!f?.[0]) return undefined;
    await set('btfPath', f[0].fsPath || f[0].toString());
  }
  await set('basis', pick.basis);
  return pick.basis;
}

export async function chooseConfig(): Promise<string | undefined> {
  const f = await vscode.window.showOpenDialog({ canSelectFiles: true, title: 'Kernel .config', openLabel: 'Use this .config' });
  if (!f?.[0]) return undefined;
  const p = f[0].fsPath || f[0].toString();
  await set('configPath', p);
  return p;
}
