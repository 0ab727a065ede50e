/** The laid-out form of a struct or union, whatever produced it (C source or BTF). */
export interface MemberLayout {
  /** Dotted path for members of named nested aggregates; anonymous ones add no name. */
  name: string;
  /** Byte offset from the start of the outermost struct. */
  offset: number;
  /** Size in bytes (for a bit-field, the size of its declared type). */
  size: number;
  /** Bit-fields only: bit offset from the start of the outermost struct, and width. */
  bitOffset?: number;
  bitSize?: number;
  /** Type as written, e.g. `struct bpf_local_storage *`. */
  type: string;
  /** Nesting depth: 0 for direct members, 1 for members of an anonymous/nested aggregate… */
  depth: number;
  /** Set on the aggregate entries that contain further members. */
  aggregate?: 'struct' | 'union';
  /** The member's bytes (bits, for bit-fields) straddle a 64-byte cacheline boundary. */
  crossesCacheline?: boolean;
}

export interface Hole {
  /** Byte offset where the hole starts. */
  offset: number;
  size: number;
  /** For bit holes: bit offset from the start of the struct and number of bits. */
  bitOffset?: number;
  bits?: number;
  /** Name of the member after which the hole stands. */
  after: string;
  /** Index in `members` of that member (-1: at the start of an aggregate). */
  afterIndex?: number;
}

export interface StructLayout {
  kind: 'struct' | 'union';
  name: string;
  size: number;
  align: number;
  members: MemberLayout[];
  holes: Hole[];
  /** Trailing padding in bytes. */
  padding: number;
  /** Number of 64-byte cachelines the object spans. */
  cachelines: number;
  abi: AbiName;
}

export type AbiName = 'x86_64' | 'arm64' | 'i386' | 'arm';
