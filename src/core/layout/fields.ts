import type { CType, RecordDecl } from '../c/ctypes';
import { resolveType, typeName } from '../c/ctypes';
import type { LayoutContext } from './context';
import { LayoutError } from './errors';

export interface FoundField {
  type: CType;
  /** Bits from the start of the record the search started in. */
  bitOffset: number;
  bitField: boolean;
}

/** Looks a member up by name, descending into anonymous struct/union members as C does. */
export function findField(ctx: LayoutContext, t: CType, name: string): FoundField {
  const r = resolveType(t);
  if (r.kind !== 'record') throw new LayoutError(`'${typeName(t)}' has no member '${name}' (not a struct or union)`);
  const found = search(ctx, r.decl, name, 0);
  if (!found) throw new LayoutError(`'${typeName(t)}' has no member named '${name}'`);
  return found;
}

function search(ctx: LayoutContext, decl: RecordDecl, name: string, base: number): FoundField | undefined {
  const rec = ctx.record(decl);
  for (const p of rec.fields) {
    if (p.field.name === name) return { type: p.field.type, bitOffset: base + p.bitPos, bitField: p.bitField };
    if (p.field.name === undefined && !p.bitField) {
      const inner = resolveType(p.field.type);
      if (inner.kind === 'record') {
        const f = search(ctx, inner.decl, name, base + p.bitPos);
        if (f) return f;
      }
    }
  }
  return undefined;
}
