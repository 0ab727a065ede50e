import type { GuardedRegion } from './preprocess-types';
import type { Token } from './token';

/*
 * What guards a line: the conditional branches around an offset of a file, and the
 * Kconfig options they test, so the impact stage can enumerate configurations per hunk.
 */

/** The branches containing `offset` of `file`, outermost first. */
export function conditionsAt(regions: readonly GuardedRegion[], file: string, offset: number): GuardedRegion[] {
  const out: GuardedRegion[] = [];
  for (const r of regions) {
    if (r.file === file && r.start <= offset && (r.end < 0 || offset < r.end)) out.push(r);
  }
  // Regions are recorded as they open, so an enclosing branch always comes first; keep that order.
  return out;
}

/** CONFIG_ options a condition names (`defined(CONFIG_X)`, `IS_ENABLED(CONFIG_X)`, `CONFIG_X > 4`…). */
export function configOptions(condition: readonly Token[]): string[] {
  const seen = new Set<string>();
  for (const t of condition) if (t.kind === 'ident' && t.text.startsWith('CONFIG_')) seen.add(t.text.replace(/_MODULE$/, ''));
  return [...seen];
}

/** Options that decide whether `offset` of `file` is compiled: those of its branch and of every earlier branch of each group. */
export function guardingOptions(regions: readonly GuardedRegion[], file: string, offset: number): string[] {
  const seen = new Set<string>();
  for (const r of conditionsAt(regions, file, offset)) {
    for (const o of configOptions(r.condition)) seen.add(o);
    for (const p of r.previous) for (const o of configOptions(regions[p]?.condition ?? [])) seen.add(o);
  }
  return [...seen];
}

/** The condition that selects a branch, as C text: `A && !(B)` for `#elif A` after `#if B`; `#ifdef X` reads `defined(X)`. */
export function branchCondition(regions: readonly GuardedRegion[], r: GuardedRegion): string {
  const own = (g: GuardedRegion): string => {
    const text = g.condition.map((t) => t.text).join(' ');
    if (g.directive === 'ifdef' || g.directive === 'elifdef') return `defined(${text})`;
    if (g.directive === 'ifndef' || g.directive === 'elifndef') return `!defined(${text})`;
    return text;
  };
  const parts = r.previous.map((p) => regions[p]).filter((g): g is GuardedRegion => !!g).map((g) => `!(${own(g)})`);
  if (r.directive !== 'else') parts.push(r.previous.length ? `(${own(r)})` : own(r));
  return parts.join(' && ') || '1';
}
