import { kconfigDefines, withOption, type Kconfig } from '../c/kconfig';
import type { ScenarioConfig } from './types';

const OPTION = /\bCONFIG_[A-Za-z0-9_]+/g;

/**
 * The `#define`s of a scenario that matter to `texts`: only the options they mention
 * (defining the base configuration's thousands of others would only cost time).
 */
export function definesFor(texts: readonly string[], config: Kconfig | undefined, scenario: ScenarioConfig): [string, string][] {
  const wanted = new Set<string>();
  for (const t of texts) for (const o of t.match(OPTION) ?? []) wanted.add(o.replace(/_MODULE$/, ''));
  let c: Kconfig = config ?? { options: new Map(), problems: [] };
  for (const [o, v] of Object.entries(scenario)) c = withOption(c, o, v);
  return kconfigDefines(c).filter(([n]) => wanted.has(n.replace(/_MODULE$/, '')));
}
