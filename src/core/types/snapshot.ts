import { gunzipSync } from 'fflate';
import { type Kconfig, parseKconfig } from '../c/kconfig';
import { readBtf } from './btf';
import { BtfError } from './btf-error';
import { type SnapshotHeader, decodeSnapshot, latin1 } from './snapshot-format';
import { type BtfTypeSource, btfTypeSource } from './type-source';

/** A distribution kernel's types and .config, shipped with the extension. */
export interface Snapshot extends BtfTypeSource {
  readonly header: SnapshotHeader;
  readonly configText: string;
  readonly config: Kconfig;
}

/** Read a snapshot file (gzip of the container written by scripts/snapshot/make-snapshot.mjs). */
export function loadSnapshot(bytes: Uint8Array): Snapshot {
  let raw: Uint8Array;
  try {
    raw = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  } catch (e) {
    throw new BtfError(`snapshot: cannot decompress (${e instanceof Error ? e.message : String(e)})`);
  }
  const { header, sections } = decodeSnapshot(raw);
  const btfBytes = sections.get('btf');
  if (!btfBytes) throw new BtfError('snapshot: no btf section');
  const configBytes = sections.get('config');
  const configText = configBytes ? latin1(configBytes) : '';
  const btf = readBtf(btfBytes);
  const label = `${header.source.distribution} ${header.source.package} ${header.source.version}`;
  let config: Kconfig | undefined;
  return {
    ...btfTypeSource(btf, label),
    header,
    configText,
    get config(): Kconfig {
      return (config ??= parseKconfig(configText));
    },
  };
}
