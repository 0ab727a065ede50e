// The same extension-host suite in desktop VS Code, for people with internet access:
// @vscode/test-electron downloads VS Code (which CI machines here cannot), installs
// nothing, and runs out/test/vscode/suite/index.js against the development extension.
//   node scripts/vscode/run-tests.mjs --only host   (CI, code-server)
//   npx tsx test/vscode/electron.ts                 (desktop, needs a display or xvfb)
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  await build({
    entryPoints: [path.join(root, 'test/vscode/suite/index.ts')], outfile: path.join(root, 'out/test/vscode/suite/index.js'),
    bundle: true, platform: 'node', format: 'cjs', target: 'es2022', external: ['vscode', 'mocha'], sourcemap: 'inline',
  });
  const ws = path.join(root, '.vscode-test/workspace');
  mkdirSync(ws, { recursive: true });
  cpSync(path.join(root, 'test/fixtures/vscode'), ws, { recursive: true });
  cpSync(path.join(root, 'test/fixtures/seeds/000_110b1c1c1020574e.txt'), path.join(ws, 'seed-000.txt'));
  writeFileSync(path.join(ws, 'lsm-i_security-rcu-free.mbox.gz'), gzipSync(readFileSync(path.join(ws, 'lsm-i_security-rcu-free.mbox'))));
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/vscode/suite/index.js'),
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
