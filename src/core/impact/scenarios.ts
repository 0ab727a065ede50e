// Which Kconfig options a hunk's figures depend on, and the combinations to evaluate.
// Options are read from the conditional directives the hunk shows (around and among its
// changed lines), each combination on top of the base configuration.
import type { Kconfig } from '../c/kconfig';
import type { DiffLine } from '../patch/types';
import type { ScenarioConfig } from './types';

const CONDITIONAL = /^\s*#\s*(?:if|ifdef|ifndef|elif|elifdef|elifndef)\b(.*)$/;
const OPTION = /\bCONFIG_[A-Za-z0-9_]+/g;
/** Full combinations up to this many options; beyond it, the base and one flip per option. */
const MAX_FULL = 4;

export function hunkOptions(lines: readonly DiffLine[]): string[] {
  const found = new Set<string>();
  for (const l of lines) {
    const m = CONDITIONAL.exec(l.text);
    if (!m) continue;
    for (const o of m[1].match(OPTION) ?? []) found.add(o.replace(/_MODULE$/, ''));
  }
  return [...found];
}

export function baseValue(config: Kconfig | undefined, option: string): 'y' | 'm' | 'n' | undefined {
  if (!config) return undefined;
  const v = config.options.get(option);
  if (!v || v.kind === 'unset') return 'n';
  if (v.kind === 'bool') return v.value;
  return 'y';
}

export interface PlannedScenario {
  config: ScenarioConfig;
  baseValues: string[];
  isBase: boolean;
}

/**
 * Combinations of y/n for `options`. `base` gives the base configuration's own values;
 * an option the base builds as a module counts as enabled (`IS_ENABLED`), and is kept `m`.
 */
export function planScenarios(options: readonly string[], base: (o: string) => 'y' | 'm' | 'n' | undefined): PlannedScenario[] {
  const combos: ScenarioConfig[] = [];
  if (options.length <= MAX_FULL) {
    for (let mask = (1 << options.length) - 1; mask >= 0; mask--) {
      const c: ScenarioConfig = {};
      options.forEach((o, i) => { c[o] = mask & (1 << (options.length - 1 - i)) ? 'y' : 'n'; });
      combos.push(c);
    }
  } else {
    const b: ScenarioConfig = {};
    for (const o of options) b[o] = (base(o) ?? 'y') === 'n' ? 'n' : 'y';
    combos.push(b);
    for (const o of options) combos.push({ ...b, [o]: b[o] === 'y' ? 'n' : 'y' });
  }
  return combos.map((config) => {
    const baseValues: string[] = [];
    for (const o of options) {
      const bv = base(o);
      if (bv === 'm' && config[o] === 'y') config[o] = 'm';
      if (bv !== undefined && bv === config[o]) baseValues.push(o);
    }
    return { config, baseValues, isBase: baseValues.length === options.length };
  });
}

/** `CONFIG_X=y, CONFIG_Y=n` in option order. */
export function scenarioLabel(config: ScenarioConfig): string {
  return Object.entries(config).map(([k, v]) => `${k}=${v}`).join(', ');
}
