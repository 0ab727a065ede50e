// `kernel-patch-lens report`: the size impact of every struct hunk of one or more threads.
import { parseArgs } from 'node:util';
import { analyze } from '../../core/analyze';
import { isAbiName } from '../../core/layout';
import { reportJson, reportMarkdown, reportText, REPORT_SCHEMA } from '../../core/report';
import { loadBtfChoice, readInput, sourceBasis } from '../basis';
import { readSlabMachine } from '../slab';
import { UsageError } from '../util';

export async function reportCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'md' },
        tree: { type: 'string' },
        config: { type: 'string' },
        btf: { type: 'string', default: 'embedded' },
        abi: { type: 'string', default: 'x86_64' },
        struct: { type: 'string', multiple: true },
        'fail-on-growth': { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(`report: ${(e as Error).message}`);
  }
  const { values: v, positionals: files } = parsed;
  if (!files.length) throw new UsageError('report: give at least one file');
  const format = v.format ?? 'md';
  if (!['md', 'json', 'text'].includes(format)) throw new UsageError(`report: --format must be md, json or text, not '${format}'`);
  const abi = v.abi ?? 'x86_64';
  if (!isAbiName(abi)) throw new UsageError(`report: unknown ABI '${abi}' (x86_64, arm64, i386, arm)`);
  if (v.config && !v.tree) throw new UsageError('report: --config needs --tree (the BTF basis carries its own configuration)');
  const inputs = files.map((f) => ({ f, bytes: new Uint8Array(readInput(f)) }));
  const btf = loadBtfChoice(v.btf ?? 'embedded');
  const source = v.tree ? sourceBasis(v.tree, v.config) : undefined;
  const slab = readSlabMachine();
  const structs = (v.struct ?? []).map((s) => s.replace(/^(struct|union)\s+/, ''));
  const analyses = [];
  for (const { f, bytes } of inputs) {
    analyses.push(await analyze(bytes, { name: f, abi, source, btf: btf?.source, btfConfig: btf?.config, structs, slab, now: () => performance.now() }));
  }
  if (format === 'json') {
    const out = analyses.length === 1 ? reportJson(analyses[0]) : { schema: REPORT_SCHEMA, reports: analyses.map(reportJson) };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    for (const a of analyses) process.stdout.write(format === 'md' ? reportMarkdown(a) : reportText(a));
  }
  if (!v['fail-on-growth']) return 0;
  const grows = analyses.some((a) => a.hunks.some((h) => h.impact.structs.some((s) => s.scenarios.some((x) => (x.delta ?? 0) > 0))));
  return grows ? 1 : 0;
}
