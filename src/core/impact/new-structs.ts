// Structs a hunk defines (seed 001's `struct inode_addons`): laid out on their own, with
// the types they use sized from BTF.
import type { Kconfig } from '../c/kconfig';
import { LayoutContext, layoutRecordDecl } from '../layout';
import type { AbiName } from '../layout/types';
import type { Hunk } from '../patch/types';
import type { BtfTypeSource } from '../types/type-source';
import { resolveFromBtf } from './btf-record';
import { definesFor } from './defines';
import { parseFileSnippet } from './members';
import { fileSnippet } from './snippet';
import type { NewStruct } from './types';

export function newStructs(hunk: Hunk, types: BtfTypeSource, config: Kconfig | undefined, abi: AbiName): NewStruct[] {
  const wanted = hunk.structs.filter((s) => s.evidence === 'defines');
  if (wanted.length === 0) return [];
  const snip = fileSnippet(hunk.lines, 'new');
  const { unit, records, problems } = parseFileSnippet(snip, definesFor([snip.text], config, {}), abi);
  return wanted.map((w): NewStruct => {
    const decl = records.find((r) => r.tag === w.name && r.kind === w.kind);
    const ns: NewStruct = { name: w.name, kind: w.kind, basis: 'estimate' };
    if (!decl) {
      ns.error = problems[0] ?? `${w.kind} ${w.name} could not be read from the hunk`;
      return ns;
    }
    const missing = new Set<string>();
    const fields = resolveFromBtf(types, decl.fields ?? [], missing);
    if (missing.size) {
      ns.error = `types not in ${types.label}: ${[...missing].join(', ')}`;
      return ns;
    }
    try {
      const layout = layoutRecordDecl(new LayoutContext(unit, abi), { ...decl, fields }, w.name);
      ns.size = layout.size;
      ns.align = layout.align;
      ns.layout = layout;
      ns.basis = 'btf';
    } catch (e) {
      ns.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
    }
    return ns;
  });
}
