// Shared helpers of the in-process benchmarks (run with `node --import tsx`).
import { readFileSync } from 'node:fs';
import os from 'node:os';

export const now = (): number => performance.now();

export interface Samples {
  /** Wall milliseconds of each timed run. */
  ms: number[];
  median: number;
  min: number;
  /** CPU (user + system) milliseconds per run, averaged over the timed runs. */
  cpuMs: number;
  /** Start and end (performance.now()) of each timed run, for placing GC pauses. */
  spans?: [number, number][];
}

/** Median of `xs` (the mean of the middle two for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(ms: number[], cpuMs: number): Samples {
  return { ms: ms.map((x) => Math.round(x * 100) / 100), median: median(ms), min: Math.min(...ms), cpuMs };
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed (or until `budgetMs` of timed
 * runs has passed, at least `minRuns` times). `setup` runs untimed before each run (warm-up
 * ones too) and hands the run its input, so a stage can be timed on fresh data as one
 * analysis would give it.
 */
export async function measure<T = void>(
  fn: (input: T) => unknown | Promise<unknown>,
  opts: { warmup?: number; runs?: number; budgetMs?: number; minRuns?: number; setup?: () => T | Promise<T> } = {},
): Promise<Samples> {
  const { warmup = 3, runs = 20, budgetMs = 3000, minRuns = 3, setup } = opts;
  const input = async (): Promise<T> => (setup ? setup() : (undefined as T));
  for (let i = 0; i < warmup; i++) await fn(await input());
  const ms: number[] = [];
  const spans: [number, number][] = [];
  let cpu = 0;
  const start = now();
  for (let i = 0; i < runs; i++) {
    const x = await input();
    const c0 = cpuNow();
    const t = now();
    await fn(x);
    const e = now();
    ms.push(e - t);
    spans.push([t, e]);
    cpu += cpuNow() - c0;
    if (ms.length >= minRuns && now() - start > budgetMs) break;
  }
  return { ...summarize(ms, cpu / ms.length), spans };
}

/** Time of one call, for cold measurements (first call in a fresh process). */
export async function once<T>(fn: () => T | Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const c0 = cpuNow();
  const t = now();
  const value = await fn();
  return { ms: now() - t, cpuMs: cpuNow() - c0, value };
}

export function readBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(file));
}

export function emit(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback === undefined) throw new Error(`--${name} is required`);
  return fallback;
}

export const cpus = os.cpus().length;
