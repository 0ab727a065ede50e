import type { StructLayout, AbiName } from '../layout/types';

/** Where the base layout came from, most exact first. */
export type Basis = 'source' | 'btf' | 'estimate';

/** Kconfig values a scenario sets: option name (with CONFIG_) → y / m / n. */
export type ScenarioConfig = Record<string, 'y' | 'm' | 'n'>;

export interface LayoutSummary {
  size: number;
  align: number;
  holes: number;
  holeBytes: number;
  padding: number;
  cachelines: number;
}

export interface MovedMember {
  name: string;
  beforeOffset: number;
  afterOffset: number;
  beforeCacheline: number;
  afterCacheline: number;
}

export interface Scenario {
  config: ScenarioConfig;
  /** Options whose value here is the base configuration's own. */
  baseValues: string[];
  /** This combination is exactly the base configuration. */
  isBase: boolean;
  before?: LayoutSummary;
  after?: LayoutSummary;
  delta?: number;
  holesFilled: number;
  holesCreated: number;
  moved: MovedMember[];
  /** Layouts, kept for hovers and `layout`-style output. */
  beforeLayout?: StructLayout;
  afterLayout?: StructLayout;
  /** Why this scenario has no figures. */
  error?: string;
}

export interface SlabRow {
  cache: string;
  /** The struct the cache holds (the struct itself or one embedding it). */
  object: string;
  objectSizeBefore: number;
  objectSizeAfter: number;
  slabSizeBefore: number;
  slabSizeAfter: number;
  objsPerSlabBefore: number;
  objsPerSlabAfter: number;
  orderBefore: number;
  orderAfter: number;
  /** Active objects on this machine (from /proc/slabinfo), when known. */
  activeObjects?: number;
  /** Extra pages on this machine for the active objects, when known. */
  pagesDelta?: number;
}

export interface StructImpact {
  name: string;
  kind: 'struct' | 'union';
  basis: Basis;
  /** What exactly: the tree and config path, the BTF file, or the snapshot's kernel. */
  basisDetail: string;
  abi: AbiName;
  /** How the hunk was placed in the base. */
  match?: { how: 'exact' | 'offset' | 'fuzz' | 'anchor' | 'hunk-only'; detail: string };
  scenarios: Scenario[];
  slab: SlabRow[];
  /** What was assumed where the base did not say (stated to the reader). */
  assumptions: string[];
  /** Set when no figure could be computed at all; one line. */
  error?: string;
}

export interface NewStruct {
  name: string;
  kind: 'struct' | 'union';
  size?: number;
  align?: number;
  layout?: StructLayout;
  basis: Basis;
  error?: string;
}

export interface HunkImpact {
  structs: StructImpact[];
  newStructs: NewStruct[];
}
