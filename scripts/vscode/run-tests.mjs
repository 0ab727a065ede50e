// Runs the VS Code suites in a real VS Code (code-server + Chromium), as CI does:
//  (a) the extension-host mocha suite (test/vscode/suite) against the real `vscode` API,
//      loaded through the web client's `payload` parameter, results written to a file;
//  (b) the Playwright UI tests (test/vscode/ui) against the workbench, with screenshots.
// The extension under test is the packaged .vsix, installed into a fresh extensions dir.
// Exits non-zero when anything fails; the last line is `N passed, N failed`.
//
//   node scripts/vscode/run-tests.mjs [--only host|ui] [--grep TEXT] [--summary FILE] [--keep]
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { BASE_SETTINGS, CHROME_ARGS, CHROMIUM, ROOT, installExtension, packageExtension, scratch, startCodeServer } from './lib.mjs';

const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const only = opt('--only');
const grep = opt('--grep');
const summaryFile = opt('--summary');
const keep = argv.includes('--keep');

const RESULTS = path.join(ROOT, 'test-results');
const SHOTS = path.join(RESULTS, 'screenshots');
const RUN = path.join(ROOT, '.cache/vscode-run');
// Separate copies so the UI tests do not inherit the editors the host suite left open.
const WS_HOST = path.join(RUN, 'workspace-host');
const WS_UI = path.join(RUN, 'workspace-ui');
const HOST_RESULTS = path.join(RESULTS, 'vscode-host.json');
const t0 = Date.now();
const timings = {};
const lap = (name, since) => { timings[name] = Date.now() - since; };

/** @type {{suite: string, title: string, ok: boolean, skipped?: boolean, ms: number, error?: string}[]} */
const results = [];

async function bundleTests() {
  const common = { bundle: true, platform: 'node', target: 'es2022', sourcemap: 'inline', logLevel: 'warning' };
  await build({ ...common, entryPoints: ['test/vscode/suite/index.ts'], outfile: 'out/test/vscode/suite/index.js', format: 'cjs', external: ['vscode', 'mocha'], absWorkingDir: ROOT });
  await build({ ...common, entryPoints: ['test/vscode/ui/index.ts'], outfile: 'out/test/vscode/ui/index.mjs', format: 'esm', external: ['playwright-core'], absWorkingDir: ROOT });
}

/** The workspace the suites open: fixtures copied so tests may edit them freely. */
function makeWorkspace(WS) {
  rmSync(WS, { recursive: true, force: true });
  mkdirSync(WS, { recursive: true });
  cpSync(path.join(ROOT, 'test/fixtures/vscode'), WS, { recursive: true });
  cpSync(path.join(ROOT, 'test/fixtures/seeds/000_110b1c1c1020574e.txt'), path.join(WS, 'seed-000.txt'));
  // lore serves threads as t.mbox.gz; the gzip fixture is made here rather than committed.
  writeFileSync(path.join(WS, 'lsm-i_security-rcu-free.mbox.gz'), gzipSync(readFileSync(path.join(WS, 'lsm-i_security-rcu-free.mbox'))));
  // The corpus's 1 MB, 71-message lore thread, for the open-to-annotations timing (skipped without the corpus).
  const corpus = process.env.KPL_CORPUS ?? path.resolve(ROOT, '../shared/corpus');
  const big = path.join(corpus, 'lore-lsm/casey-lsm-display-v12-base64-flowed.mbox');
  if (existsSync(big)) {
    cpSync(big, path.join(WS, 'casey-lsm-display-v12.mbox'));
    // The same thread under a second name: a new document, opened once the worker has read one like it.
    cpSync(big, path.join(WS, 'casey-lsm-display-v12-again.mbox'));
  }
  for (const f of readdirSync(WS)) chmodSync(path.join(WS, f), 0o644);
  mkdirSync(path.join(WS, '.vscode'), { recursive: true });
}

async function runHostSuite(context, server, extDir) {
  const page = await context.newPage();
  rmSync(HOST_RESULTS, { force: true });
  const exited = new Promise((resolve) => {
    page.exposeFunction('codeAutomationExit', (code) => { resolve(code); }).catch(() => resolve(-1));
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extDir)],
    ['extensionTestsPath', remote(path.join(ROOT, 'out/test/vscode/suite/index.js'))],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(WS_HOST)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const started = Date.now();
  await page.goto(url);
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 180_000));
  const code = await Promise.race([exited, timeout]);
  lap('hostSuite', started);
  await page.screenshot({ path: path.join(SHOTS, 'host-suite-end.png') }).catch(() => {});
  await page.close().catch(() => {});
  if (!existsSync(HOST_RESULTS)) {
    results.push({ suite: 'host', title: 'extension-host suite ran', ok: false, ms: 0, error: `no results file (exit code ${code})` });
    return;
  }
  const r = JSON.parse(readFileSync(HOST_RESULTS, 'utf8'));
  for (const t of r.tests) results.push({ suite: 'host', title: t.title, ok: t.state !== 'failed', skipped: t.state === 'skipped', ms: t.duration ?? 0, error: t.error });
  if (code !== 0 && r.tests.every((t) => t.state !== 'failed')) {
    results.push({ suite: 'host', title: 'suite exit code', ok: false, ms: 0, error: `exit code ${code}` });
  }
}

async function runUiTests(context, server) {
  const { tests } = await import(path.join(ROOT, 'out/test/vscode/ui/index.mjs') + `?t=${Date.now()}`);
  const started = Date.now();
  for (const t of tests) {
    if (grep && !t.name.includes(grep)) continue;
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const s = Date.now();
    try {
      await t.run({ page, url: server.url, workspace: WS_UI, shots: SHOTS });
      results.push({ suite: 'ui', title: t.name, ok: true, ms: Date.now() - s });
    } catch (err) {
      const file = path.join(SHOTS, `FAILED-${t.name.replace(/[^a-z0-9]+/gi, '-')}.png`);
      await page.screenshot({ path: file }).catch(() => {});
      results.push({ suite: 'ui', title: t.name, ok: false, ms: Date.now() - s, error: `${err?.stack ?? err}\n  screenshot: ${file}` });
    }
    await page.close().catch(() => {});
  }
  lap('uiTests', started);
}

async function main() {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  let s = Date.now();
  await bundleTests();
  mkdirSync(RUN, { recursive: true });
  const vsix = packageExtension(RUN);
  lap('buildAndPackage', s);
  makeWorkspace(WS_HOST);
  makeWorkspace(WS_UI);

  s = Date.now();
  const d = scratch(path.join(RUN, 'home'), BASE_SETTINGS);
  const extDir = installExtension(d, vsix);
  const server = await startCodeServer(d, { KPL_VSCODE_RESULTS: HOST_RESULTS });
  lap('installAndStart', s);
  let context;
  try {
    context = await chromium.launchPersistentContext(d.chrome, {
      executablePath: CHROMIUM, headless: true, args: CHROME_ARGS, viewport: { width: 1600, height: 1000 },
    });
    if (only !== 'ui') await runHostSuite(context, server, extDir);
    if (only !== 'host') await runUiTests(context, server);
  } catch (err) {
    results.push({ suite: 'runner', title: 'runner', ok: false, ms: 0, error: String(err?.stack ?? err) });
  } finally {
    await context?.close().catch(() => {});
    if (!keep) server.stop();
    else console.log(`code-server left running at ${server.url} (pid group ${server.pid})`);
  }
}

await main().catch((err) => results.push({ suite: 'runner', title: 'setup', ok: false, ms: 0, error: String(err?.stack ?? err) }));

for (const r of results) {
  console.log(`${r.skipped ? ' skip ' : r.ok ? '  ok  ' : ' FAIL '} [${r.suite}] ${r.title} (${r.ms} ms)`);
  if (!r.ok && r.error) console.log(r.error.split('\n').map((l) => `        ${l}`).join('\n'));
}
const skipped = results.filter((r) => r.skipped).length;
const passed = results.filter((r) => r.ok && !r.skipped).length;
const failed = results.filter((r) => !r.ok).length + (results.length === 0 ? 1 : 0);
timings.total = Date.now() - t0;
console.log(`timings (ms): ${Object.entries(timings).map(([k, v]) => `${k} ${v}`).join(', ')}`);
const summary = { passed, failed, skipped, timings, results };
writeFileSync(path.join(RESULTS, 'vscode-summary.json'), JSON.stringify(summary, null, 2));
if (summaryFile) writeFileSync(path.resolve(summaryFile), JSON.stringify(summary, null, 2));
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
