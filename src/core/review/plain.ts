// A reviewer's Markdown note as plain mail text (kernel lists read mail as text/plain):
// paragraphs wrapped at 72 columns, lists as `- ` / `1. `, code blocks indented 4 spaces
// and never wrapped, `inline code` kept, links as `text <url>`, emphasis as _x_ and
// strong as *x* (the plain-text conventions mutt shows), blockquotes as `| ` so they do
// not pass for quotes of the patch. HTML is never produced: comments are dropped and
// other HTML stays literal text (a note saying `<struct foo>` parses as an HTML tag).
import type { Blockquote, Definition, List, ListItem, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { wrap, type Frag } from './wrap';

export const WIDTH = 72;

interface Ctx {
  width: number;
  /** Prefix of the block's first line and of the lines after it. */
  first: string;
  rest: string;
  defs: Map<string, Definition>;
  /** The note's Markdown, for blockquotes shown as written. */
  source: string;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

function isComment(html: string): boolean {
  return /^\s*<!--[\s\S]*-->\s*$/.test(html);
}

function linkFrags(text: Frag[], url: string): Frag[] {
  const plain = text.map((f) => ('br' in f ? ' ' : f.text)).join('');
  if (plain === url || `mailto:${plain}` === url) return [{ text: `<${plain}>`, atomic: true }];
  return [...text, { text: ' ', atomic: false }, { text: `<${url}>`, atomic: true }];
}

function inline(nodes: PhrasingContent[], ctx: Ctx): Frag[] {
  const out: Frag[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out.push({ text: n.value, atomic: false });
        break;
      case 'inlineCode': out.push({ text: '`' + n.value + '`', atomic: true }); break;
      case 'emphasis': out.push({ text: '_', atomic: true }, ...inline(n.children, ctx), { text: '_', atomic: true }); break;
      case 'strong': out.push({ text: '*', atomic: true }, ...inline(n.children, ctx), { text: '*', atomic: true }); break;
      case 'delete': out.push(...inline(n.children, ctx)); break;
      case 'break': out.push({ br: true }); break;
      case 'link': out.push(...linkFrags(inline(n.children, ctx), n.url)); break;
      case 'image': out.push(...linkFrags([{ text: n.alt ?? '', atomic: false }], n.url)); break;
      case 'linkReference':
      case 'imageReference': {
        const def = ctx.defs.get(n.identifier);
        const label: Frag[] = n.type === 'linkReference' ? inline(n.children, ctx) : [{ text: n.alt ?? '', atomic: false }];
        out.push(...(def ? linkFrags(label, def.url) : [{ text: '[', atomic: true }, ...label, { text: ']', atomic: true }]));
        break;
      }
      case 'html': if (!isComment(n.value)) out.push({ text: n.value, atomic: false }); break;
      default: break; // footnote references and other extensions: not parsed without plugins
    }
  }
  return out;
}

function codeLines(value: string, ctx: Ctx): string[] {
  return value.split('\n').map((l, i) => ((i === 0 ? ctx.first : ctx.rest) + '    ' + l).replace(/\s+$/, ''));
}

/**
 * A blockquote in a note is nearly always pasted mail: show its lines as written (one
 * `>` level taken off, deeper markers and diff markers kept), behind `| ` so that neither
 * a reader nor our own quote parser takes them for quotes of this reply.
 */
function quoteLines(n: Blockquote, ctx: Ctx): string[] {
  const s = n.position?.start.offset, e = n.position?.end.offset;
  if (s === undefined || e === undefined) return [];
  return ctx.source.slice(s, e).split('\n').map((l, i) => {
    const body = l.replace(/^[ \t]*>[ ]?/, '');
    return ((i === 0 ? ctx.first : ctx.rest) + '| ' + body).replace(/\s+$/, '');
  });
}

function listItem(item: ListItem, marker: string, ctx: Ctx, spread: boolean): string[] {
  const pad = ' '.repeat(marker.length);
  return blocks(item.children, { ...ctx, first: ctx.first + marker, rest: ctx.rest + pad }, spread, ctx.rest + pad);
}

function list(n: List, ctx: Ctx): string[] {
  const start = n.start ?? 1;
  const spread = n.spread === true || n.children.some((c) => c.spread === true);
  const widest = n.ordered ? String(start + n.children.length - 1).length + 2 : 2;
  const out: string[] = [];
  n.children.forEach((item, i) => {
    if (i > 0 && spread) out.push('');
    const marker = n.ordered ? `${start + i}.`.padEnd(widest) : '- ';
    out.push(...listItem(item, marker, i === 0 ? ctx : { ...ctx, first: ctx.rest }, spread));
  });
  return out;
}

function block(n: RootContent, ctx: Ctx): string[] {
  const guard = ctx.first === '' && ctx.rest === '';
  switch (n.type) {
    case 'paragraph':
    case 'heading': return wrap(inline(n.children, ctx), ctx.width, ctx.first, ctx.rest, guard);
    case 'code': return codeLines(n.value, ctx);
    case 'list': return list(n, ctx);
    case 'blockquote': return quoteLines(n, ctx);
    case 'thematicBreak': return [ctx.first + '* * *'];
    case 'html': return isComment(n.value) ? [] : wrap([{ text: n.value, atomic: false }], ctx.width, ctx.first, ctx.rest, guard);
    default: return []; // definitions (used by references), and extension nodes
  }
}

/** Blocks in order; `spread` puts a blank line (`blank`, the bare prefix) between them. */
function blocks(nodes: RootContent[], ctx: Ctx, spread: boolean, blank: string): string[] {
  const out: string[] = [];
  let c = ctx;
  for (const n of nodes) {
    const lines = block(n, c);
    if (!lines.length) continue;
    if (out.length && spread) out.push(blank.replace(/\s+$/, ''));
    out.push(...lines);
    c = { ...c, first: c.rest };
  }
  return out;
}

function definitions(root: Nodes, into: Map<string, Definition>): void {
  if (root.type === 'definition') into.set(root.identifier, root);
  if ('children' in root) for (const c of root.children) definitions(c, into);
}

function clean(markdown: string): string {
  return markdown.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

export function parseNote(markdown: string): Root {
  return unified().use(remarkParse).parse(clean(markdown));
}

/** The note as plain text lines, no trailing blank lines. */
export function noteToPlain(markdown: string, width = WIDTH): string {
  const source = clean(markdown);
  const root = parseNote(source);
  const defs = new Map<string, Definition>();
  definitions(root, defs);
  const lines = blocks(root.children, { width, first: '', rest: '', defs, source }, true, '');
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  return lines.join('\n');
}
