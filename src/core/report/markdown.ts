// The Markdown report, built as an mdast tree and serialised by remark: mail text only
// ever enters as text nodes, which remark escapes; links come only from the analysis.
import type { BlockContent, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { Analysis, HunkAnalysis } from '../analyze';
import type { StructImpact } from '../impact';
import { bytes, configLabel } from './format';

const text = (value: string): PhrasingContent => ({ type: 'text', value: value.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '') });
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
const para = (...children: PhrasingContent[]): BlockContent => ({ type: 'paragraph', children });
const heading = (depth: 1 | 2 | 3 | 4, ...children: PhrasingContent[]): RootContent => ({ type: 'heading', depth, children });

function row(cells: string[]): TableRow {
  return { type: 'tableRow', children: cells.map((c) => ({ type: 'tableCell', children: [text(c)] })) };
}

function table(head: string[], rows: string[][]): Table {
  return { type: 'table', align: head.map(() => null), children: [row(head), ...rows.map(row)] };
}

function structSection(s: StructImpact): RootContent[] {
  const out: RootContent[] = [];
  out.push(para(strong(`${s.kind} ${s.name}`), text(` — basis: ${s.basis} (${s.basisDetail})`)));
  if (s.match) out.push(para(text(`placed: ${s.match.how}, ${s.match.detail}`)));
  if (s.error) {
    out.push(para(text(`no figure: ${s.error}`)));
    return out;
  }
  out.push(table(['scenario', 'before', 'after', 'delta', 'holes (B) before → after', 'cachelines', 'moved members'],
    s.scenarios.map((x) => [
      configLabel(x.config) + (x.isBase ? ' (base)' : ''),
      x.before ? `${x.before.size} B` : '—',
      x.after ? `${x.after.size} B` : '—',
      x.delta !== undefined ? bytes(x.delta) : (x.error ?? '—'),
      x.before && x.after ? `${x.before.holeBytes} → ${x.after.holeBytes}` : '—',
      x.before && x.after ? `${x.before.cachelines} → ${x.after.cachelines}` : '—',
      x.moved.length ? x.moved.map((m) => `${m.name} (${m.beforeCacheline}→${m.afterCacheline})`).join(', ') : '—',
    ])));
  if (s.slab.length) {
    out.push(table(['slab cache', 'object', 'object size', 'slab size', 'objects/slab', 'order', 'pages here'],
      s.slab.map((r) => [r.cache, r.object, `${r.objectSizeBefore} → ${r.objectSizeAfter}`, `${r.slabSizeBefore} → ${r.slabSizeAfter}`,
        `${r.objsPerSlabBefore} → ${r.objsPerSlabAfter}`, `${r.orderBefore} → ${r.orderAfter}`,
        r.pagesDelta !== undefined ? `${r.pagesDelta >= 0 ? '+' : ''}${r.pagesDelta} (${r.activeObjects} objects)` : '—'])));
  }
  if (s.assumptions.length) out.push({ type: 'list', ordered: false, children: s.assumptions.map((a) => ({ type: 'listItem', children: [para(text(a))] })) });
  return out;
}

function hunkSection(a: Analysis, h: HunkAnalysis): RootContent[] {
  const k = h.hunk;
  const out: RootContent[] = [heading(3, code(`${k.file}`), text(` @@ -${k.oldStart},${k.oldLines} +${k.newStart},${k.newLines} @@ ${k.section}`))];
  const where = `lines ${h.lines.start}–${h.lines.end}${k.view === 'decoded' ? ` of decoded part ${k.part}` : ''}${k.quoted ? `, quoted at depth ${k.depth}` : ''}${k.rebuilt ? `, rebuilt from collapsed text${k.rebuilt.uncertain ? ' (uncertain)' : ''}` : ''}`;
  out.push(para(text(where)));
  for (const s of h.impact.structs) out.push(...structSection(s));
  for (const n of h.impact.newStructs) out.push(para(strong(`new ${n.kind} ${n.name}`), text(n.size !== undefined ? `: ${n.size} B, aligned ${n.align}` : `: ${n.error ?? 'not sized'}`)));
  if (h.discussion.length) {
    out.push(para(strong('Discussion')));
    out.push({
      type: 'list', ordered: false, children: h.discussion.map((d) => {
        const head: PhrasingContent[] = [strong(d.from.name || 'unknown'), text(`${d.date ? ` (${d.date})` : ''}${d.quoted ? '' : ' — about the struct, without quoting'}: ${d.excerpt}`)];
        if (d.link) head.push(text(' '), { type: 'link', url: d.link, children: [text('lore')] });
        return { type: 'listItem', children: [para(...head)] };
      }),
    });
  }
  return out;
}

export function reportTree(a: Analysis): Root {
  const msgs = a.doc.messages;
  const children: RootContent[] = [heading(1, text(`Size impact: ${a.name}`))];
  children.push(para(text(`${msgs.length} messages, ${a.patches.filter((p) => p.hasPatch).length} patches, ${a.hunks.length} hunks, ${a.hunks.filter((h) => h.impact.structs.length).length} struct hunks.`)));
  const byMessage = new Map<number, HunkAnalysis[]>();
  for (const h of a.hunks) if (h.impact.structs.length || h.impact.newStructs.length) byMessage.set(h.hunk.message, [...(byMessage.get(h.hunk.message) ?? []), h]);
  for (const [mi, hs] of byMessage) {
    const m = msgs[mi];
    children.push(heading(2, text(m.subject || '(no subject)')));
    children.push(para(text(`${m.from.name || m.from.address || 'unknown sender'}${m.date ? `, ${m.date}` : ''}`)));
    const vs = a.verdicts[mi] ?? [];
    if (vs.length) children.push(para(strong('Verdicts: '), text(vs.map((v) => `${v.kind} by ${v.by.name}`).join('; '))));
    for (const h of hs) children.push(...hunkSection(a, h));
  }
  if (a.claims.length) {
    children.push(heading(2, text('Claims in the discussion')));
    children.push(table(['struct', 'claimed', 'computed (base)', 'agrees', 'by'], a.claims.map((c) => [
      c.struct, bytes(c.bytes * c.sign), c.computed !== undefined ? bytes(c.computed) : '—', c.agrees === undefined ? '—' : c.agrees ? 'yes' : 'no',
      msgs[c.message]?.from.name || msgs[c.message]?.from.address || `message ${c.message + 1}`,
    ])));
  }
  return { type: 'root', children };
}

export function reportMarkdown(a: Analysis): string {
  return unified().use(remarkGfm).use(remarkStringify).stringify(reportTree(a));
}
