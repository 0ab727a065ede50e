// The short texts shared by decorations, CodeLens and the tree, built from figures only.
import type { Scenario, StructImpact } from '../core/impact/types';
import type { Verdict } from '../core/discussion/types';
import type { HunkView } from './model';
import { plain } from './safe';

export function bytes(delta: number): string {
  return `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Math.abs(delta)} B`;
}

/** The scenario with the largest change; ties go to the base configuration. */
export function worstScenario(s: StructImpact): Scenario | undefined {
  let best: Scenario | undefined;
  for (const sc of s.scenarios) {
    if (sc.delta === undefined) continue;
    if (!best || Math.abs(sc.delta) > Math.abs(best.delta ?? 0) || (Math.abs(sc.delta) === Math.abs(best.delta ?? 0) && sc.isBase)) best = sc;
  }
  return best;
}

export function configText(sc: Scenario): string {
  return Object.entries(sc.config).map(([k, v]) => `${plain(k, 60)}=${v}`).join(', ');
}

/**
 * The options that decide the figure: those whose flip (all else equal) gives another
 * delta. `CONFIG_SECURITY` around an added pointer does not; `CONFIG_BPF_SYSCALL` does.
 */
export function decisiveConfig(s: StructImpact, sc: Scenario): string {
  const same = (a: Scenario, skip: string) => Object.entries(sc.config).every(([k, v]) => k === skip || a.config[k] === v);
  const keys = Object.keys(sc.config).filter((k) =>
    s.scenarios.some((o) => o !== sc && o.config[k] !== sc.config[k] && same(o, k) && o.delta !== undefined && o.delta !== sc.delta));
  return keys.map((k) => `${plain(k, 60)}=${sc.config[k]}`).join(', ');
}

/** `+8 B struct inode · CONFIG_BPF_SYSCALL=y` for each struct with a figure. */
export function impactTexts(h: HunkView): string[] {
  const out: string[] = [];
  for (const s of h.impact?.structs ?? []) {
    const sc = worstScenario(s);
    if (!sc || sc.delta === undefined) continue;
    const cfg = decisiveConfig(s, sc);
    out.push(`${bytes(sc.delta)} ${s.kind} ${plain(s.name, 60)}${cfg ? ` · ${cfg}` : ''}`);
  }
  for (const n of h.impact?.newStructs ?? []) {
    if (n.size !== undefined) out.push(`new ${n.kind} ${plain(n.name, 60)}: ${n.size} B`);
  }
  return out;
}

/** NAK wins over everything; otherwise the acks and reviews, counted. */
export function verdictText(vs: Verdict[]): string | undefined {
  if (vs.some((v) => v.kind === 'nacked' || v.kind === 'refusal')) return 'NAK';
  const count = (k: Verdict['kind']) => vs.filter((v) => v.kind === k).length;
  const parts: string[] = [];
  if (count('acked')) parts.push(`Acked ×${count('acked')}`);
  if (count('reviewed')) parts.push(`Reviewed ×${count('reviewed')}`);
  if (count('tested')) parts.push(`Tested ×${count('tested')}`);
  return parts.length ? parts.join(', ') : undefined;
}

export function structNames(h: HunkView): string[] {
  const names = new Set<string>();
  for (const s of h.impact?.structs ?? []) names.add(`${s.kind} ${plain(s.name, 60)}`);
  for (const s of h.hunk.structs) if (s.changed) names.add(`${s.kind} ${plain(s.name, 60)}`);
  return [...names];
}

/** `struct inode +8 B · 2 comments · NAK` */
export function lensTitle(h: HunkView): string {
  const parts: string[] = [];
  const impacts = h.impact?.structs ?? [];
  if (impacts.length) {
    parts.push(impacts.map((s) => {
      const sc = worstScenario(s);
      return `${s.kind} ${plain(s.name, 60)}${sc?.delta !== undefined ? ` ${bytes(sc.delta)}` : ''}`;
    }).join(', '));
  } else {
    const names = structNames(h);
    if (names.length) parts.push(names.join(', '));
  }
  for (const n of h.impact?.newStructs ?? []) parts.push(`new ${n.kind} ${plain(n.name, 60)}${n.size !== undefined ? ` ${n.size} B` : ''}`);
  const n = h.comments.length;
  parts.push(h.discussionPending ? 'discussion…' : n === 0 ? 'no comments' : n === 1 ? '1 comment' : `${n} comments`);
  const v = verdictText(h.verdicts);
  if (v) parts.push(v);
  return parts.join(' · ');
}

export function fileLabel(h: HunkView): string {
  const hk = h.hunk;
  return `${plain(hk.file || '(unknown file)', 120)} @@ -${hk.oldStart},${hk.oldLines} +${hk.newStart},${hk.newLines}`;
}

/** `★ ` when the hunk changes one of the watched (hot) structs. */
export function watchMark(h: HunkView, watched: readonly string[]): string {
  const names = [...(h.impact?.structs ?? []).map((s) => s.name), ...h.hunk.structs.filter((s) => s.changed).map((s) => s.name)];
  return names.some((n) => watched.includes(n)) ? '★ ' : '';
}
