// How figures are written everywhere (reports, decorations, hovers, CodeLens).
import type { Scenario, StructImpact } from '../impact';
import { headline } from '../impact/summary';

export { headline };

export function bytes(n: number): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n)} B`;
}

export function configLabel(config: Scenario['config']): string {
  const e = Object.entries(config);
  return e.length ? e.map(([k, v]) => `${k}=${v}`).join(' ') : 'any configuration';
}

/** `+8 B struct inode · CONFIG_BPF_SYSCALL=y` (the options the headline scenario turns on). */
export function impactLabel(s: StructImpact): string {
  const h = headline(s);
  if (!h || h.delta === undefined) return `${s.kind} ${s.name}: ${s.error ?? 'no figure'}`;
  const on = Object.entries(h.config).filter(([, v]) => v !== 'n').map(([k, v]) => `${k}=${v}`);
  return `${bytes(h.delta)} ${s.kind} ${s.name}${on.length ? ' · ' + on.join(' ') : ''}`;
}

/** Range of deltas over all scenarios, e.g. `−8 B … +8 B`. */
export function deltaRange(s: StructImpact): string {
  const ds = s.scenarios.map((x) => x.delta).filter((d): d is number => d !== undefined);
  if (!ds.length) return 'no figure';
  const lo = Math.min(...ds), hi = Math.max(...ds);
  return lo === hi ? bytes(lo) : `${bytes(lo)} … ${bytes(hi)}`;
}
