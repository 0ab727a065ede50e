/*
 * The C type model the declaration parser builds and the layout engine consumes.
 * Sizes are not stored here: array lengths, bit-field widths and enum values stay
 * expressions until an ABI is chosen, because `sizeof(long)` differs between ABIs.
 */

export type BaseName =
  | 'void' | '_Bool' | 'char' | 'signed char' | 'unsigned char'
  | 'short' | 'unsigned short' | 'int' | 'unsigned int'
  | 'long' | 'unsigned long' | 'long long' | 'unsigned long long'
  | '__int128' | 'unsigned __int128'
  | 'float' | 'double' | 'long double'
  | '_Float16' | '__float128'
  | 'float _Complex' | 'double _Complex' | 'long double _Complex';

/** Where a declaration was read from (offset into that source). */
export interface SourcePos {
  file: string;
  offset: number;
}

export type CType =
  | { kind: 'base'; name: BaseName }
  | { kind: 'pointer'; to: CType }
  /** `length` undefined: `[]` (flexible array member or incomplete array). */
  | { kind: 'array'; of: CType; length?: Expr }
  /** `params`: the parameter list as written, for display only. */
  | { kind: 'function'; returns: CType; params?: string }
  | { kind: 'record'; decl: RecordDecl }
  | { kind: 'enum'; decl: EnumDecl }
  /** A typedef name; `aligned` from an attribute on the typedef (which may also lower alignment). */
  | { kind: 'typedef'; name: string; type: CType; aligned?: Expr }
  | { kind: 'atomic'; type: CType }
  /** `typeof(expr)`: typed when laid out, since the type may depend on the ABI. */
  | { kind: 'typeof'; expr: Expr }
  /** A name used as a type that was never declared: an error only if its layout is needed. */
  | { kind: 'unknown'; name: string; pos: SourcePos; reason?: string };

export interface FieldDecl {
  /** Undefined for anonymous struct/union members and unnamed bit-fields. */
  name?: string;
  type: CType;
  bitWidth?: Expr;
  packed: boolean;
  /** Explicit `aligned(N)` on the member; several attributes keep the largest. */
  aligned?: Expr[];
  pos: SourcePos;
}

export interface RecordDecl {
  kind: 'struct' | 'union';
  tag?: string;
  /** Undefined while only forward-declared. */
  fields?: FieldDecl[];
  packed: boolean;
  aligned?: Expr[];
  pos: SourcePos;
  /** Set when the body could not be parsed: laying it out must fail with this message. */
  error?: string;
  /** `__randomize_layout` under CONFIG_RANDSTRUCT: the order depends on the build's seed. */
  randomized?: boolean;
}

export interface Enumerator {
  name: string;
  value?: Expr;
  pos: SourcePos;
}

export interface EnumDecl {
  tag?: string;
  /** Undefined while only forward-declared. */
  enumerators?: Enumerator[];
  packed: boolean;
  aligned?: Expr[];
  pos: SourcePos;
}

export type Expr =
  | { kind: 'num'; value: bigint; unsigned: boolean; long: number }
  | { kind: 'ident'; name: string; pos: SourcePos }
  | { kind: 'unary'; op: string; arg: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'cond'; test: Expr; then: Expr; else: Expr }
  | { kind: 'cast'; type: CType; arg: Expr }
  | { kind: 'sizeofType'; type: CType }
  | { kind: 'sizeofExpr'; arg: Expr }
  | { kind: 'alignofType'; type: CType; preferred: boolean }
  | { kind: 'alignofExpr'; arg: Expr; preferred: boolean }
  | { kind: 'offsetof'; type: CType; path: (string | Expr)[] }
  | { kind: 'member'; arg: Expr; name: string; arrow: boolean }
  | { kind: 'index'; arg: Expr; index: Expr }
  | { kind: 'call'; callee: string; args: Expr[] }
  | { kind: 'typesCompatible'; a: CType; b: CType }
  | { kind: 'chooseExpr'; test: Expr; then: Expr; else: Expr }
  | { kind: 'string'; text: string }
  | { kind: 'unsupported'; what: string; pos: SourcePos };

export interface EnumConstant {
  decl: EnumDecl;
  index: number;
}

export interface TranslationUnit {
  structs: Map<string, RecordDecl>;
  unions: Map<string, RecordDecl>;
  enums: Map<string, EnumDecl>;
  typedefs: Map<string, CType>;
  enumConstants: Map<string, EnumConstant>;
  /** File-scope objects (`extern`/`static` variables), for `typeof(var)` and `sizeof var`. */
  variables: Map<string, CType>;
  /** Problems that did not stop parsing (skipped declarations), with positions. */
  diagnostics: { message: string; pos: SourcePos }[];
}

export function emptyUnit(): TranslationUnit {
  return {
    structs: new Map(), unions: new Map(), enums: new Map(), typedefs: new Map(),
    enumConstants: new Map(), variables: new Map(), diagnostics: [],
  };
}

/** Strips typedefs, so callers can look at the structural type. */
export function resolveType(t: CType): CType {
  while (t.kind === 'typedef') t = t.type;
  return t;
}

/** Spelling of a type in C, for `type` fields of layouts and error messages. */
export function typeName(t: CType): string {
  return spell(t, '').trim();
}

function spell(t: CType, inner: string): string {
  switch (t.kind) {
    case 'base': return `${t.name}${inner ? ' ' + inner : ''}`;
    case 'typedef': return `${t.name}${inner ? ' ' + inner : ''}`;
    case 'unknown': return `${t.name}${inner ? ' ' + inner : ''}`;
    case 'record': return `${t.decl.kind} ${t.decl.tag ?? '{...}'}${inner ? ' ' + inner : ''}`;
    case 'enum': return `enum ${t.decl.tag ?? '{...}'}${inner ? ' ' + inner : ''}`;
    case 'atomic': return `_Atomic ${spell(t.type, inner)}`;
    case 'typeof': return `typeof(${exprText(t.expr)})${inner ? ' ' + inner : ''}`;
    case 'pointer': {
      const to = t.to;
      const wrap = to.kind === 'array' || to.kind === 'function';
      return spell(to, wrap ? `(*${inner})` : `*${inner}`);
    }
    case 'array': return spell(t.of, `${inner}[${t.length ? exprText(t.length) : ''}]`);
    case 'function': return spell(t.returns, `${inner}(${t.params ?? '...'})`);
  }
}

/** Compact spelling of an expression (for array bounds in type names). */
export function exprText(e: Expr): string {
  switch (e.kind) {
    case 'num': return e.value.toString();
    case 'ident': return e.name;
    case 'unary': return `${e.op}${exprText(e.arg)}`;
    case 'binary': return `${exprText(e.left)} ${e.op} ${exprText(e.right)}`;
    case 'cond': return `${exprText(e.test)} ? ${exprText(e.then)} : ${exprText(e.else)}`;
    case 'cast': return `(${typeName(e.type)})${exprText(e.arg)}`;
    case 'sizeofType': return `sizeof(${typeName(e.type)})`;
    case 'sizeofExpr': return `sizeof(${exprText(e.arg)})`;
    case 'alignofType': return `_Alignof(${typeName(e.type)})`;
    case 'alignofExpr': return `_Alignof(${exprText(e.arg)})`;
    case 'offsetof': return `offsetof(${typeName(e.type)}, ...)`;
    case 'member': return `${exprText(e.arg)}${e.arrow ? '->' : '.'}${e.name}`;
    case 'index': return `${exprText(e.arg)}[${exprText(e.index)}]`;
    case 'call': return `${e.callee}(...)`;
    case 'typesCompatible': return '__builtin_types_compatible_p(...)';
    case 'chooseExpr': return '__builtin_choose_expr(...)';
    case 'string': return e.text;
    case 'unsupported': return e.what;
  }
}
