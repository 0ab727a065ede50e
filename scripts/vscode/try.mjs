// `npm run try`: code-server with the packaged extension installed and a sample thread
// open, for a newcomer without desktop VS Code. Prints the URL; Ctrl+C stops it.
//   node scripts/vscode/try.mjs [--port N]   (needs bash scripts/vscode/install-code-server.sh first)
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASE_SETTINGS, ROOT, installExtension, packageExtension, scratch, startCodeServer } from './lib.mjs';

const dir = path.join(ROOT, '.cache/vscode-try');
mkdirSync(dir, { recursive: true });
const vsix = packageExtension(dir);
const d = scratch(path.join(dir, 'home'), BASE_SETTINGS);
installExtension(d, vsix);
const ws = path.join(dir, 'workspace');
mkdirSync(ws, { recursive: true });
cpSync(path.join(ROOT, 'test/fixtures/vscode'), ws, { recursive: true });
cpSync(path.join(ROOT, 'test/fixtures/seeds/000_110b1c1c1020574e.txt'), path.join(ws, 'seed-000.txt'));
// Open the sample thread on first load.
mkdirSync(path.join(ws, '.vscode'), { recursive: true });
writeFileSync(path.join(ws, '.vscode/settings.json'), '{}\n');
const server = await startCodeServer(d);
const url = `${server.url}/?folder=${encodeURIComponent(ws)}`;
console.log(`Kernel Patch Lens in code-server: ${url}`);
console.log('Open inode-bpf-storage.patch or lsm-i_security-rcu-free.mbox; for seed-000.txt run "Kernel Patch Lens: Annotate as Patch Thread". Ctrl+C stops.');
const stop = () => { server.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
