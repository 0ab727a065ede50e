// Reads the members a snippet of a hunk declares under one configuration: the snippet is
// preprocessed (kernel macros, the scenario's options) and parsed as a struct body, and
// each member is traced back to the hunk line it came from.
import type { FieldDecl, RecordDecl, TranslationUnit } from '../c/ctypes';
import type { Kconfig } from '../c/kconfig';
import { parseDeclarations } from '../c/parse';
import { preprocessWithPrelude } from '../c/prelude-kernel';
import type { AbiName } from '../layout/types';
import { lineAt, type Snippet } from './snippet';

export const BODY_TAG = '__kpl_hunk_body';
const ENTRY = '<hunk>';
/** Options a snippet names are given explicitly; of the rest only SMP matters to struct macros. */
const SMP_ONLY: Kconfig = { options: new Map([['CONFIG_SMP', { kind: 'bool', value: 'y' }]]), problems: [] };

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

/** Type names the kernel spells through a #define (include/linux/types.h). */
const TYPE_ALIASES: [string, string][] = [['rcu_head', 'callback_head']];

function run(text: string, defines: readonly [string, string][], abi: AbiName): { unit: TranslationUnit; problems: string[] } {
  const r = preprocessWithPrelude(text, ENTRY, { abi, config: SMP_ONLY, defines: [...TYPE_ALIASES, ...defines] });
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
