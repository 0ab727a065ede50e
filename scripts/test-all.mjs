// Runs every test: type checks, the core's unit/corpus/oracle tests under node's test
// runner, then the VS Code suites in code-server. Exits non-zero if anything fails and
// ends with one summary line over all of them, `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync, readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const only = process.argv.slice(2); // e.g. `unit`, `vscode`
const want = (part) => only.length === 0 || only.includes(part);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}
function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

let passed = 0, failed = 0, skipped = 0;
const problems = [];

for (const project of ['.', 'src/core']) {
  if (run('npx', ['tsc', '-p', project, '--noEmit']) !== 0) { failed++; problems.push(`tsc -p ${project}`); }
}
if (run('node', ['scripts/build.mjs']) !== 0) { failed++; problems.push('build'); }

if (want('unit')) {
  const files = ['test/unit', 'test/corpus', 'test/oracle'].flatMap(findTests);
  mkdirSync('test-results', { recursive: true });
  const tap = 'test-results/node-tests.tap';
  // Two files at once: on 2 vCPUs node's default (cores - 1) runs them one by one, and many
  // oracle tests mostly wait on gcc, b4 or git (unit suite 7m52s → 4m41s measured).
  const code = run('node', ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  skipped += count('skipped');
  if (code !== 0) problems.push('node tests');
  if (code !== 0 && count('fail') === 0) failed++;
}

if (want('vscode') && existsSync('scripts/vscode/run-tests.mjs')) {
  // A fresh clone has no code-server of its own (.cache/code-server): install it first, so
  // the README's `npm test` alone runs every suite (the installer is idempotent).
  if (run('bash', ['scripts/vscode/install-code-server.sh']) !== 0) {
    failed++;
    problems.push('code-server install');
  } else {
    const resultFile = 'test-results/vscode-summary.json';
    const code = run('node', ['scripts/vscode/run-tests.mjs', '--summary', resultFile]);
    if (existsSync(resultFile)) {
      const s = JSON.parse(readFileSync(resultFile, 'utf8'));
      passed += s.passed ?? 0; failed += s.failed ?? 0; skipped += s.skipped ?? 0;
    }
    if (code !== 0) { problems.push('vscode tests'); if (!existsSync(resultFile)) failed++; }
  }
}

if (problems.length) console.log(`failed parts: ${problems.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || problems.length ? 1 : 0);
