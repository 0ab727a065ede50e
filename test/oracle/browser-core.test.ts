/*
 * The core runs in a browser (as the web extension does): bundled by esbuild for the
 * browser platform with no Node polyfills, run in headless Chromium on seed 000 and a
 * base64 lore reply with the embedded snapshot, and its JSON report compared with the
 * same analysis in Node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { analyze } from '../../src/core/analyze';
import { reportJson } from '../../src/core/report';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { FIXTURES, REPO } from '../helpers/paths';

const CHROMIUM = '/usr/bin/chromium';
const SNAPSHOT = path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz');
const DOCS = [path.join(FIXTURES, 'seeds/000_110b1c1c1020574e.txt'), path.join(FIXTURES, 'vscode/lsm-prop-base64.eml')].filter(existsSync);

/** Timing fields differ between runs; everything else must be identical. */
function stable(report: unknown): unknown {
  const r = report as { millis?: unknown };
  return { ...r, millis: undefined };
}

test('the core analyses threads in Chromium exactly as in Node', { skip: existsSync(CHROMIUM) ? false : 'chromium not installed', timeout: 180_000 }, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kpl-browser-'));
  try {
    const out = path.join(dir, 'core.js');
    await build({ entryPoints: [path.join(REPO, 'test/browser/entry.ts')], outfile: out, bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'error' });
    const browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setContent('<!doctype html><title>kpl</title>');
      await page.addScriptTag({ content: readFileSync(out, 'utf8') });
      const snapB64 = readFileSync(SNAPSHOT).toString('base64');
      const snap = loadSnapshot(readFileSync(SNAPSHOT));
      assert.ok(DOCS.length >= 1);
      for (const file of DOCS) {
        const doc = readFileSync(file, 'utf8');
        const inBrowser = await page.evaluate(async ([d, s]) => {
          const bytes = Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
          const run = (globalThis as unknown as { kplRun: (doc: string, snap: Uint8Array) => Promise<unknown> }).kplRun;
          return run(d, bytes);
        }, [doc, snapB64] as const);
        const inNode = reportJson(await analyze(doc, { abi: 'x86_64', btf: snap, btfConfig: snap.config, name: 'browser' }));
        assert.deepEqual(stable(inBrowser), stable(JSON.parse(JSON.stringify(inNode))), path.basename(file));
        const hunks = (inBrowser as { hunks: { structs: unknown[] }[] }).hunks;
        assert.ok(hunks.some((h) => h.structs.length > 0), `${path.basename(file)}: a struct impact computed in the browser`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
