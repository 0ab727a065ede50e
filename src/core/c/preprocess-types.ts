import type { HideSet } from './preprocess-hide';
import type { Token } from './token';

/** File access the caller provides (fs in the CLI, workspace.fs in the extension, a map in tests). */
export interface SourceTree {
  /** The text of `path`, or undefined when there is no such file. */
  read(path: string): string | undefined;
}

/** A token as the preprocessor hands it on. Expanded tokens carry the position of the outermost macro use. */
export interface PPToken extends Token {
  /** Macros that must not expand this token again (the C standard's hide set, "blue paint"). */
  hide?: HideSet;
  /** Set on tokens produced by a macro expansion: the name of the outermost macro. */
  macro?: string;
}

export interface Macro {
  name: string;
  /** Parameter names for function-like macros; undefined for object-like ones. */
  params?: string[];
  /** The last parameter collects the variable arguments (`...` is named `__VA_ARGS__`). */
  variadic: boolean;
  body: Token[];
  /** Where it was defined (file and offset of the name), for messages. */
  file: string;
  offset: number;
  /** Expanded by the preprocessor itself (`__LINE__`, `__COUNTER__`…). */
  builtin?: boolean;
}

export type DiagnosticLevel = 'error' | 'warning' | 'note';

export interface Diagnostic {
  level: DiagnosticLevel;
  message: string;
  file: string;
  offset: number;
}

/** One branch of a conditional group: the lines it covers and the condition that selects it. */
export interface GuardedRegion {
  file: string;
  directive: 'if' | 'ifdef' | 'ifndef' | 'elif' | 'elifdef' | 'elifndef' | 'else';
  /** Offset of the `#` of the directive that opens the branch, and of the one that closes it. */
  start: number;
  end: number;
  /** The condition as written (unexpanded), empty for `#else`. */
  condition: Token[];
  /** Indexes (into the region list) of the earlier branches of the same group: this branch also means "none of them". */
  previous: number[];
  /** Index of the enclosing region, or -1. */
  parent: number;
  /** Whether this branch was selected under the configuration used. */
  taken: boolean;
}

export interface PreprocessResult {
  tokens: PPToken[];
  diagnostics: Diagnostic[];
  regions: GuardedRegion[];
  /** Files read, in first-read order. */
  files: string[];
  macros: ReadonlyMap<string, Macro>;
  /**
   * Set by a resumed run (a patched header): its tokens before `at` are the base run's,
   * unchanged, so a consumer that keeps state per token position can reuse its work up to here.
   */
  resumed?: Resumed;
}

export interface Resumed {
  /** The base run's tokens (its `tokens`), the first `at` of which this run shares. */
  base: readonly PPToken[];
  at: number;
  /** This run's own tokens: `tokens` from `at` on, without building `tokens`. */
  tail: PPToken[];
}

/** What a predefined setting gives: GCC's built-in macros, the has_attribute tables, forced includes. */
export interface CompilerModel {
  /** `[name, body]`; name may carry a parameter list: `F(x)`. */
  defines: [string, string][];
  attributes: ReadonlySet<string>;
  builtins: ReadonlySet<string>;
}
