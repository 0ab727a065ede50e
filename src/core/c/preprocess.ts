import { evalPPExpr, ExprError } from './expr';
import { IncludeResolver, makeFileFromTokens, type SourceFile } from './include';
import { lex } from './lexer';
import { relexFrom } from './relex';
import { Expander, mkToken, type ExpandEnv, type RawSource } from './preprocess-expand';
import { parseDefine } from './preprocess-define';
import { firstDifference, includeSpec, isDeclarator, lineOf, lineText, setOrDelete } from './preprocess-util';
import type {
  CompilerModel, Diagnostic, DiagnosticLevel, GuardedRegion, Macro, PPToken, PreprocessResult, SourceTree,
} from './preprocess-types';
import type { Token } from './token';

/*
 * The C preprocessor: directives, conditional groups, includes and macro expansion,
 * sufficient for the Linux kernel's headers. It never throws on bad input: problems
 * become diagnostics naming the file and offset, and reading goes on.
 */

export interface PreprocessOptions {
  /** Where included files are looked up and read; keep one per tree to reuse lexed files. */
  resolver: IncludeResolver;
  model: CompilerModel;
  /** Extra definitions after the compiler's (config, `-D`), `[name or name(params), body]`. */
  defines?: readonly [string, string][];
  undefines?: readonly string[];
  /** Files read before the entry file, like GCC's `-include` (paths as the resolver finds them). */
  forcedIncludes?: readonly string[];
  /** Macro definitions to start from (a prelude already read); copied on this run's first change, never changed. */
  baseMacros?: ReadonlyMap<string, Macro>;
  /** Like GCC's -fmacro-prefix-map: `__FILE__` drops these prefixes (the kernel maps srctree away). */
  filePrefixMap?: readonly [string, string][];
  /**
   * Pass over the bodies of function definitions without expanding them (output `{ }`):
   * two thirds of a kernel header's tokens, and nothing a layout needs.
   */
  skipFunctionBodies?: boolean;
  /** Record checkpoints at the directives of the headers the entry includes directly, so resume() can rerun a patched one from there. */
  checkpoints?: boolean;
  /** Tokens macro expansion may produce before preprocessing stops with an error (default 50 million; a kernel header needs a few million). */
  expansionLimit?: number;
  /** Keep the conditional regions (default true). */
  regions?: boolean;
}

interface Cond {
  active: boolean;
  /** A branch of this group has been selected (or the group is inside a false one). */
  done: boolean;
  parentActive: boolean;
  sawElse: boolean;
  region: number;
  chain: number[];
}

interface Checkpoint {
  file: string;
  /** Offset of the `#` of the directive about to be read. */
  offset: number;
  frames: { file: SourceFile; i: number; dir: number; conds: Cond[] }[];
  journal: number;
  out: number;
  regions: number;
  diagnostics: number;
  files: number;
  once: number;
  unknownNoted: number;
  counter: number;
  skippedBodies: number;
  depth: number;
  parens: number[];
  groupOpen: number;
  groupClose: number;
}

interface Frame {
  file: SourceFile;
  i: number;
  /** Next entry of file.directives not yet passed, for skipping. */
  d: number;
  dir: number;
  conds: Cond[];
}

const MAX_DEPTH = 200;
const DEFAULT_EXPANSION_LIMIT = 50_000_000;
/** Macros of `#define` lines already read, by the line's `#` token (see defineAt). */
const parsedDefines = new WeakMap<Token, Macro | null>();
const BUILTINS = ['__LINE__', '__FILE__', '__COUNTER__', '__INCLUDE_LEVEL__', '__BASE_FILE__'];
const COND_DIRECTIVES = new Set(['if', 'ifdef', 'ifndef', 'elif', 'elifdef', 'elifndef', 'else', 'endif']);

export class Preprocessor implements RawSource, ExpandEnv {
  /** The macro table; base's (opts.baseMacros) until this run changes it, then its own copy. */
  private table: Map<string, Macro>;
  private ownTable: boolean;
  diagnostics: Diagnostic[] = [];
  regions: GuardedRegion[] = [];
  files: string[] = [];
  private frames: Frame[] = [];
  private once: string[] = [];
  private seen = new Set<string>();
  private counter = 0;
  /** This run's tokens; a resumed run keeps only its own, after base's first `outBase`. */
  private out: PPToken[] = [];
  private outBase = 0;
  private prefix: readonly PPToken[] = [];
  private resuming = false;
  /** Every #define/#undef with the definition it replaced, so a checkpoint can be restored (a resumed run: its own, undone at its end). */
  private journalNames: string[] = [];
  private journalPrev: (Macro | undefined)[] = [];
  private checkpoints: Checkpoint[] = [];
  private lazyMacros: (() => Map<string, Macro>) | undefined;
  private budget: number;
  private aborted = false;
  private entry = '';
  // Function-body recognition at file scope (skipFunctionBodies): brace depth and the last parenthesis group.
  private depth = 0;
  private parens: number[] = [];
  private groupOpen = -1;
  private groupClose = -1;
  /** Function bodies passed over (skipFunctionBodies). */
  skippedBodies = 0;
  private unknownNoted: string[] = [];
  private readonly main: Expander;
  private readonly ifExpander: Expander;
  private readonly resolver: IncludeResolver;

  constructor(private readonly opts: PreprocessOptions) {
    this.resolver = opts.resolver;
    this.budget = opts.expansionLimit ?? DEFAULT_EXPANSION_LIMIT;
    // A base table is shared until something is defined: a hunk's snippet is preprocessed
    // hundreds of times per thread, and copying the prelude's table was most of its cost.
    this.table = (opts.baseMacros as Map<string, Macro> | undefined) ?? new Map();
    this.ownTable = !opts.baseMacros;
    for (const name of BUILTINS) {
      if (this.table.get(name)?.builtin) continue;
      this.writable().set(name, { name, variadic: false, body: [], file: '<built-in>', offset: 0, builtin: true });
    }
    if (!opts.baseMacros) for (const [n, b] of opts.model.defines) this.defineText(n, b, '<built-in>');
    for (const [n, b] of opts.defines ?? []) this.defineText(n, b, '<command-line>');
    for (const n of opts.undefines ?? []) if (this.table.has(n)) this.writable().delete(n);
    this.main = new Expander(this, this);
    this.ifExpander = new Expander(this, null, true);
  }

  get macros(): ReadonlyMap<string, Macro> {
    return this.table;
  }

  private writable(): Map<string, Macro> {
    if (!this.ownTable) {
      this.table = new Map(this.table);
      this.ownTable = true;
    }
    return this.table;
  }

  /** Defines `name` (or `name(params)`) as `body`, as `-D` does. */
  defineText(name: string, body: string, file: string): void {
    const toks = lex(`${name} ${body}`, file);
    const m = parseDefine(toks, 0, toks.length, (msg) => this.diag('error', msg, toks[0] ?? { file, offset: 0 }));
    if (m) this.writable().set(m.name, m);
  }

  /** Preprocesses `entry` (a path the resolver can load) and returns the expanded tokens. */
  run(entry: string): PreprocessResult {
    this.entry = entry;
    const file = this.resolver.load(entry);
    if (!file) {
      this.diag('error', `cannot read ${entry}`, { file: entry, offset: 0 });
      return this.result();
    }
    this.enter(file, -1);
    const forced = this.opts.forcedIncludes ?? [];
    for (let k = forced.length - 1; k >= 0; k--) {
      const f = this.resolver.load(forced[k]);
      if (f) this.enter(f, -1);
      else this.diag('error', `cannot find forced include ${forced[k]}`, { file: entry, offset: 0 });
    }
    this.loop();
    return this.result();
  }

  /**
   * Runs again with one file changed (a patched header), starting from the state `base`
   * had at the last directive of that file before the first changed byte instead of from
   * the top. Returns undefined when `base` has no usable checkpoint (run from the top then).
   * `base` must have been made with the same options apart from the patched file; its
   * macro table is borrowed during the run and left as it was.
   */
  resume(base: Preprocessor, path: string, text: string): PreprocessResult | undefined {
    const old = base.resolver.load(path);
    if (!old) return undefined;
    const diff = firstDifference(old.text, text);
    let cp: Checkpoint | undefined;
    let cpIndex = -1;
    for (let k = 0; k < base.checkpoints.length; k++) {
      const c = base.checkpoints[k];
      if (c.file === path && c.offset <= diff) { cp = c; cpIndex = k; }
    }
    if (!cp) return undefined;
    const top = cp.frames[cp.frames.length - 1];
    // Tokens before the checkpoint are unchanged, and so are those after the change, shifted.
    const tail = relexFrom(old.text, old.tokens, text, cp.offset, path);
    const patched = makeFileFromTokens(path, text, old.tokens.slice(0, top.i).concat(tail));

    // Borrow base's macro table: back to the checkpoint, run, then restore it.
    const macros = base.writable();
    const baseFinal = new Map<string, Macro | undefined>();
    for (let j = cp.journal; j < base.journalNames.length; j++) {
      const name = base.journalNames[j];
      if (!baseFinal.has(name)) baseFinal.set(name, macros.get(name));
    }
    for (let j = base.journalNames.length - 1; j >= cp.journal; j--) setOrDelete(macros, base.journalNames[j], base.journalPrev[j]);
    const atCheckpoint = new Map<string, Macro | undefined>();
    for (const name of baseFinal.keys()) atCheckpoint.set(name, macros.get(name));

    this.entry = base.entry;
    // Written in place (restored when the run ends): never copied.
    this.table = macros;
    this.ownTable = true;
    // Only this run's own changes are journalled: they are undone when it ends.
    this.journalNames = [];
    this.journalPrev = [];
    // Base's tokens are shared, not copied: pushing young tokens onto a copy of that size
    // costs more than the rest of the run.
    this.resuming = true;
    this.prefix = base.out;
    this.outBase = cp.out;
    this.out = [];
    this.regions = base.regions.slice(0, cp.regions);
    this.diagnostics = base.diagnostics.slice(0, cp.diagnostics);
    this.files = base.files.slice(0, cp.files);
    this.seen = new Set(this.files);
    this.once = base.once.slice(0, cp.once);
    this.unknownNoted = base.unknownNoted.slice(0, cp.unknownNoted);
    this.counter = cp.counter;
    this.skippedBodies = cp.skippedBodies;
    this.depth = cp.depth;
    this.parens = [...cp.parens];
    this.groupOpen = cp.groupOpen;
    this.groupClose = cp.groupClose;
    this.frames = cp.frames.map((f) => ({
      file: f.file.path === path ? patched : f.file, i: f.i, d: 0, dir: f.dir,
      conds: f.conds.map((c) => ({ ...c, chain: [...c.chain] })),
    }));
    // Branches still open at the checkpoint end somewhere in the new text (copies: the base result keeps its own).
    for (const f of this.frames) {
      for (const c of f.conds) {
        for (const k of c.chain) if (this.regions[k]) this.regions[k] = { ...this.regions[k] };
        if (this.regions[c.region]) this.regions[c.region].end = -1;
      }
    }
    try {
      this.loop();
    } finally {
      const ownFinal = new Map<string, Macro | undefined>();
      for (let j = 0; j < this.journalNames.length; j++) {
        const name = this.journalNames[j];
        if (!ownFinal.has(name)) ownFinal.set(name, macros.get(name));
      }
      for (let j = this.journalNames.length - 1; j >= 0; j--) setOrDelete(macros, this.journalNames[j], this.journalPrev[j]);
      for (const [name, m] of baseFinal) setOrDelete(macros, name, m);
      // This run's own table, built only if asked for: base's, back at the checkpoint, plus this run's changes.
      let own: Map<string, Macro> | undefined;
      const ownMacros = (): Map<string, Macro> => {
        if (!own) {
          own = new Map(macros);
          for (const [name, m] of atCheckpoint) setOrDelete(own, name, m);
          for (const [name, m] of ownFinal) setOrDelete(own, name, m);
        }
        return own;
      };
      this.table = new Map();
      this.lazyMacros = ownMacros;
    }
    return this.result();
  }

  private result(): PreprocessResult {
    const lazy = this.lazyMacros;
    const macros = this.table;
    const own = this.out;
    if (!this.resuming) {
      return {
        tokens: own, diagnostics: this.diagnostics, regions: this.regions, files: this.files,
        get macros(): ReadonlyMap<string, Macro> { return lazy ? lazy() : macros; },
      };
    }
    const prefix = this.prefix;
    const at = this.outBase;
    let all: PPToken[] | undefined;
    return {
      get tokens(): PPToken[] { return (all ??= prefix.slice(0, at).concat(own)); },
      diagnostics: this.diagnostics, regions: this.regions, files: this.files,
      get macros(): ReadonlyMap<string, Macro> { return lazy ? lazy() : macros; },
      resumed: { base: prefix, at, tail: own },
    };
  }

  /** Output token `i` of the whole unit (base's, for a resumed run's shared part). */
  private outAt(i: number): PPToken | undefined {
    return i < this.outBase ? this.prefix[i] : this.out[i - this.outBase];
  }

  private loop(): void {
    const tokens = this.out;
    const base = this.outBase;
    const skipBodies = this.opts.skipFunctionBodies === true;
    for (let t = this.main.next(); t && !this.aborted; t = this.main.next()) {
      if (t.kind === 'ident' && t.text === '_Pragma') {
        this.skipPragmaOperator();
        continue;
      }
      tokens.push(t);
      if (!skipBodies || t.kind !== 'punct') continue;
      const c = t.text;
      if (c === '{') {
        if (this.depth === 0 && this.groupClose === base + tokens.length - 2 && isDeclarator(this.outAt(this.groupOpen - 1))) {
          const end = this.main.skipBraces();
          if (end) tokens.push(end);
          this.skippedBodies++;
          continue;
        }
        this.depth++;
      } else if (c === '}') {
        if (this.depth > 0) this.depth--;
      } else if (this.depth === 0) {
        if (c === '(') this.parens.push(base + tokens.length - 1);
        else if (c === ')') {
          this.groupOpen = this.parens.pop() ?? -1;
          this.groupClose = base + tokens.length - 1;
        } else if (c === ';') this.parens.length = 0;
      }
    }
  }

  private setMacro(name: string, m: Macro | undefined): void {
    this.journalNames.push(name);
    this.journalPrev.push(this.table.get(name));
    if (m) this.writable().set(name, m);
    else if (this.table.has(name)) this.writable().delete(name);
  }

  /** Remembers the state before a directive of a top-level header, for resume(). */
  private checkpoint(f: Frame): void {
    this.checkpoints.push({
      file: f.file.path, offset: f.file.tokens[f.i].offset,
      frames: this.frames.map((x) => ({ file: x.file, i: x.i, dir: x.dir, conds: x.conds.map((c) => ({ ...c, chain: [...c.chain] })) })),
      journal: this.journalNames.length, out: this.outBase + this.out.length, regions: this.regions.length, diagnostics: this.diagnostics.length,
      files: this.files.length, once: this.once.length, unknownNoted: this.unknownNoted.length, counter: this.counter,
      skippedBodies: this.skippedBodies, depth: this.depth, parens: [...this.parens], groupOpen: this.groupOpen, groupClose: this.groupClose,
    });
  }

  // ---- RawSource: tokens of the files, with directives carried out ----

  next(): PPToken | null {
    for (;;) {
      const f = this.frames[this.frames.length - 1];
      if (!f || this.aborted) return null;
      const toks = f.file.tokens;
      const top = f.conds[f.conds.length - 1];
      if (top && !top.active) {
        // Jump to the next directive: nothing else in a false group matters.
        const d = f.file.directives;
        while (f.d < d.length && d[f.d] < f.i) f.d++;
        f.i = f.d < d.length ? d[f.d] : toks.length;
      }
      if (f.i >= toks.length) {
        this.leave();
        continue;
      }
      const t = toks[f.i];
      if (t.lineStart && t.kind === 'punct' && t.text === '#') {
        this.directive(f);
        continue;
      }
      f.i++;
      return t;
    }
  }

  private enter(file: SourceFile, dir: number): void {
    if (this.frames.length >= MAX_DEPTH) {
      this.diag('error', `#include nested too deeply at ${file.path}`, { file: file.path, offset: 0 });
      return;
    }
    if (!this.seen.has(file.path)) {
      this.seen.add(file.path);
      this.files.push(file.path);
    }
    this.frames.push({ file, i: 0, d: 0, dir, conds: [] });
  }

  private leave(): void {
    const f = this.frames.pop() as Frame;
    for (let k = f.conds.length - 1; k >= 0; k--) {
      const r = this.regions[f.conds[k].region];
      if (r) {
        r.end = f.file.text.length;
        this.diag('error', `unterminated #${r.directive} (no #endif before the end of ${f.file.path})`, { file: f.file.path, offset: r.start });
      }
    }
  }

  // ---- directives ----

  private directive(f: Frame): void {
    // Depth 2: the headers the unit includes directly, which is what a patch to one of them resumes from.
    // A resumed run cannot serve as a base (it borrows base's macro table): no checkpoints.
    if (this.opts.checkpoints && !this.resuming && this.frames.length <= 2 && this.main.idle()) this.checkpoint(f);
    const toks = f.file.tokens;
    const hash = toks[f.i];
    let end = f.i + 1;
    while (end < toks.length && !toks[end].lineStart) end++;
    const nameTok = end > f.i + 1 ? toks[f.i + 1] : undefined;
    const start = f.i + 2;
    f.i = end;
    const name = nameTok?.text ?? '';
    const top = f.conds[f.conds.length - 1];
    if (top && !top.active && !COND_DIRECTIVES.has(name)) return;
    if (name === 'define') {
      const m = this.defineAt(toks, hash, start, end);
      if (m) this.setMacro(m.name, m);
      return;
    }
    const args = toks.slice(start, end);
    switch (name) {
      case '': return;
      case 'undef':
        if (args[0]?.kind === 'ident') this.setMacro(args[0].text, undefined);
        else this.diag('error', '#undef needs a macro name', hash);
        return;
      case 'include':
      case 'include_next':
        this.include(f, hash, args, name === 'include_next');
        return;
      case 'if':
      case 'ifdef':
      case 'ifndef':
        this.openGroup(f, hash, name, args);
        return;
      case 'elif':
      case 'elifdef':
      case 'elifndef':
      case 'else':
        this.nextBranch(f, hash, name, args);
        return;
      case 'endif': {
        const c = f.conds.pop();
        if (!c) {
          this.diag('error', '#endif without #if', hash);
          return;
        }
        this.closeRegion(c, hash.offset);
        return;
      }
      case 'pragma':
        if (args[0]?.text === 'once' && !this.once.includes(f.file.path)) this.once.push(f.file.path);
        return;
      case 'error':
      case 'warning':
        this.diag(name === 'error' ? 'error' : 'warning', `#${name} ${lineText(f.file, args)}`, hash);
        return;
      case 'line':
      case 'ident':
      case 'sccs':
      case 'assert':
      case 'unassert':
        return;
      default:
        if (nameTok?.kind === 'number') return; // `# 12 "file"` line markers
        this.diag('warning', `unknown directive #${name}`, hash);
    }
  }

  /**
   * The macro a `#define` line defines. A line of a lexed file always reads the same, and
   * files are shared between runs, so each line is parsed once (its `#` token is the key).
   */
  private defineAt(toks: readonly Token[], hash: Token, start: number, end: number): Macro | undefined {
    const hit = parsedDefines.get(hash);
    if (hit !== undefined) return hit ?? undefined;
    let bad = false;
    const m = parseDefine(toks, start, end, (msg) => {
      bad = true;
      this.diag('error', msg, hash);
    });
    // A bad line is parsed again next time so its diagnostic is reported again.
    if (!bad) parsedDefines.set(hash, m ?? null);
    return m;
  }

  private openGroup(f: Frame, hash: Token, name: string, args: Token[]): void {
    const parent = f.conds[f.conds.length - 1];
    const parentActive = parent ? parent.active : true;
    const value = parentActive ? this.condition(name, args, hash) : false;
    const region = this.openRegion(f, hash, name as GuardedRegion['directive'], args, [], value, parent);
    f.conds.push({ active: value, done: value || !parentActive, parentActive, sawElse: false, region, chain: [region] });
  }

  private nextBranch(f: Frame, hash: Token, name: string, args: Token[]): void {
    const c = f.conds[f.conds.length - 1];
    if (!c) {
      this.diag('error', `#${name} without #if`, hash);
      return;
    }
    if (c.sawElse) this.diag('error', `#${name} after #else`, hash);
    this.closeRegion(c, hash.offset);
    let value = false;
    if (!c.done) value = name === 'else' ? true : this.condition(name, args, hash);
    if (name === 'else') c.sawElse = true;
    const parent = f.conds[f.conds.length - 2];
    c.region = this.openRegion(f, hash, name as GuardedRegion['directive'], name === 'else' ? [] : args, [...c.chain], value, parent);
    c.chain.push(c.region);
    c.active = value;
    c.done = c.done || value;
  }

  private openRegion(
    f: Frame, hash: Token, directive: GuardedRegion['directive'], args: Token[], previous: number[], taken: boolean, parent: Cond | undefined,
  ): number {
    if (this.opts.regions === false) return -1;
    this.regions.push({ file: f.file.path, directive, start: hash.offset, end: -1, condition: args, previous, parent: parent ? parent.region : -1, taken });
    return this.regions.length - 1;
  }

  private closeRegion(c: Cond, offset: number): void {
    const r = this.regions[c.region];
    if (r) r.end = offset;
  }

  private condition(name: string, args: Token[], hash: Token): boolean {
    if (name === 'ifdef' || name === 'ifndef' || name === 'elifdef' || name === 'elifndef') {
      const id = args[0];
      if (!id || id.kind !== 'ident') {
        this.diag('error', `#${name} needs a macro name`, hash);
        return false;
      }
      const has = this.macros.has(id.text);
      return name.endsWith('ndef') ? !has : has;
    }
    const expanded = this.ifExpander.expandList(args);
    const unknown = new Set<string>();
    try {
      const v = evalPPExpr(expanded, unknown);
      for (const u of unknown) {
        if (this.unknownNoted.includes(u)) continue;
        this.unknownNoted.push(u);
        this.diag('note', `"${u}" is not defined; taken as 0 in #${name}`, hash);
      }
      return v.v !== 0n;
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      this.diag('error', `bad #${name} expression (${e.message}): ${args.map((t) => t.text).join(' ')}`, hash);
      return false;
    }
  }

  private include(f: Frame, hash: Token, args: Token[], next: boolean): void {
    let spec = includeSpec(f.file, args);
    if (!spec) {
      // `#include MACRO`: expand, then read the result the same way.
      const expanded = this.ifExpander.expandList(args);
      spec = expanded[0]?.kind === 'string'
        ? { name: expanded[0].text.slice(1, -1), angled: false }
        : expanded[0]?.text === '<' ? { name: expanded.slice(1, -1).map((t) => t.text).join(''), angled: true } : undefined;
    }
    if (!spec) {
      this.diag('error', `#include expects "FILE" or <FILE>: ${args.map((t) => t.text).join(' ')}`, hash);
      return;
    }
    const r = this.resolver.resolve(spec.name, spec.angled, f.file.path, f.dir, next);
    const shown = spec.angled ? `<${spec.name}>` : `"${spec.name}"`;
    if (!r) {
      this.diag('error', `cannot find include file ${shown}`, hash);
      return;
    }
    if (this.once.includes(r.path)) return;
    const file = this.resolver.load(r.path) as SourceFile;
    if (file.guard && this.macros.has(file.guard)) return;
    this.enter(file, r.dir);
  }

  private skipPragmaOperator(): void {
    if (this.main.next()?.text !== '(') return;
    let depth = 0;
    for (let t = this.main.next(); t; t = this.main.next()) {
      if (t.text === '(') depth++;
      else if (t.text === ')' && depth-- === 0) return;
    }
  }

  // ---- ExpandEnv ----

  builtin(name: string, at: PPToken): PPToken[] {
    const f = this.frames[this.frames.length - 1];
    const tok = (kind: 'number' | 'string', text: string): PPToken[] => [mkToken(kind, text, at.offset, at.file, at.spaceBefore, undefined, at.macro ?? name)];
    switch (name) {
      case '__LINE__': return tok('number', String(lineOf(this.resolver.load(at.file), at.offset)));
      case '__FILE__': return tok('string', JSON.stringify(this.mapFile(f?.file.path ?? at.file)));
      case '__BASE_FILE__': return tok('string', JSON.stringify(this.mapFile(this.frames[0]?.file.path ?? at.file)));
      case '__COUNTER__': return tok('number', String(this.counter++));
      case '__INCLUDE_LEVEL__': return tok('number', String(Math.max(0, this.frames.length - 1)));
      default: return [];
    }
  }

  private mapFile(path: string): string {
    for (const [from, to] of this.opts.filePrefixMap ?? []) if (path.startsWith(from)) return to + path.slice(from.length);
    return path;
  }

  hasFeature(op: string, args: PPToken[], at: PPToken): boolean {
    if (op === '__has_include' || op === '__has_include_next') {
      const f = this.frames[this.frames.length - 1];
      const spec = args[0]?.kind === 'string'
        ? { name: args[0].text.slice(1, -1), angled: false }
        : { name: args.slice(1, -1).map((t) => t.text).join(''), angled: true };
      return !!this.resolver.resolve(spec.name, spec.angled, f?.file.path ?? at.file, f?.dir ?? -1, op === '__has_include_next');
    }
    const name = args.map((t) => t.text).join('').replace(/^(gnu|clang)::/, '');
    if (op === '__has_builtin') return this.opts.model.builtins.has(name);
    // GCC treats __x__ and x alike for attributes.
    const bare = name.startsWith('__') && name.endsWith('__') && name.length > 4 ? name.slice(2, -2) : name;
    return this.opts.model.attributes.has(bare);
  }

  warn(message: string, at: Token): void {
    this.diag('warning', message, at);
  }

  spend(n: number, at: Token): boolean {
    this.budget -= n;
    if (this.budget >= 0) return true;
    if (!this.aborted) {
      this.aborted = true;
      this.diag('error', `macro expansion limit reached (${this.opts.expansionLimit ?? DEFAULT_EXPANSION_LIMIT} tokens) at "${at.text}": preprocessing stopped`, at);
    }
    return false;
  }

  private diag(level: DiagnosticLevel, message: string, at: { file: string; offset: number }): void {
    this.diagnostics.push({ level, message, file: at.file, offset: at.offset });
  }
}

/** Preprocesses one file with the given options (see `Preprocessor` for reuse of lexed files). */
export function preprocess(entry: string, opts: PreprocessOptions): PreprocessResult {
  return new Preprocessor(opts).run(entry);
}

export type { SourceTree };
