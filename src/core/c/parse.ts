/*
 * Declaration parser over preprocessed tokens: collects struct/union/enum tags, typedefs,
 * enum constants and file-scope objects, skipping function bodies. GCC syntax included
 * (attributes, typeof, _Static_assert, __int128, _Atomic). A declaration that cannot be
 * parsed becomes a diagnostic and parsing resumes after it.
 */
import type { BaseName, CType, EnumDecl, Expr, FieldDecl, SourcePos, TranslationUnit } from './ctypes';
import { emptyUnit } from './ctypes';
import { Cursor, ParseError, describe } from './parse-cursor';
import { ExprParser, type TypeHost } from './parse-expr';
import { BARE_ALIGNED, emptyAttrs, parseAttributes, withTypeAttrs, type Attrs } from './parse-attrs';
import { UnitJournal } from './parse-journal';
import type { Token } from './token';


interface Specs {
  type: CType;
  storage?: string;
  attrs: Attrs;
}

interface Declarator {
  name?: string;
  pos: SourcePos;
  apply: (t: CType) => CType;
  attrs: Attrs;
}

const STORAGE = new Set(['typedef', 'extern', 'static', 'auto', 'register', 'inline', '__inline', '__inline__',
  '_Thread_local', '__thread', '_Noreturn', '__extension__', 'thread_local', 'constexpr']);
const QUALIFIERS = new Set(['const', 'volatile', 'restrict', '__restrict', '__restrict__', '__const', '__const__',
  '__volatile', '__volatile__']);
const BASE_WORDS = new Set(['void', 'char', 'short', 'int', 'long', 'float', 'double', 'signed', '__signed__', '__signed',
  'unsigned', '_Bool', '__int128', '_Complex', '__complex__', '_Float16', '__float128']);
const TYPE_WORDS = new Set([...BASE_WORDS, ...QUALIFIERS, 'struct', 'union', 'enum', 'typeof', '__typeof__', '__typeof',
  '_Atomic', '__attribute__', '__attribute', '_Alignas', 'alignas']);
const ATTRIBUTE = new Set(['__attribute__', '__attribute']);
const ASM = new Set(['asm', '__asm__', '__asm']);

export function parseDeclarations(tokens: Token[], unit: TranslationUnit = emptyUnit()): TranslationUnit {
  new DeclParser(tokens, unit).run();
  return unit;
}

/** A unit with the undo log of its parse, so a patched variant of its tokens can reuse it. */
export interface JournaledUnit {
  unit: TranslationUnit;
  tokens: readonly Token[];
  journal: UnitJournal;
}

export function parseJournaled(tokens: Token[]): JournaledUnit {
  const unit = emptyUnit();
  const journal = new UnitJournal(unit);
  new DeclParser(tokens, unit, journal).run();
  return { unit, tokens, journal };
}

/** Tokens that share base's first `at` tokens and go on with `tail` (a resumed preprocessing's). */
export interface SharedTokens {
  base: readonly Token[];
  at: number;
  tail: readonly Token[];
}

/**
 * `use` sees the unit of `tokens` as a full parse would build it: base's unit is taken back
 * to the last declaration before `tokens.at`, the rest parsed into it, and afterwards
 * everything put back. The unit is base's, on loan: it must not escape `use`.
 */
export function withReparsed<T>(base: JournaledUnit, tokens: SharedTokens, use: (unit: TranslationUnit) => T): T {
  if (tokens.base !== base.tokens) throw new Error('withReparsed: the tokens do not continue the unit parsed (another base run)');
  const same = tokens.at;
  const k = base.journal.boundaryBefore(same);
  const from = k < 0 ? 0 : base.journal.starts[k];
  const rest = base.tokens.slice(from, same).concat(tokens.tail);
  const rewound = base.journal.rewind(k);
  const loan = new UnitJournal(base.unit);
  try {
    new DeclParser(rest, base.unit, loan).run();
    return use(base.unit);
  } finally {
    loan.discard();
    base.journal.replay(rewound);
  }
}

class DeclParser implements TypeHost {
  private readonly c: Cursor;
  private readonly ex: ExprParser;
  /** Nesting of struct/union bodies being read. */
  private bodyDepth = 0;

  constructor(tokens: Token[], private readonly unit: TranslationUnit, private readonly journal?: UnitJournal) {
    this.c = new Cursor(tokens);
    this.ex = new ExprParser(this.c, this);
  }

  run(): void {
    const c = this.c;
    while (!c.done) {
      const start = c.i;
      this.journal?.mark(start);
      try {
        this.external();
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.unit.diagnostics.push({ message: e.message, pos: e.pos });
        c.i = start;
        c.skipStatement();
        if (c.i === start) c.next();
      }
    }
  }

  private put<V>(map: Map<string, V>, key: string, value: V): void {
    if (this.journal) this.journal.set(map, key, value);
    else map.set(key, value);
  }

  isTypeStart(k: number): boolean {
    const t = this.c.peek(k);
    return t.kind === 'ident' && (TYPE_WORDS.has(t.text) || this.unit.typedefs.has(t.text));
  }

  parseTypeName(): CType {
    const specs = this.specifiers();
    return this.declarator(true).apply(specs.type);
  }

  private external(): void {
    const c = this.c;
    if (c.accept(';')) return;
    if (this.staticAssert()) return;
    if (ASM.has(c.peek().text)) {
      c.next();
      while (QUALIFIERS.has(c.peek().text)) c.next();
      c.skipGroup();
      c.accept(';');
      return;
    }
    const specs = this.specifiers();
    if (c.accept(';')) return;
    for (;;) {
      const d = this.declarator(false);
      this.trailing(d.attrs);
      if (c.is('{')) {
        c.skipGroup();
        return;
      }
      const type = withTypeAttrs(withTypeAttrs(d.apply(specs.type), specs.attrs, d.pos), d.attrs, d.pos);
      if (d.name) {
        if (specs.storage === 'typedef') {
          const aligned = [...specs.attrs.aligned, ...d.attrs.aligned];
          const a = aligned.includes(BARE_ALIGNED) ? BARE_ALIGNED : aligned.length ? maxExpr(aligned) : undefined;
          this.put(this.unit.typedefs, d.name, { kind: 'typedef', name: d.name, type, aligned: a });
        } else if (type.kind !== 'function') this.put(this.unit.variables, d.name, type);
      }
      if (c.accept('=')) c.skipStatement(true);
      if (c.accept(',')) continue;
      c.expect(';', 'after declaration');
      return;
    }
  }

  private staticAssert(): boolean {
    const t = this.c.peek().text;
    if (t !== '_Static_assert' && t !== 'static_assert') return false;
    this.c.next();
    this.c.skipGroup();
    this.c.expect(';', 'after _Static_assert');
    return true;
  }

  /** Attributes and asm labels that may follow a declarator. */
  private trailing(into: Attrs): void {
    for (;;) {
      if (ATTRIBUTE.has(this.c.peek().text)) parseAttributes(this.c, this.ex, into);
      else if (ASM.has(this.c.peek().text)) {
        this.c.next();
        this.c.skipGroup();
      } else return;
    }
  }

  private specifiers(): Specs {
    const c = this.c;
    const attrs: Attrs = emptyAttrs();
    const words: string[] = [];
    let type: CType | undefined;
    let storage: string | undefined;
    let atomic = false;
    const start = c.peek();
    for (;;) {
      const t = c.peek();
      if (t.kind !== 'ident') break;
      const w = t.text;
      if (STORAGE.has(w)) {
        c.next();
        if (w !== '__extension__' && !w.includes('inline')) storage = w;
      } else if (QUALIFIERS.has(w)) c.next();
      else if (ATTRIBUTE.has(w)) parseAttributes(this.c, this.ex, attrs);
      else if (w === '_Atomic') {
        c.next();
        if (c.is('(')) {
          c.next();
          type = { kind: 'atomic', type: this.parseTypeName() };
          c.expect(')', 'after _Atomic(');
        } else atomic = true;
      } else if (w === '_Alignas' || w === 'alignas') {
        c.next();
        c.expect('(');
        if (this.isTypeStart(0)) attrs.aligned.push({ kind: 'alignofType', type: this.parseTypeName(), preferred: false });
        else attrs.aligned.push(this.ex.assignment());
        c.expect(')', `after ${w}(`);
      } else if (BASE_WORDS.has(w)) {
        if (type) break;
        c.next();
        words.push(w);
      } else if (w === 'struct' || w === 'union') {
        if (type || words.length) break;
        type = this.record();
      } else if (w === 'enum') {
        if (type || words.length) break;
        type = this.enumeration();
      } else if (w === 'typeof' || w === '__typeof__' || w === '__typeof') {
        if (type || words.length) break;
        c.next();
        c.expect('(', `after ${w}`);
        type = this.isTypeStart(0) ? this.parseTypeName() : { kind: 'typeof', expr: this.ex.expression() };
        c.expect(')', `after ${w}(`);
      } else if (w === '__auto_type') {
        throw c.error('__auto_type is not supported');
      } else {
        if (type || words.length) break;
        const td = this.unit.typedefs.get(w);
        if (td) {
          c.next();
          type = td;
          continue;
        }
        // An undeclared name followed by something declarator-like is taken as a type name, so
        // the declaration parses and only layouts that need it fail (naming it).
        const n = c.peek(1);
        // (`size_t :0;`, an unnamed bit-field, has only the ':' after it.)
        if ((n.kind === 'ident' && !ASM.has(n.text)) || n.text === '*' || n.text === ':' || (n.text === '(' && c.peek(2).text === '*')) {
          c.next();
          type = { kind: 'unknown', name: w, pos: c.pos(t) };
          continue;
        }
        break;
      }
    }
    if (!type) {
      if (!words.length) throw c.error(`expected a type but found ${describe(c.peek())}`, start);
      type = this.baseType(words, start);
    }
    if (atomic) type = { kind: 'atomic', type };
    return { type, storage, attrs };
  }

  private baseType(words: string[], at: Token): CType {
    let longs = 0;
    let signed: boolean | undefined;
    let complex = false;
    const kinds: string[] = [];
    for (const w of words) {
      if (w === 'long') longs++;
      else if (w === 'unsigned') signed = false;
      else if (w === 'signed' || w === '__signed__' || w === '__signed') signed = true;
      else if (w === '_Complex' || w === '__complex__') complex = true;
      else kinds.push(w);
    }
    if (kinds.length > 1 && !(kinds.length === 2 && kinds.includes('int') && (kinds.includes('short') || kinds.includes('__int128'))))
      throw this.c.error(`invalid type '${words.join(' ')}'`, at);
    const k = kinds.includes('short') ? 'short' : kinds[0] ?? 'int';
    const u = signed === false ? 'unsigned ' : '';
    let name: string;
    switch (k) {
      case 'char': name = signed === undefined ? 'char' : signed ? 'signed char' : 'unsigned char'; break;
      case 'short': name = u + 'short'; break;
      case 'int': name = u + (longs >= 2 ? 'long long' : longs === 1 ? 'long' : 'int'); break;
      case '__int128': name = u + '__int128'; break;
      case 'double': name = longs ? 'long double' : 'double'; break;
      default: name = k;
    }
    if (complex) name = (k === 'int' ? 'double' : name) + ' _Complex';
    return { kind: 'base', name: name as BaseName };
  }

  private record(): CType {
    const c = this.c;
    const kw = c.next();
    const kind = kw.text as 'struct' | 'union';
    const attrs: Attrs = emptyAttrs();
    while (ATTRIBUTE.has(c.peek().text)) parseAttributes(this.c, this.ex, attrs);
    let tag: string | undefined;
    if (c.peek().kind === 'ident' && !ATTRIBUTE.has(c.peek().text)) tag = c.next().text;
    while (ATTRIBUTE.has(c.peek().text)) parseAttributes(this.c, this.ex, attrs);
    const map = kind === 'struct' ? this.unit.structs : this.unit.unions;
    if (!c.is('{')) {
      if (!tag) throw c.error(`expected '{' or a tag after '${kind}'`);
      let decl = map.get(tag);
      if (!decl) {
        decl = { kind, tag, packed: false, pos: c.pos(kw) };
        this.put(map, tag, decl);
      }
      return { kind: 'record', decl };
    }
    let decl = tag ? map.get(tag) : undefined;
    if (!decl || decl.fields || decl.error) {
      decl = { kind, tag, packed: false, pos: c.pos(kw) };
      if (tag) this.put(map, tag, decl);
    } else this.journal?.touch(decl);
    decl.pos = c.pos(kw);
    try {
      decl.fields = this.body();
    } catch (e) {
      if (e instanceof ParseError) decl.error = e.message;
      throw e;
    }
    while (ATTRIBUTE.has(c.peek().text)) parseAttributes(this.c, this.ex, attrs);
    decl.packed = attrs.packed;
    if (attrs.aligned.length) decl.aligned = attrs.aligned;
    if (attrs.randomize) decl.randomized = true;
    if (attrs.unsupported?.length) decl.error = `attribute ${attrs.unsupported.join(', ')} is not modelled`;
    return { kind: 'record', decl };
  }

  private body(): FieldDecl[] {
    this.bodyDepth++;
    try {
      return this.members();
    } finally {
      this.bodyDepth--;
    }
  }

  private members(): FieldDecl[] {
    const c = this.c;
    c.expect('{');
    const fields: FieldDecl[] = [];
    while (!c.accept('}')) {
      if (c.done) throw c.error("missing '}' at the end of a struct body");
      if (c.accept(';') || this.staticAssert()) continue;
      const first = c.peek();
      const specs = this.specifiers();
      if (c.accept(';')) {
        const r = specs.type.kind === 'record' ? specs.type.decl : undefined;
        if (r && !r.tag) fields.push(this.field(undefined, specs.type, undefined, specs.attrs, undefined, c.pos(first)));
        continue;
      }
      for (;;) {
        const d: Declarator = c.is(':')
          ? { pos: c.pos(), apply: (t) => t, attrs: emptyAttrs() }
          : this.declarator(false);
        let width: Expr | undefined;
        if (c.accept(':')) width = this.ex.conditional();
        this.trailing(d.attrs);
        fields.push(this.field(d.name, d.apply(specs.type), width, specs.attrs, d.attrs, d.name ? d.pos : c.pos(first)));
        if (c.accept(',')) continue;
        c.expect(';', 'after struct member');
        break;
      }
    }
    return fields;
  }

  private field(name: string | undefined, type: CType, bitWidth: Expr | undefined, a: Attrs, b: Attrs | undefined, pos: SourcePos): FieldDecl {
    const aligned = b ? [...a.aligned, ...b.aligned] : a.aligned;
    type = withTypeAttrs(withTypeAttrs(type, a, pos), b, pos);
    const f: FieldDecl = { name, type, packed: a.packed || (b?.packed ?? false), pos };
    if (bitWidth) f.bitWidth = bitWidth;
    if (aligned.length) f.aligned = aligned;
    return f;
  }

  private enumeration(): CType {
    const c = this.c;
    const kw = c.next();
    const attrs: Attrs = emptyAttrs();
    while (ATTRIBUTE.has(c.peek().text)) parseAttributes(this.c, this.ex, attrs);
    let tag: string | undefined;
    if (c.peek().kind === 'ident' && !ATTRIBUTE.has(c.peek().text)) tag = c.next().text;
    while (ATTRIBUTE.has(c.peek().text)) parseAttributes(this.c, this.ex, attrs);
    if (c.is(':') && this.isTypeStart(1)) {
      c.next();
      this.parseTypeName();
    }
    if (!c.is('{')) {
      if (!tag) throw c.error("expected '{' or a tag after 'enum'");
      let decl = this.unit.enums.get(tag);
      if (!decl) {
        decl = { tag, packed: false, pos: c.pos(kw) };
        this.put(this.unit.enums, tag, decl);
      }
      return { kind: 'enum', decl };
    }
    let decl = tag ? this.unit.enums.get(tag) : undefined;
    if (!decl || decl.enumerators) {
      decl = { tag, packed: false, pos: c.pos(kw) };
      if (tag) this.put(this.unit.enums, tag, decl);
    } else this.journal?.touch(decl);
    c.expect('{');
    const list: NonNullable<EnumDecl['enumerators']> = [];
    decl.enumerators = list;
    while (!c.accept('}')) {
      const t = c.next();
      if (t.kind !== 'ident') throw c.error(`expected an enumerator but found ${describe(t)}`, t);
      while (ATTRIBUTE.has(c.peek().text)) parseAttributes(this.c, this.ex, emptyAttrs());
      const value = c.accept('=') ? this.ex.assignment() : undefined;
      list.push({ name: t.text, value, pos: c.pos(t) });
      this.put(this.unit.enumConstants, t.text, { decl, index: list.length - 1 });
      if (!c.accept(',')) {
        c.expect('}', 'at the end of an enum');
        break;
      }
    }
    while (ATTRIBUTE.has(c.peek().text)) parseAttributes(this.c, this.ex, attrs);
    decl.packed = attrs.packed;
    if (attrs.aligned.length) decl.aligned = attrs.aligned;
    return { kind: 'enum', decl };
  }

  /** Pointers, a name (absent when `abstract` allows), nested declarators, array and function suffixes. */
  private declarator(abstract: boolean): Declarator {
    const c = this.c;
    const attrs: Attrs = emptyAttrs();
    let pointers = 0;
    for (;;) {
      if (c.accept('*') || c.accept('^')) pointers++;
      else if (QUALIFIERS.has(c.peek().text) || c.is('_Atomic')) c.next();
      else if (ATTRIBUTE.has(c.peek().text)) parseAttributes(this.c, this.ex, attrs);
      else break;
    }
    let name: string | undefined;
    let pos = c.pos();
    let inner: Declarator | undefined;
    const t = c.peek();
    if (t.kind === 'ident' && !ATTRIBUTE.has(t.text) && !ASM.has(t.text)) {
      name = c.next().text;
      pos = c.pos(t);
    } else if (c.is('(') && this.nested(1)) {
      c.next();
      inner = this.declarator(abstract);
      c.expect(')', 'closing a declarator');
      name = inner.name;
      pos = inner.pos;
    } else if (!abstract && !c.is(':')) {
      throw c.error(`expected a declarator but found ${describe(t)}`, t);
    }
    const suffixes: (Expr | undefined | { params: string })[] = [];
    for (;;) {
      if (c.accept('[')) {
        while (c.is('static') || QUALIFIERS.has(c.peek().text)) c.next();
        if (c.accept(']')) suffixes.push(undefined);
        else {
          suffixes.push(this.ex.expression());
          c.expect(']', 'after array size');
        }
      } else if (c.is('(')) {
        // Parameter text is kept for display of members only; prototypes at file scope skip it.
        suffixes.push({ params: this.bodyDepth > 0 ? paramText(c.skipGroup()) : (c.skipGroup(false), '...') });
      } else break;
    }
    const apply = (base: CType): CType => {
      let ty = base;
      for (let i = 0; i < pointers; i++) ty = { kind: 'pointer', to: ty };
      for (let i = suffixes.length - 1; i >= 0; i--) {
        const s = suffixes[i];
        if (s !== undefined && 'params' in s) ty = { kind: 'function', returns: ty, params: s.params };
        else ty = s === undefined ? { kind: 'array', of: ty } : { kind: 'array', of: ty, length: s };
      }
      return inner ? inner.apply(ty) : ty;
    };
    if (inner) {
      attrs.aligned.push(...inner.attrs.aligned);
      attrs.packed ||= inner.attrs.packed;
    }
    return { name, pos, apply, attrs };
  }

  /** After '(': a nested declarator (`(*fn)`), not a parameter list. */
  private nested(k: number): boolean {
    const t = this.c.peek(k);
    if (t.text === '*' || t.text === '^' || t.text === '(' || t.text === '[') return t.kind === 'punct';
    if (t.kind !== 'ident') return false;
    if (ATTRIBUTE.has(t.text)) return true;
    return !this.isTypeStart(k);
  }
}

function paramText(toks: Token[]): string {
  let out = '';
  for (const t of toks) {
    const glue = !out || t.text === ',' || t.text === ')' || t.text === '[' || t.text === ']' || out.endsWith('(') || out.endsWith('*') || out.endsWith('[');
    out += (glue ? '' : ' ') + t.text;
  }
  return out;
}

function maxExpr(list: Expr[]): Expr {
  return list.reduce((a, b) => ({ kind: 'cond', test: { kind: 'binary', op: '>', left: a, right: b }, then: a, else: b }));
}
