// Before/after comparisons of two layouts of the same struct.
import type { StructLayout } from '../layout/types';
import { CACHELINE } from '../layout';
import type { LayoutSummary, MovedMember, Scenario, StructImpact } from './types';

export function summarize(l: StructLayout): LayoutSummary {
  const byteHoles = l.holes.filter((h) => h.size > 0);
  return {
    size: l.size,
    align: l.align,
    holes: byteHoles.length,
    holeBytes: byteHoles.reduce((n, h) => n + h.size, 0),
    padding: l.padding,
    cachelines: l.cachelines,
  };
}

/** Members present on both sides whose cacheline changed. */
export function movedMembers(before: StructLayout, after: StructLayout): MovedMember[] {
  const was = new Map<string, number>();
  for (const m of before.members) if (m.name && !m.aggregate) was.set(m.name, m.offset);
  const out: MovedMember[] = [];
  for (const m of after.members) {
    if (!m.name || m.aggregate) continue;
    const b = was.get(m.name);
    if (b === undefined) continue;
    const bl = Math.floor(b / CACHELINE), al = Math.floor(m.offset / CACHELINE);
    if (bl !== al) out.push({ name: m.name, beforeOffset: b, afterOffset: m.offset, beforeCacheline: bl, afterCacheline: al });
  }
  return out;
}

/** Holes (by start offset and size) present before and gone after, and the reverse. */
export function holeChanges(before: StructLayout, after: StructLayout): { filled: number; created: number } {
  const key = (h: { after: string; size: number }) => `${h.after}:${h.size}`;
  const b = new Set(before.holes.filter((h) => h.size > 0).map(key));
  const a = new Set(after.holes.filter((h) => h.size > 0).map(key));
  let filled = 0, created = 0;
  for (const k of b) if (!a.has(k)) filled++;
  for (const k of a) if (!b.has(k)) created++;
  return { filled, created };
}

/** The scenario to headline: the base configuration's, else the first with a non-zero figure. */
export function headline(s: StructImpact): Scenario | undefined {
  return s.scenarios.find((x) => x.isBase && x.delta !== undefined)
    ?? s.scenarios.find((x) => x.delta !== undefined && x.delta !== 0)
    ?? s.scenarios.find((x) => x.delta !== undefined);
}

/** Sets a scenario's figures from its two layouts; an error while laying out becomes its one-line reason. */
export function compareInto(sc: Scenario, layouts: () => [StructLayout, StructLayout]): void {
  try {
    const [b, a] = layouts();
    sc.beforeLayout = b;
    sc.afterLayout = a;
    sc.before = summarize(b);
    sc.after = summarize(a);
    sc.delta = a.size - b.size;
    const h = holeChanges(b, a);
    sc.holesFilled = h.filled;
    sc.holesCreated = h.created;
    sc.moved = movedMembers(b, a);
  } catch (e) {
    sc.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
}
