import type { Btf } from './btf';
import { type BtfStructLayout, btfStructLayout } from './btf-layout';
import { type SpelledTypeInfo, spelledType } from './btf-sizeof';
import { type Embedding, btfEmbedders } from './btf-embed';

/**
 * Types and layouts from one BTF — the running kernel's, a file's, or the embedded
 * snapshot's — behind one interface, with a label saying which.
 */
export interface BtfTypeSource {
  readonly btf: Btf;
  /** e.g. `/sys/kernel/btf/vmlinux` or `Debian linux-image-6.12.107+deb12-amd64 6.12.107-1~deb12u1`. */
  readonly label: string;
  structLayout(name: string): BtfStructLayout;
  /** Size/alignment of a type as spelled in C (`struct x __rcu *`, `spinlock_t`, `u8 [4]`). */
  typeInfo(spelled: string): SpelledTypeInfo;
  sizeOf(spelled: string): number;
  /** Structs/unions holding `name` by value (for slab caches of embedding structs). */
  embedders(name: string, opts?: { transitive?: boolean }): Embedding[];
}

export function btfTypeSource(btf: Btf, label: string): BtfTypeSource {
  return {
    btf,
    label,
    structLayout: (name) => btfStructLayout(btf, name),
    typeInfo: (spelled) => spelledType(btf, spelled),
    sizeOf: (spelled) => spelledType(btf, spelled).size,
    embedders: (name, opts) => btfEmbedders(btf, name, opts),
  };
}
