// `report --format text`: a terminal summary, one line per struct and scenario.
import type { Analysis } from '../analyze';
import { bytes, configLabel } from './format';

/** Control, zero-width and bidi characters from mail must not reach a terminal. */
export function inert(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** The claim's own words, so two claims of one message can be told apart. */
function claimWords(a: Analysis, c: Analysis['claims'][number]): string {
  const part = a.doc.messages[c.message]?.parts.find((p) => p.id === c.part);
  if (!part) return '';
  // A document view's offsets are the document's own; a decoded view's index its part.
  const view = part.view === 'document' ? a.text : part.text;
  const words = view.slice(c.offset, c.offset + 160).replace(/^[>\s]+/gm, ' ').replace(/\s+/g, ' ').trim();
  const end = words.search(/[.;:!?](\s|$)/);
  const clause = end > 0 ? words.slice(0, end) : words;
  return clause.length > 80 ? `${clause.slice(0, 79)}…` : clause;
}

export function reportText(a: Analysis): string {
  const out: string[] = [];
  const msgs = a.doc.messages;
  out.push(`${inert(a.name)}: ${msgs.length} messages, ${a.hunks.length} hunks, ${a.hunks.filter((h) => h.impact.structs.length).length} struct hunks`);
  for (const h of a.hunks) {
    const k = h.hunk;
    if (!h.impact.structs.length && !h.impact.newStructs.length) continue;
    const m = msgs[k.message];
    out.push('');
    out.push(`${inert(k.file)} @@ -${k.oldStart},${k.oldLines} +${k.newStart},${k.newLines} @@ ${inert(k.section)}  (lines ${h.lines.start}-${h.lines.end}${k.quoted ? `, quoted at depth ${k.depth}` : ''}${m?.subject ? `; ${inert(m.subject)}` : ''})`);
    for (const s of h.impact.structs) {
      out.push(`  ${s.kind} ${s.name} [${s.basis}: ${inert(s.basisDetail)}]${s.match ? ` placed ${s.match.how}` : ''}`);
      if (s.error) out.push(`    no figure: ${inert(s.error)}`);
      for (const x of s.scenarios) {
        const fig = x.delta !== undefined ? `${x.before!.size} -> ${x.after!.size} B  ${bytes(x.delta)}  holes ${x.before!.holeBytes}->${x.after!.holeBytes} B  cachelines ${x.before!.cachelines}->${x.after!.cachelines}` : `no figure: ${inert(x.error ?? '')}`;
        out.push(`    ${configLabel(x.config)}${x.isBase ? ' (base)' : ''}: ${fig}`);
      }
      for (const r of s.slab) out.push(`    slab ${r.cache} (struct ${r.object} ${r.objectSizeBefore} -> ${r.objectSizeAfter} B): ${r.objsPerSlabBefore} per order-${r.orderBefore} slab -> ${r.objsPerSlabAfter} per order-${r.orderAfter}${r.pagesDelta !== undefined && r.activeObjects ? `; ${r.pagesDelta >= 0 ? '+' : ''}${r.pagesDelta} pages for the ${r.activeObjects} objects here` : ''}`);
      for (const n of s.assumptions) out.push(`    note: ${inert(n)}`);
    }
    for (const n of h.impact.newStructs) out.push(`  new ${n.kind} ${n.name}: ${n.size !== undefined ? `${n.size} B (align ${n.align})` : inert(n.error ?? '')}`);
    for (const d of h.discussion) out.push(`  > ${inert(d.from.name || '?')}${d.quoted ? '' : ' (not quoting)'}: ${inert(d.excerpt)}`);
  }
  for (const c of a.claims) {
    const who = msgs[c.message]?.from.name || msgs[c.message]?.from.address || `message ${c.message + 1}`;
    const said = claimWords(a, c);
    out.push(`claim: ${inert(who)}${said ? ` ("${inert(said)}")` : ''} says struct ${c.struct} ${bytes(c.bytes * c.sign)}; computed ${c.computed !== undefined ? bytes(c.computed) : 'n/a'}${c.agrees === undefined ? '' : c.agrees ? ' (agrees)' : ' (DIFFERS)'}`);
  }
  return out.join('\n') + '\n';
}
