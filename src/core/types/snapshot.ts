import { gunzipSync } from 'fflate';
import { type Kconfig, parseKconfig } from '../c/kconfig';
import { type Btf, readBtf } from './btf';
import { setKnownAlignments } from './btf-align';
import { BtfKind } from './btf-kinds';
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
  const alignBytes = sections.get('align');
  if (alignBytes) setKnownAlignments(btf, parseAlignTable(btf, latin1(alignBytes)));
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

/**
 * The `align` section: lines `struct NAME ALIGN` / `union NAME ALIGN` measured with the
 * compiler on the kernel's own headers; names defined more than once in the BTF are skipped.
 */
function parseAlignTable(btf: Btf, text: string): Map<number, number> {
  // One pass over the aggregates' names instead of a lookup per line.
  const ids = new Map<string, number>();
  for (let id = 1; id < btf.count; id++) {
    const k = btf.kind(id);
    if ((k !== BtfKind.Struct && k !== BtfKind.Union) || !btf.hasName(id)) continue;
    const key = `${k === BtfKind.Struct ? 'struct' : 'union'} ${btf.name(id)}`;
    ids.set(key, ids.has(key) ? -1 : id);
  }
  const out = new Map<number, number>();
  for (const line of text.split('\n')) {
    const m = /^((?:struct|union) \w+) (\d+)$/.exec(line.trim());
    const id = m ? ids.get(m[1]) : undefined;
    if (m && id !== undefined && id > 0) out.set(id, Number(m[2]));
  }
  return out;
}
