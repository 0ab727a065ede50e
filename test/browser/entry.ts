// Bundled for the browser by test/oracle/browser-core.test.ts: the core, as the web
// extension runs it, on a document and the embedded snapshot handed in as bytes.
import { analyze } from '../../src/core/analyze';
import { reportJson } from '../../src/core/report';
import { loadSnapshot } from '../../src/core/types/snapshot';

async function run(doc: string, snapshot: Uint8Array): Promise<unknown> {
  const snap = loadSnapshot(snapshot);
  const a = await analyze(doc, { abi: 'x86_64', btf: snap, btfConfig: snap.config, name: 'browser' });
  return reportJson(a);
}

(globalThis as unknown as { kplRun: typeof run }).kplRun = run;
