// Structs a thread's hunks define (a series adding `struct lsmblob` in patch 1 and using it
// in patch 5) sized once and offered to every other hunk, ahead of the base BTF's types.
import type { BtfTypeSource } from '../types/type-source';
import type { NewStruct } from './types';

export function withThreadTypes(base: BtfTypeSource, fresh: readonly NewStruct[]): BtfTypeSource {
  const sized = new Map<string, NewStruct>();
  for (const n of fresh) if (n.size !== undefined && n.align !== undefined) sized.set(`${n.kind} ${n.name}`, n);
  if (sized.size === 0) return base;
  return {
    ...base,
    label: `${base.label} + ${sized.size} struct${sized.size > 1 ? 's' : ''} defined in this thread`,
    typeInfo(spelled: string) {
      const n = sized.get(spelled.trim().replace(/\s+/g, ' '));
      if (n && n.size !== undefined && n.align !== undefined) return { size: n.size, align: n.align, pointer: false, dims: [] };
      return base.typeInfo(spelled);
    },
    sizeOf(spelled: string) {
      return this.typeInfo(spelled).size;
    },
  };
}
