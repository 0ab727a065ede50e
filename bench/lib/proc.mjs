// Running peers and workers as child processes, timed by /usr/bin/time (wall, user, system
// seconds and maximum resident set), so every command is measured the same way.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { WORK } from './inputs.mjs';

const TIME = '/usr/bin/time';
export const haveTime = existsSync(TIME);

export function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * Runs argv once. stdout is kept (up to 64 MB) unless `discard`, in which case it goes to
 * /dev/null like a shell redirection. Returns { wallMs, cpuMs, maxRssMB, status, stdout, stderr }.
 */
export function timed(argv, opts = {}) {
  const tfile = path.join(WORK, `.time-${process.pid}`);
  rmSync(tfile, { force: true });
  const full = haveTime ? [TIME, '-f', '%e %U %S %M', '-o', tfile, ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    encoding: 'latin1',
    maxBuffer: 64 << 20,
    stdio: ['ignore', opts.discard ? 'ignore' : 'pipe', 'pipe'],
    timeout: opts.timeoutMs,
  });
  const wallOuter = Number(process.hrtime.bigint() - t0) / 1e6;
  let wallMs = wallOuter;
  let cpuMs;
  let maxRssMB;
  if (haveTime && existsSync(tfile)) {
    // the last line holds the figures (a failing command adds "Command exited…" before)
    const line = readFileSync(tfile, 'utf8').trim().split('\n').pop() ?? '';
    const [e, u, s, m] = line.split(' ').map(Number);
    if (Number.isFinite(e)) {
      wallMs = e * 1000;
      cpuMs = (u + s) * 1000;
      maxRssMB = m / 1024;
    }
    rmSync(tfile, { force: true });
  }
  // /usr/bin/time has 10 ms resolution; short commands keep our own clock
  if (wallMs < 100) wallMs = wallOuter;
  return { wallMs, cpuMs, maxRssMB, status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

export function median(xs) {
  const s = xs.filter((x) => x !== undefined && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return undefined;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Summary of repeated runs: medians of wall and CPU, max of RSS. */
export function summary(runs) {
  return {
    runs: runs.length,
    wallMs: median(runs.map((r) => r.wallMs)),
    minWallMs: Math.min(...runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    maxRssMB: Math.max(...runs.map((r) => r.maxRssMB ?? 0)),
    wallAll: runs.map((r) => Math.round(r.wallMs)),
  };
}

/** Runs a bundled worker (bench/work/core/NAME.js) and parses the JSON line it prints. */
export function worker(name, args, opts = {}) {
  const js = path.join(WORK, 'core', `${name}.js`);
  const r = timed([process.execPath, ...(opts.nodeArgs ?? []), js, ...args], opts);
  if (r.status !== 0) {
    return { error: `worker ${name} failed (exit ${r.status ?? r.signal}): ${(r.stderr || String(r.error ?? '')).trim().split('\n').slice(-6).join(' | ')}` };
  }
  const line = r.stdout.trim().split('\n').pop();
  try {
    return { ...JSON.parse(line), process: { wallMs: r.wallMs, cpuMs: r.cpuMs, maxRssMB: r.maxRssMB } };
  } catch {
    return { error: `worker ${name} printed no result: ${r.stdout.slice(-300)}` };
  }
}
