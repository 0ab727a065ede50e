// Entry of the extension-host suite: the `run()` that VS Code calls, in code-server (via
// the `payload` URL parameter) or in desktop VS Code (test/vscode/electron.ts). Every
// result is also written to a JSON file, because code-server's ext host has no terminal.
import Mocha from 'mocha';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface Outcome { title: string; state: 'passed' | 'failed' | 'skipped'; duration?: number; error?: string }

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 30_000, color: false, reporter: 'spec' });
  if (process.env.KPL_GREP) mocha.grep(process.env.KPL_GREP);
  // The suites register themselves with mocha's globals once mocha has set them up.
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  require('./all');
  const out = process.env.KPL_VSCODE_RESULTS ?? path.resolve(__dirname, '../../../../test-results/vscode-host.json');
  const outcomes: Outcome[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify({ failures, tests: outcomes }, null, 2));
      if (failures > 0) reject(new Error(`${failures} tests failed`));
      else resolve();
    });
    runner.on('pass', (t) => outcomes.push({ title: t.fullTitle(), state: 'passed', duration: t.duration }));
    // A skip is reported with its reason-less title, so a missing package shows in the summary.
    runner.on('pending', (t) => outcomes.push({ title: t.fullTitle(), state: 'skipped' }));
    runner.on('fail', (t, err: Error) => outcomes.push({ title: t.fullTitle(), state: 'failed', duration: t.duration, error: String(err?.stack ?? err) }));
  });
}
