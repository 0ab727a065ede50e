import type { Span } from '../text/span';

export interface SubjectInfo {
  /** Subject with the bracketed prefixes and Re:/Fwd: removed. */
  title: string;
  reply: boolean;
  /** Words inside the brackets other than PATCH/RFC/RESEND/vN/n/m, e.g. `bpf-next`. */
  prefixes: string[];
  isPatch: boolean;
  rfc: boolean;
  resend: boolean;
  version: number;
  /** 1-based index in the series, 0 for a cover letter; undefined when not numbered. */
  index?: number;
  total?: number;
}

export type DiffLineKind = ' ' | '+' | '-';

export interface DiffLine {
  kind: DiffLineKind;
  /** The source line without the diff marker. */
  text: string;
  /**
   * Offset of the diff marker in the part's view; where there is no marker (a context
   * line whose space collapsing ate, or a blank context line trimmed to nothing), the
   * offset of `text` itself.
   */
  offset: number;
  /** Quote depth at which the line was found (0 for the patch itself). */
  depth: number;
}

/** How a hunk's struct was found. */
export type StructEvidence = 'heading' | 'context' | 'braces' | 'defines';

export interface StructRef {
  kind: 'struct' | 'union';
  name: string;
  evidence: StructEvidence;
  /** True when changed lines fall inside it; false when the hunk defines it as new. */
  changed: boolean;
}

export interface Hunk {
  /** Index of the message holding the hunk. */
  message: number;
  /** Body part id (`<message>.<part>`) and the view its offsets index. */
  part: string;
  view: 'document' | 'decoded';
  file: string;
  /** How `file` was found: the diff headers, or the patch being answered. */
  fileFrom: 'header' | 'inferred' | 'unknown';
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Text after the second `@@` (git's function/section heading). */
  section: string;
  lines: DiffLine[];
  /** Found inside a reply's quotation rather than in a patch. */
  quoted: boolean;
  depth: number;
  /** `@@` line missing (partial quote): counts were inferred from the lines. */
  headerInferred: boolean;
  /** Lines agree with the `@@` counts; false for trimmed quotes and `[...]` elisions. */
  complete: boolean;
  elided: boolean;
  /** Rebuilt from collapsed text; `uncertain` when the rebuild had to guess. */
  rebuilt?: { uncertain: boolean; notes: string[] };
  /** Span from the `@@` line (or first diff line) to the last diff line, in the part's view. */
  span: Span;
  structs: StructRef[];
}

export interface DiffstatEntry {
  file: string;
  changes: number;
  /** The entry as written (`include/linux/bpf.h | 9 +-`); `Bin` entries and renames keep their text here. */
  raw: string;
  /** Set from a `create mode` / `delete mode` line after the summary. */
  mode?: 'create' | 'delete';
  /** Full path from that mode line when the entry's name was shortened with `...`. */
  fullPath?: string;
  /** Offset of the entry in the part's view. */
  offset?: number;
}

export interface Diffstat {
  entries: DiffstatEntry[];
  filesChanged: number;
  insertions: number;
  deletions: number;
  span: Span;
  part: string;
}

export interface Trailer {
  name: string;
  value: string;
  /** Offset of the trailer line in the part's view. */
  offset: number;
  part: string;
}

/** Everything the patch stage finds in one message. */
export interface MessagePatches {
  message: number;
  subject: SubjectInfo;
  /** The message carries a patch of its own (not only quotes of one). */
  hasPatch: boolean;
  hunks: Hunk[];
  diffstat?: Diffstat;
  trailers: Trailer[];
}
