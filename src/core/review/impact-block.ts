// The size-impact figures of one hunk, laid out for a plain-text mail: a reviewer inserts
// this into a note to answer "how much does this grow struct X" with the exact numbers.
// ASCII only (kernel mail is read in terminals), every figure with its basis.
import type { HunkAnalysis } from '../analyze';
import type { Scenario, StructImpact } from '../impact';
import { bytes, configLabel } from '../report/format';
import { inert } from '../report/text';

function delta(n: number): string {
  return bytes(n).replace('\u2212', '-').replace('\u00b1', '');
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? c : c.padStart(widths[i]))).join('  ').replace(/\s+$/, '');
}

function scenarioRows(s: StructImpact): string[] {
  const head = ['before', 'after', 'delta', 'holes', 'cachelines', 'configuration'];
  const rows = s.scenarios.map((x: Scenario) => x.delta !== undefined && x.before && x.after
    ? [`${x.before.size} B`, `${x.after.size} B`, delta(x.delta), `${x.before.holeBytes}->${x.after.holeBytes} B`,
      `${x.before.cachelines}->${x.after.cachelines}`, `${configLabel(x.config)}${x.isBase ? ' (base)' : ''}`]
    : ['-', '-', '-', '-', '-', `${configLabel(x.config)}: no figure (${inert(x.error ?? 'unknown')})`]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [row(head, widths), ...rows.map((r) => row(r, widths))];
}

function slabRows(s: StructImpact): string[] {
  return s.slab.map((r) => `slab ${r.cache}: struct ${r.object} ${r.objectSizeBefore} -> ${r.objectSizeAfter} B, ` +
    `${r.objsPerSlabBefore} -> ${r.objsPerSlabAfter} objects per order-${r.orderBefore === r.orderAfter ? r.orderBefore : `${r.orderBefore}->${r.orderAfter}`} slab` +
    (r.pagesDelta !== undefined && r.activeObjects !== undefined ? ` (${r.pagesDelta >= 0 ? '+' : ''}${r.pagesDelta} pages for ${r.activeObjects} objects)` : ''));
}

/** Plain text lines (no trailing newline) describing the hunk's struct impact. */
export function impactBlock(h: HunkAnalysis): string {
  const out: string[] = [];
  for (const s of h.impact.structs) {
    if (out.length) out.push('');
    out.push(`${s.kind} ${s.name} (${s.abi}, basis: ${s.basis} ${inert(s.basisDetail)}${s.match ? `, placed ${s.match.how}` : ''})`);
    if (s.error) { out.push(`no figure: ${inert(s.error)}`); continue; }
    out.push(...scenarioRows(s), ...slabRows(s));
    for (const n of s.assumptions) out.push(`assumed: ${inert(n)}`);
  }
  for (const n of h.impact.newStructs) {
    if (out.length) out.push('');
    out.push(`new ${n.kind} ${n.name}: ${n.size !== undefined ? `${n.size} B, align ${n.align}` : `no figure (${inert(n.error ?? 'unknown')})`} (basis: ${n.basis})`);
  }
  return out.length ? out.join('\n') : 'This hunk changes no struct.';
}

/** The block as a fenced code block for a Markdown note: it reaches the mail unwrapped. */
export function impactMarkdown(h: HunkAnalysis): string {
  const text = impactBlock(h);
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}
