// The hover over a struct hunk: what the figure is based on, the layout around the change,
// every configuration scenario, the slab view and what the reviewers said. Markdown built
// here; every mail-derived string goes through `md`, links only through safe.ts.
import * as vscode from 'vscode';
import type { Scenario, StructImpact, SlabRow } from '../core/impact/types';
import type { MemberLayout, StructLayout } from '../core/layout/types';
import type { Verdict } from '../core/discussion/types';
import type { AnalysisStore } from './store';
import { commentPlace, docView, hunkAt } from './lookup';
import type { HunkView } from './model';
import { bytes, configText, fileLabel, verdictText, worstScenario } from './labels';
import { commandLink, hoverMarkdown, md, webLink } from './safe';

const VERDICT: Record<Verdict['kind'], string> = { acked: 'Acked-by', reviewed: 'Reviewed-by', tested: 'Tested-by', nacked: 'NAK', refusal: 'refusal' };

export class HoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: AnalysisStore) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const view = docView(this.store, doc.uri);
    if (!view) return undefined;
    const offset = doc.offsetAt(pos);
    const h = hunkAt(view, offset);
    if (!h || offset > h.hunk.span.end) return undefined;
    const text = hoverText(h, view.source);
    if (!text) return undefined;
    const m = hoverMarkdown();
    m.appendMarkdown(text);
    return new vscode.Hover(m, new vscode.Range(doc.positionAt(h.hunk.span.start), doc.positionAt(h.hunk.span.end)));
  }
}

export function hoverText(h: HunkView, source: vscode.Uri): string | undefined {
  const out: string[] = [];
  out.push(`**Kernel Patch Lens** — ${md(fileLabel(h))}${h.hunk.quoted ? ' (quoted)' : ''}`);
  for (const s of h.impact?.structs ?? []) out.push(structSection(s));
  for (const n of h.impact?.newStructs ?? []) {
    out.push(`**new ${n.kind} ${md(n.name)}**: ${n.size !== undefined ? `${n.size} B, align ${n.align ?? '?'}` : md(n.error ?? 'size unknown')} (basis: ${n.basis})`);
    if (n.layout) out.push(layoutTable(undefined, n.layout));
  }
  if (!h.impact) {
    const names = h.hunk.structs.filter((s) => s.changed).map((s) => `${s.kind} ${md(s.name)}`);
    if (names.length) out.push(`Changes ${names.join(', ')} — no size figures (no layout basis computed them).`);
  }
  const v = verdictText(h.verdicts);
  if (v) {
    const who = h.verdicts.slice(0, 6).map((x) => `${VERDICT[x.kind]} — ${md(x.by.name || x.by.address || 'unknown')}: “${md(x.text, 160)}”`);
    out.push(`**Verdict:** ${v}\n\n${who.map((w) => `- ${w}`).join('\n')}`);
  }
  if (h.discussionPending) out.push('_The discussion is still being linked._');
  if (h.comments.length) {
    out.push(`**Discussion** (${h.comments.length})`);
    for (const c of h.comments.slice(0, 8)) {
      const who = `${md(c.from.name || c.from.address || 'unknown')}${c.from.address ? ` \\<${md(c.from.address)}\\>` : ''}`;
      const links = [commandLink('show in thread', 'kernelPatchLens.reveal', [source.toString(), commentPlace(c)])];
      if (c.link) links.push(webLink('lore', c.link));
      out.push(`- ${who}${c.date ? `, ${md(c.date)}` : ''}: ${md(c.excerpt, 300)} — ${links.join(' · ')}`);
    }
    if (h.comments.length > 8) out.push(`- … ${commandLink(`all ${h.comments.length} comments`, 'kernelPatchLens.showDiscussion', [source.toString(), h.index])}`);
  }
  return out.join('\n\n');
}

function structSection(s: StructImpact): string {
  const out: string[] = [];
  const sc = worstScenario(s);
  out.push(`**${s.kind} ${md(s.name)}** ${sc?.delta !== undefined ? bytes(sc.delta) : ''} — basis: **${s.basis}** (${md(s.basisDetail)}, ${s.abi})` +
    (s.match ? `; placed by ${s.match.how}${s.match.detail ? ` (${md(s.match.detail)})` : ''}` : ''));
  if (s.error) out.push(`No figures: ${md(s.error)}`);
  if (sc?.beforeLayout || sc?.afterLayout) out.push(layoutTable(sc.beforeLayout, sc.afterLayout));
  if (s.scenarios.length) out.push(scenarioTable(s.scenarios));
  if (s.slab.length) out.push(slabTable(s.slab));
  if (s.assumptions.length) out.push(`Assumed: ${s.assumptions.map((a) => md(a)).join('; ')}`);
  return out.join('\n\n');
}

function scenarioTable(scs: Scenario[]): string {
  const rows = ['| config | before | after | Δ | holes | cachelines |', '|---|---:|---:|---:|---|---:|'];
  for (const sc of scs.slice(0, 16)) {
    const cfg = md(configText(sc) || '(base)') + (sc.isBase ? ' ★' : '');
    if (sc.error || !sc.before || !sc.after) { rows.push(`| ${cfg} | | | | ${md(sc.error ?? 'no figure')} | |`); continue; }
    const holes = [sc.holesFilled ? `${sc.holesFilled} filled` : '', sc.holesCreated ? `${sc.holesCreated} created` : ''].filter(Boolean).join(', ') || '—';
    rows.push(`| ${cfg} | ${sc.before.size} | ${sc.after.size} | ${bytes(sc.delta ?? sc.after.size - sc.before.size)} | ${holes} | ${sc.before.cachelines} → ${sc.after.cachelines} |`);
  }
  return rows.join('\n');
}

function slabTable(rows: SlabRow[]): string {
  const out = ['| cache | object | size | objs/slab | order |', '|---|---|---:|---:|---:|'];
  for (const r of rows.slice(0, 8)) {
    out.push(`| ${md(r.cache)} | ${md(r.object)} | ${r.objectSizeBefore} → ${r.objectSizeAfter} | ${r.objsPerSlabBefore} → ${r.objsPerSlabAfter} | ${r.orderBefore} → ${r.orderAfter} |`);
  }
  return out.join('\n');
}

/** Members around the change: the ones added, removed or moved, with one neighbour each side. */
function layoutTable(before: StructLayout | undefined, after: StructLayout | undefined): string {
  const b = new Map((before?.members ?? []).map((m) => [m.name, m]));
  const a = new Map((after?.members ?? []).map((m) => [m.name, m]));
  const names = [...new Set([...(after?.members ?? []).map((m) => m.name), ...(before?.members ?? []).map((m) => m.name)])];
  const changed = (n: string) => !b.has(n) || !a.has(n) || b.get(n)!.offset !== a.get(n)!.offset;
  const keep = new Set<number>();
  names.forEach((n, i) => { if (changed(n)) for (let j = i - 1; j <= i + 1; j++) if (j >= 0 && j < names.length) keep.add(j); });
  const rows = ['| member | type | before | after |', '|---|---|---:|---:|'];
  const cell = (m: MemberLayout | undefined) => (m ? `${m.offset}${m.bitSize !== undefined ? `:${(m.bitOffset ?? 0) % 8}` : ''} (${m.size})` : '—');
  let last = -1;
  for (const i of [...keep].sort((x, y) => x - y).slice(0, 24)) {
    if (last >= 0 && i > last + 1) rows.push('| … | | | |');
    const n = names[i];
    const m = a.get(n) ?? b.get(n)!;
    rows.push(`| ${md(n)} | ${md(m.type)} | ${cell(b.get(n))} | ${cell(a.get(n))} |`);
    last = i;
  }
  const sum = (l?: StructLayout) => (l ? `${l.size} B, ${l.holes.length} holes (${l.holes.reduce((s, h) => s + h.size, 0)} B), padding ${l.padding}, ${l.cachelines} cachelines` : '—');
  return `Layout: before ${sum(before)}; after ${sum(after)}\n\n${rows.join('\n')}`;
}
