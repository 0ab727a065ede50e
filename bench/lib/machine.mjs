// What the figures were measured on.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';

function sh(cmd) {
  const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function cpuModel() {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1].trim();
  } catch { /* not Linux */ }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function machine() {
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    os: sh('. /etc/os-release && echo "$PRETTY_NAME"') ?? os.platform(),
    tools: {
      git: sh('git --version'),
      python: sh('python3 --version'),
      pahole: sh('pahole --version'),
      gcc: sh('gcc --version | head -1'),
    },
  };
}

export function load() {
  const [a, b, c] = os.loadavg();
  return `${a.toFixed(1)} / ${b.toFixed(1)} / ${c.toFixed(1)}`;
}
