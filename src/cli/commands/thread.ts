// `kernel-patch-lens thread <file> [--format json|text]`: the messages of a thread with
// their parents, and the patch series found in it.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readDocument } from '../../core/mail/index';
import type { MailDocument, Message } from '../../core/mail/types';
import { buildThread, newestSeries } from '../../core/thread/index';
import type { Series, Thread, ThreadNode } from '../../core/thread/types';
import { UsageError } from '../util';
import { useMemoryBlob } from './stats';

export const THREAD_SCHEMA = 'kernel-patch-lens.thread@1';

function fromText(m: Message): string {
  return m.from.address ? (m.from.name ? `${m.from.name} <${m.from.address}>` : m.from.address) : m.from.name;
}

function seriesJson(s: Series, doc: MailDocument): unknown {
  const id = (i: number): string | null => doc.messages[i].messageId ?? null;
  return {
    key: s.key,
    title: s.title,
    version: s.version,
    rfc: s.rfc,
    prefixes: s.prefixes,
    total: s.total ?? null,
    cover: s.cover !== undefined ? { index: s.cover, id: id(s.cover) } : null,
    patches: Object.keys(s.patches).map(Number).sort((a, b) => a - b)
      .map((n) => ({ number: n, messages: s.patches[n].map((i) => ({ index: i, id: id(i) })) })),
  };
}

export function threadJson(file: string, doc: MailDocument, thread: Thread): unknown {
  return {
    schema: THREAD_SCHEMA,
    file,
    kind: doc.kind,
    warnings: doc.warnings,
    messages: doc.messages.map((m) => {
      const p = thread.parent[m.index];
      return {
        index: m.index,
        id: m.messageId ?? null,
        from: fromText(m),
        date: m.date ?? m.dateRaw ?? null,
        subject: m.subject,
        parent: p !== undefined ? (doc.messages[p].messageId ?? null) : (m.inReplyTo ?? null),
        parentIndex: p ?? null,
        inFile: true,
        span: m.span,
        warnings: m.warnings,
      };
    }),
    series: thread.series.map((s) => seriesJson(s, doc)),
    newest: newestSeries(thread.series).map((p) => ({ key: p.series.key, patches: p.patches })),
  };
}

/** Mail text is hostile: no control characters reach the terminal. */
export function clean(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

export function threadText(doc: MailDocument, thread: Thread): string {
  const out: string[] = [];
  const stack: [ThreadNode, number][] = thread.roots.map((r) => [r, 0] as [ThreadNode, number]).reverse();
  while (stack.length) {
    const [node, depth] = stack.pop() as [ThreadNode, number];
    const pad = '  '.repeat(Math.min(depth, 40));
    if (node.message === undefined) out.push(`${pad}[not in file] <${clean(node.id)}>`);
    else {
      const m = doc.messages[node.message];
      out.push(`${pad}${clean((m.date ?? '').slice(0, 16).replace('T', ' '))}  ${clean(fromText(m))}  ${clean(m.subject)}`);
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], depth + 1]);
  }
  for (const s of thread.series) {
    const slots = Object.keys(s.patches).length;
    out.push(`series: ${clean(s.title)} v${s.version}${s.rfc ? ' RFC' : ''} — ${slots}${s.total ? `/${s.total}` : ''} patches${s.cover !== undefined ? ', cover letter' : ''}`);
  }
  return out.join('\n') + '\n';
}

export async function readInput(file: string): Promise<MailDocument> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let doc: MailDocument;
  try {
    doc = await readDocument(bytes, { name: file });
  } catch (e) {
    throw new Error(`cannot read ${file} as mail: ${e instanceof Error ? e.message : String(e)}`);
  }
  const unreadable = doc.warnings.find((w) => w.startsWith('unreadable'));
  if (unreadable) throw new Error(`cannot read ${file}: ${unreadable}`);
  return doc;
}

export async function threadCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('thread: exactly one <file> expected');
  const format = values.format;
  if (format !== 'json' && format !== 'text') throw new UsageError(`thread: unknown format '${format}' (json|text)`);
  const file = positionals[0];
  useMemoryBlob();
  const doc = await readInput(file);
  const thread = buildThread(doc.messages);
  process.stdout.write(format === 'json' ? JSON.stringify(threadJson(file, doc, thread), null, 2) + '\n' : threadText(doc, thread));
  return 0;
}
