import type { Kconfig } from '../c/kconfig';
import type { ScenarioConfig } from './types';

const OPTION = /\bCONFIG_[A-Za-z0-9_]+/g;

/**
 * The `#define`s of a scenario that matter to `texts`: only the options they mention
 * (the base configuration's thousands of others would only cost time), each as
 * autoconf.h defines it (`=m` → `CONFIG_X_MODULE`).
 */
export function definesFor(texts: readonly string[], config: Kconfig | undefined, scenario: ScenarioConfig): [string, string][] {
  const wanted = new Set<string>();
  for (const t of texts) for (const o of t.match(OPTION) ?? []) wanted.add(o.replace(/_MODULE$/, ''));
  const out: [string, string][] = [];
  for (const name of wanted) {
    const forced = scenario[name];
    if (forced !== undefined) {
      if (forced !== 'n') out.push([forced === 'm' ? `${name}_MODULE` : name, '1']);
      continue;
    }
    const v = config?.options.get(name);
    if (!v || v.kind === 'unset') continue;
    if (v.kind === 'bool') out.push([v.value === 'm' ? `${name}_MODULE` : name, '1']);
    else out.push([name, v.value]);
  }
  return out;
}
