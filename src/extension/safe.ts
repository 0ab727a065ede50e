// Mail text is hostile. Everything from a mail that reaches a label, a CodeLens title or
// a Markdown hover passes through here; command links are only built by `commandLink`.
import * as vscode from 'vscode';

// Bidi overrides/isolates, zero-width characters, BOM, soft hyphen, other invisibles and
// C0/C1 controls (except tab/newline, handled by the callers).
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]/g;

/** Plain text for labels: invisibles shown as `<U+XXXX>`, whitespace collapsed, length capped. */
export function plain(text: string, max = 200): string {
  const s = text
    .replace(INVISIBLE, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/**
 * Markdown-escaped text: every ASCII punctuation character is backslash-escaped, so no
 * link, autolink (`https:`/`www.`), HTML tag, entity, emphasis or table syntax survives.
 */
export function md(text: string, max = 400): string {
  return plain(text, max).replace(/[\\`*_{}[\]()<>#+\-.!|~&:;"'=$%^,?@/]/g, (c) => `\\${c}`);
}

/** The commands a hover may link to; the MarkdownString trusts these and nothing else. */
export const HOVER_COMMANDS = ['kernelPatchLens.reveal', 'kernelPatchLens.showDiscussion', 'kernelPatchLens.sizeReport'] as const;
export type HoverCommand = typeof HOVER_COMMANDS[number];

/** A command link built by the extension; `label` is escaped, arguments JSON-encoded. */
export function commandLink(label: string, command: HoverCommand, args: unknown[]): string {
  const q = encodeURIComponent(JSON.stringify(args));
  return `[${md(label)}](command:${command}?${q})`;
}

/** An https link whose target the extension built and validated (lore links). */
export function webLink(label: string, url: string): string {
  if (!/^https:\/\/lore\.kernel\.org\/r\/[A-Za-z0-9._%+\-@$~!*'=]+$/.test(url)) return md(label);
  return `[${md(label)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

export function hoverMarkdown(): vscode.MarkdownString {
  const m = new vscode.MarkdownString('', false);
  m.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  m.supportHtml = false;
  m.supportThemeIcons = false;
  return m;
}
