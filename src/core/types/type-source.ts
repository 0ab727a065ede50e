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

/**
 * Answers of a pure function of an immutable BTF, kept per source: every hunk of every
 * analysis asks the snapshot about the same few structs and member types. A failure is
 * kept too and thrown again, so a missing type costs one lookup however often it is asked.
 * Callers treat the answers as read-only.
 */
const MEMO_LIMIT = 20_000;

function memo<T>(f: (key: string) => T): (key: string) => T {
  const done = new Map<string, { value: T } | { error: unknown }>();
  return (key) => {
    let r = done.get(key);
    if (!r) {
      try {
        r = { value: f(key) };
      } catch (error) {
        r = { error };
      }
      // Hostile threads can spell endless distinct types: bound what is kept.
      if (done.size >= MEMO_LIMIT) done.clear();
      done.set(key, r);
    }
    if ('error' in r) throw r.error;
    return r.value;
  };
}

export function btfTypeSource(btf: Btf, label: string): BtfTypeSource {
  const layout = memo((name) => btfStructLayout(btf, name));
  const spelled = memo((text) => spelledType(btf, text));
  return {
    btf,
    label,
    structLayout: layout,
    typeInfo: spelled,
    sizeOf: (text) => spelled(text).size,
    embedders: (name, opts) => btfEmbedders(btf, name, opts),
  };
}
