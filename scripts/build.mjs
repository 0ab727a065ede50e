// Bundles the three front ends from one core: the Node extension (and its analysis
// worker), the web extension and the CLI. The core has no Node built-ins, so the web
// bundle needs no polyfills.
import { build } from 'esbuild';

const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'es2022' };
const watch = process.argv.includes('--watch');

await Promise.all([
  build({ ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] }),
  build({ ...common, entryPoints: ['src/extension/analysis-worker.ts'], outfile: 'dist/analysis-worker.js', platform: 'node', format: 'cjs' }),
  build({ ...common, entryPoints: ['src/extension/web.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode'] }),
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } }),
]);
if (watch) console.log('built');
