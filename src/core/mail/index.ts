// Entry point of the mail stage: any opened document → MailDocument.
import { bytesToText, gunzip, isGzip } from './bytes';
import { parseCollapsedHead } from './collapsed';
import { detectKind } from './detect';
import { parseHtmlPage } from './html';
import { messageFromHeaders, parseMessage } from './message';
import { splitMbox } from './split';
import type { BodyPart, Header, InputKind, MailDocument, Message } from './types';
import { parseArchiveHead } from './webarchive';
import { FORMAT_PATCH_FROM } from './fromline';
import { isLoreThread, splitLoreThread } from './lorethread';

export type { RawMessage } from './split';
export { MboxSplitter, splitMbox } from './split';
export { parseMessage } from './message';
export { detectKind } from './detect';
export { isFromLine } from './fromline';
export { toDocumentOffset } from './position';
export { parseDate } from './date';
export { parseFrom } from './address';
export { bytesToText } from './bytes';

export interface ReadOptions {
  /** File name, used only in warnings. */
  name?: string;
}

/** Bytes (possibly gzip) → the text an editor shows. */
export function documentText(input: string | Uint8Array): { text: string; warnings: string[] } {
  const warnings: string[] = [];
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, ''), warnings };
  let bytes = input;
  if (isGzip(bytes)) {
    try {
      bytes = gunzip(bytes);
    } catch (e) {
      // unreadable input is reported, never thrown: the caller decides what to do
      warnings.push(`unreadable gzip data: ${e instanceof Error ? e.message : String(e)}`);
      return { text: '', warnings };
    }
  }
  const { text, encoding } = bytesToText(bytes);
  if (encoding !== 'utf-8') warnings.push('not valid UTF-8; read as windows-1252');
  return { text: text.replace(/^\uFEFF/, ''), warnings };
}

function bodyPart(index: number, text: string, offset: number, view: BodyPart['view']): BodyPart {
  const normalized = view === 'document' && text.includes('\r');
  const part: BodyPart = {
    id: `${index}.0`, contentType: 'text/plain', attachment: false,
    text: normalized ? text.replace(/\r\n/g, '\n') : text, view, offset,
  };
  if (normalized) {
    const removed: number[] = [];
    let dropped = 0;
    for (let i = text.indexOf('\r\n'); i >= 0; i = text.indexOf('\r\n', i + 2)) removed.push(i - dropped++);
    part.removed = removed;
  }
  return part;
}

function single(text: string, headers: Header[], bodyStart: number, warnings: string[] = []): Message {
  return messageFromHeaders(0, { start: 0, end: text.length }, headers, [bodyPart(0, text.slice(bodyStart), bodyStart, 'document')], warnings);
}

async function readText(text: string, kind: InputKind): Promise<Message[]> {
  switch (kind) {
    case 'mbox':
    case 'message': {
      const raws = splitMbox(text);
      const out: Message[] = [];
      for (let i = 0; i < raws.length; i++) out.push(await parseMessage(raws[i], i));
      return out;
    }
    case 'html': {
      const page = parseHtmlPage(text);
      return [messageFromHeaders(0, { start: 0, end: text.length }, page.headers,
        [bodyPart(0, page.body, 0, 'decoded')], [])];
    }
    case 'collapsed': {
      const head = parseArchiveHead(text) ?? parseCollapsedHead(text);
      return [single(text, head?.headers ?? [], head?.bodyStart ?? 0)];
    }
    case 'webarchive': {
      if (isLoreThread(text)) {
        return splitLoreThread(text).map((t, i) => messageFromHeaders(i, { start: t.start, end: t.end }, t.headers,
          [bodyPart(i, text.slice(t.bodyStart, t.bodyEnd), t.bodyStart, 'document')], []));
      }
      const head = parseArchiveHead(text);
      return [single(text, head?.headers ?? [], head?.bodyStart ?? 0)];
    }
    case 'diff':
      return [single(text, [], 0)];
  }
}

export async function readDocument(input: string | Uint8Array, options: ReadOptions = {}): Promise<MailDocument> {
  const { text, warnings } = documentText(input);
  let kind = detectKind(text);
  const messages = await readText(text, kind);
  if (kind === 'mbox' && messages.length === 1) {
    // `git format-patch` output is one message behind its magic separator line
    const first = text.slice(text.search(/\S/), text.indexOf('\n'));
    if (FORMAT_PATCH_FROM.test(first)) kind = 'message';
  }
  if (options.name && messages.length === 0) warnings.push(`${options.name}: no messages`);
  return { kind, messages, warnings };
}
