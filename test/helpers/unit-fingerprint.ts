import { typeName, type TranslationUnit } from '../../src/core/c/ctypes';
import { layoutStruct } from '../../src/core/layout';

/** Everything a layout can depend on, as plain strings. */
export function fingerprint(unit: TranslationUnit): string[] {
  const out: string[] = [];
  for (const [kind, map] of [['struct', unit.structs], ['union', unit.unions]] as const) {
    for (const [tag, decl] of map) {
      let l: string;
      try {
        l = JSON.stringify(layoutStruct(unit, `${kind} ${tag}`));
      } catch (e) {
        l = `error: ${(e as Error).message}`;
      }
      out.push(`${kind} ${tag} fields=${decl.fields?.length ?? '-'} ${l}`);
    }
  }
  for (const [name, t] of unit.typedefs) out.push(`typedef ${name} = ${typeName(t)}`);
  for (const [tag, e] of unit.enums) out.push(`enum ${tag} ${e.enumerators?.map((x) => x.name).join(',') ?? '-'}`);
  for (const [name, c] of unit.enumConstants) out.push(`const ${name} ${c.decl.tag ?? ''}#${c.index}`);
  for (const [name, t] of unit.variables) out.push(`var ${name} ${typeName(t)}`);
  for (const d of unit.diagnostics) out.push(`diag ${d.message}`);
  return out;
}

