// Reads the members a snippet of a hunk declares under one configuration: the snippet is
// preprocessed (kernel macros, the scenario's options) and parsed as a struct body, and
// each member is traced back to the hunk line it came from.
import type { FieldDecl, RecordDecl, TranslationUnit } from '../c/ctypes';
import { IncludeResolver } from '../c/include';
import { parseDeclarations } from '../c/parse';
import { gccModel, kernelDefines } from '../c/prelude-gcc';
import { Preprocessor } from '../c/preprocess';
import type { Macro } from '../c/preprocess-types';
import type { AbiName } from '../layout/types';
import { kernelMacros } from './kernel-macros';
import { lineAt, type Snippet } from './snippet';

export const BODY_TAG = '__kpl_hunk_body';
const ENTRY = '<hunk>';
const MACROS = '<kernel-macros>';
const EMPTY_TREE = { read: (): string | undefined => undefined };

export interface SnippetMember {
  field: FieldDecl;
  /** Index of the hunk line the member's declaration starts on. */
  line: number;
}

export interface ParsedSnippet {
  unit: TranslationUnit;
  members: SnippetMember[];
  problems: string[];
}

const preludes = new Map<AbiName, ReadonlyMap<string, Macro>>();

/** The compiler's and the kernel's macros, read once per ABI and shared by every snippet. */
function prelude(abi: AbiName): ReadonlyMap<string, Macro> {
  let macros = preludes.get(abi);
  if (!macros) {
    const overlay = new Map([[ENTRY, ''], [MACROS, kernelMacros(abi)]]);
    macros = new Preprocessor({
      resolver: new IncludeResolver(EMPTY_TREE, [], { overlay }),
      model: gccModel(abi),
      defines: kernelDefines(abi),
      forcedIncludes: [MACROS],
    }).run(ENTRY).macros;
    preludes.set(abi, macros);
  }
  return macros;
}

function run(text: string, defines: readonly [string, string][], abi: AbiName): { unit: TranslationUnit; problems: string[] } {
  const model = gccModel(abi);
  const pp = new Preprocessor({
    resolver: new IncludeResolver(EMPTY_TREE, [], { overlay: new Map([[ENTRY, text]]) }),
    model: { ...model, defines: [] },
    defines,
    baseMacros: prelude(abi),
    regions: false,
  });
  const r = pp.run(ENTRY);
  const unit = parseDeclarations(r.tokens);
  const problems = [
    ...r.diagnostics.filter((d) => d.level === 'error').map((d) => d.message),
    ...unit.diagnostics.map((d) => d.message),
  ];
  return { unit, problems };
}

/** Members of a struct-body snippet under `defines` (the scenario's configuration). */
export function parseBodySnippet(s: Snippet, defines: readonly [string, string][], abi: AbiName): ParsedSnippet {
  const head = `struct ${BODY_TAG} {\n`;
  const { unit, problems } = run(head + s.text + '\n};\n', defines, abi);
  const decl = unit.structs.get(BODY_TAG);
  const members: SnippetMember[] = [];
  for (const field of decl?.fields ?? []) {
    const off = field.pos.offset - head.length;
    const line = off >= 0 && off <= s.text.length ? s.lineOf[lineAt(s, off)] : -1;
    members.push({ field, line });
  }
  if (!decl?.fields) problems.push('the hunk\'s lines do not read as struct members');
  return { unit, members, problems };
}

/** Struct and union definitions of a file-scope snippet (new structs a hunk defines). */
export function parseFileSnippet(s: Snippet, defines: readonly [string, string][], abi: AbiName): { unit: TranslationUnit; records: RecordDecl[]; problems: string[] } {
  const { unit, problems } = run(s.text + '\n', defines, abi);
  const records = [...unit.structs.values(), ...unit.unions.values()].filter((d) => d.fields !== undefined);
  return { unit, records, problems };
}
