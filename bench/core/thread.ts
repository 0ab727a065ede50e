// A whole thread analysed by the core's one pipeline (src/core/analyze): reading, threading,
// hunks, struct impact on the embedded snapshot's BTF, discussion links; and the same up to
// the impacts (analyzeImpact), the part the editor draws first. Warm runs in one
// process (the snapshot loaded once, as the extension and the CLI do).
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'fflate';
import { analyze, analyzeImpact, type Analysis } from '../../src/core/analyze';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { decodeSnapshot } from '../../src/core/types/snapshot-format';
import { arg, emit, measure, once, readBytes } from './util';

function snapshotFile(repo: string): string {
  const dir = path.join(repo, 'media/snapshot');
  const f = readdirSync(dir).find((n) => n.endsWith('.snapshot.gz'));
  if (!f) throw new Error(`no snapshot in ${dir}`);
  return path.join(dir, f);
}

async function main(): Promise<void> {
  const repo = arg('repo');
  const files = arg('files').split(',');
  const btfOut = arg('btf-out', '');
  const snapFile = snapshotFile(repo);
  const snapBytes = readBytes(snapFile);
  const loadCold = await once(() => loadSnapshot(snapBytes));
  const loadWarm = await measure(() => loadSnapshot(snapBytes), { warmup: 1, runs: 5, budgetMs: 800 });
  if (btfOut) {
    const btf = decodeSnapshot(gunzipSync(snapBytes)).sections.get('btf');
    if (btf) writeFileSync(btfOut, btf);
  }
  const snap = loadCold.value;
  const env = { abi: 'x86_64' as const, btf: snap, btfConfig: snap.config, now: () => performance.now() };
  const results = [];
  for (const file of files) {
    const bytes = readBytes(file);
    const cold = await once(() => analyze(bytes, { ...env, name: file }));
    let last: Analysis = cold.value;
    const split: { read: number[]; impact: number[]; discussion: number[] } = { read: [], impact: [], discussion: [] };
    const warm = await measure(async () => {
      last = await analyze(bytes, { ...env, name: file });
      split.read.push(last.millis.read);
      split.impact.push(last.millis.impact);
      split.discussion.push(last.millis.discussion);
    }, { warmup: 2, runs: 15, budgetMs: 2500 });
    // Issue 4's "fully analysed (reading + impacts)": the pipeline up to the struct impacts.
    const upToImpact = await measure(() => analyzeImpact(bytes, { ...env, name: file }), { warmup: 2, runs: 15, budgetMs: 2500 });
    const med = (a: number[]) => { const s = a.slice(-warm.ms.length).sort((x, y) => x - y); return s[s.length >> 1]; };
    const structs = new Map<string, string>();
    let structHunks = 0;
    let impacts = 0;
    let errors = 0;
    for (const h of last.hunks) {
      if (h.impact.structs.length) structHunks++;
      for (const s of h.impact.structs) {
        impacts++;
        if (s.error) errors++;
        else if (s.basis === 'btf') structs.set(s.name, s.kind);
      }
    }
    let anchored = 0;
    for (const h of last.hunks) if (h.discussion.length) anchored++;
    results.push({
      file, bytes: bytes.length, messages: last.doc.messages.length, hunks: last.hunks.length, structHunks, impacts, impactErrors: errors,
      hunksWithDiscussion: anchored, btfStructs: [...structs].map(([n, k]) => `${k} ${n}`),
      cold: { ms: cold.ms, cpuMs: cold.cpuMs }, warm, upToImpact, stages: { read: med(split.read), impact: med(split.impact), discussion: med(split.discussion) },
    });
  }
  emit({ snapshot: path.basename(snapFile), snapshotLabel: snap.label, loadCold: { ms: loadCold.ms, cpuMs: loadCold.cpuMs }, loadWarm, threads: results });
}

main().catch((e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
