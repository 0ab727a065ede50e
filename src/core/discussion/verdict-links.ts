/** Verdicts per patch: follow-up trailers the b4 way, NAKs and refusals in unquoted prose. */
import { pushVerdict, type LinkContext, type PartView } from './context';
import { collectTrailers } from './trailers';
import type { Verdict, VerdictKind } from './types';
import { refusalVerdict, trailerVerdict } from './verdicts';

const TRAILER_KIND: Record<string, VerdictKind> = {
  'acked-by': 'acked', 'reviewed-by': 'reviewed', 'tested-by': 'tested', 'nacked-by': 'nacked',
};

/** Follow-up trailers, attached to patches the way b4 attaches them. */
export function trailerVerdicts(ctx: LinkContext, views: Map<number, PartView[]>): void {
  const collected = collectTrailers(ctx.doc, { coverToAll: true });
  for (const [patch, list] of collected) {
    for (const t of list) {
      const kind = TRAILER_KIND[t.name.toLowerCase()];
      if (!kind) continue;
      const m = ctx.doc.messages[t.message];
      const where = findTrailerLine(views.get(t.message) ?? [], t.name, t.value);
      const v: Verdict = {
        kind, by: { name: m.from.name || m.from.address, address: m.from.address, source: 'sender', message: m.index },
        text: `${t.name}: ${t.value}`, message: m.index, part: where?.pv.part.id ?? m.parts[0]?.id ?? '',
        view: where?.pv.part.view ?? 'document', offset: where ? where.offset : m.span.start, patch,
      };
      pushVerdict(ctx, v);
    }
  }
}

function findTrailerLine(pvs: readonly PartView[], name: string, value: string): { pv: PartView; offset: number } | undefined {
  const lname = name.toLowerCase();
  const head = value.slice(0, 12).toLowerCase();
  for (const pv of pvs) {
    for (const l of pv.lines) {
      if (l.depth !== 0) continue;
      const c = l.content.trimStart().toLowerCase();
      if (c.startsWith(lname + ':') && c.includes(head)) return { pv, offset: l.contentOffset + (l.content.length - l.content.trimStart().length) };
    }
  }
  return undefined;
}

/** NAKs and refusals in unquoted text that quotes no hunk: they apply to the patch answered. */
export function proseVerdicts(ctx: LinkContext, pv: PartView, chain: readonly number[]): void {
  const target = chain.find((a) => ctx.patchOf.get(a)?.hasPatch || ctx.patchOf.get(a)?.subject.index === 0);
  const stop = pv.st.signature ?? pv.lines.length;
  for (let i = 0; i < stop; i++) {
    const l = pv.lines[i];
    if (l.depth !== 0 || pv.skip.has(i)) continue;
    if (trailerVerdict(l.content)) continue; // follow-up trailers are collected the b4 way
    const hit = refusalVerdict(l.content);
    if (!hit) continue;
    const v: Verdict = {
      kind: hit.kind, by: pv.authors[0], text: hit.text, message: pv.m.index, part: pv.part.id, view: pv.part.view,
      offset: l.contentOffset + hit.at,
    };
    if (target !== undefined) v.patch = target;
    pushVerdict(ctx, v);
  }
}
