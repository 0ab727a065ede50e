// Shared by the test runner and `npm run try`: package the extension, give code-server a
// scratch home, start it in its own process group on loopback, and stop that group.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, rmSync, writeFileSync, openSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const CODE_SERVER = path.join(process.env.KPL_CODE_SERVER_DIR ?? path.join(ROOT, '.cache/code-server'), 'node_modules/.bin/code-server');
export const CHROMIUM = process.env.KPL_CHROMIUM ?? '/usr/bin/chromium';

export function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

/** Builds the bundles and the vsix; returns the vsix path. */
export function packageExtension(outDir) {
  sh('node', ['scripts/build.mjs']);
  const vsix = path.join(outDir, 'kernel-patch-lens.vsix');
  // --allow-missing-repository: vsce would otherwise stop and ask on a terminal.
  sh('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '-o', vsix], { stdio: ['ignore', 'inherit', 'inherit'] });
  return vsix;
}

/** A fresh scratch home: user data, extensions, XDG dirs and TMPDIR for code-server. */
export function scratch(dir, settings) {
  rmSync(dir, { recursive: true, force: true });
  const d = {
    dir,
    user: path.join(dir, 'user'),
    ext: path.join(dir, 'extensions'),
    config: path.join(dir, 'xdg-config'),
    data: path.join(dir, 'xdg-data'),
    tmp: path.join(dir, 'tmp'),
    chrome: path.join(dir, 'chrome'),
  };
  for (const p of Object.values(d)) mkdirSync(p, { recursive: true });
  mkdirSync(path.join(d.user, 'User'), { recursive: true });
  writeFileSync(path.join(d.user, 'User/settings.json'), JSON.stringify(settings, null, 2));
  return d;
}

export function env(d, extra = {}) {
  return { ...process.env, XDG_CONFIG_HOME: d.config, XDG_DATA_HOME: d.data, TMPDIR: d.tmp, ...extra };
}

export function installExtension(d, vsix) {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server not installed; run: bash scripts/vscode/install-code-server.sh`);
  sh(CODE_SERVER, ['--user-data-dir', d.user, '--extensions-dir', d.ext, '--install-extension', vsix], { env: env(d), stdio: ['ignore', 'ignore', 'inherit'] });
  const dirs = readdirSync(d.ext).filter((n) => n.startsWith('kernel-patch-lens.'));
  if (dirs.length !== 1) throw new Error(`extension not installed in ${d.ext}: ${readdirSync(d.ext).join(', ')}`);
  return path.join(d.ext, dirs[0]);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts code-server detached (own process group); resolves once /healthz answers. */
export async function startCodeServer(d, extraEnv = {}) {
  const port = await freePort();
  const log = openSync(path.join(d.dir, 'code-server.log'), 'a');
  const child = spawn(CODE_SERVER, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', d.user, '--extensions-dir', d.ext,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override',
  ], { cwd: ROOT, env: env(d, extraEnv), detached: true, stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let exited = false;
  child.on('exit', () => { exited = true; });
  while (Date.now() < deadline && !exited) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return { url, port, pid: child.pid, stop: () => killGroup(child.pid) };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  killGroup(child.pid);
  throw new Error(`code-server did not answer on ${url}/healthz (log: ${path.join(d.dir, 'code-server.log')})`);
}

export function killGroup(pid) {
  try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
}

export const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Settings that keep the workbench quiet and deterministic for screenshots. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'editor.codeLens': true,
  // Seed 000 is a web page whose newlines were collapsed: one 3.5 KB line.
  'editor.wordWrap': 'on',
  'editor.minimap.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The scratch workspaces sit inside this repository; no git prompts in screenshots.
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};
