// Where the CLI finds base layouts: BTF (running kernel, a file, the embedded snapshot)
// and kernel trees on disk.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { release } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseKconfig, type Kconfig } from '../core/c/kconfig';
import type { SourceBasis } from '../core/impact';
import { readBtf } from '../core/types/btf';
import { loadSnapshot } from '../core/types/snapshot';
import { btfTypeSource, type BtfTypeSource } from '../core/types/type-source';
import { inflatedSnapshot } from '../node/snapshot';
import { nodeTree } from '../node/tree';

export function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The snapshot shipped beside the bundle (dist/../media/snapshot) or the source tree. */
export function snapshotPath(): string {
  for (const dir of [path.join(__dirname, '../media/snapshot'), path.join(__dirname, '../../media/snapshot')]) {
    if (!existsSync(dir)) continue;
    const f = readdirSync(dir).find((n) => n.endsWith('.snapshot.gz'));
    if (f) return path.join(dir, f);
  }
  throw new Error('the embedded kernel snapshot is missing from this installation (media/snapshot)');
}

export interface BtfChoice {
  source: BtfTypeSource;
  config?: Kconfig;
}

function runningConfig(): Kconfig | undefined {
  try {
    return parseKconfig(gunzipSync(readFileSync('/proc/config.gz')).toString('utf8'));
  } catch {
    const text = nodeTree.read(`/boot/config-${release()}`);
    return text === undefined ? undefined : parseKconfig(text);
  }
}

/** `--btf FILE|running|embedded|none`. */
export function loadBtfChoice(choice: string): BtfChoice | undefined {
  if (choice === 'none') return undefined;
  if (choice === 'embedded') {
    const snap = loadSnapshot(inflatedSnapshot(new Uint8Array(readInput(snapshotPath()))));
    return { source: snap, config: snap.config };
  }
  const file = choice === 'running' ? '/sys/kernel/btf/vmlinux' : choice;
  const label = choice === 'running' ? `running kernel ${release()} (/sys/kernel/btf/vmlinux)` : file;
  return { source: btfTypeSource(readBtf(new Uint8Array(readInput(file))), label), config: choice === 'running' ? runningConfig() : undefined };
}

export function sourceBasis(dir: string, configFile?: string): SourceBasis {
  if (!existsSync(dir)) throw new Error(`kernel tree ${dir} does not exist`);
  const config = configFile ? parseKconfig(readInput(configFile).toString('utf8')) : undefined;
  return { tree: nodeTree, objtree: path.resolve(dir), config, label: `${path.resolve(dir)}${configFile ? ` with ${configFile}` : ''}`, cache: new Map() };
}
