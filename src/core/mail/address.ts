// From: values, including the forms web archives leave behind ("Al Viro" alone,
// `Song Liu <hidden>`, `brauner@xxxxxxxxxx`, marc's `name () host ! tld`).
import { addressParser } from 'postal-mime';
import type { Address } from './types';

const SIMPLE = /^\s*(?:"([^"\\]*)"|([^"<>,@()\\]*?))\s*<([^<>\s@]+@[^<>\s@]+)>\s*$/;
const BARE = /^\s*<?([^<>\s@",()]+@[^<>\s@",()]+)>?\s*$/;

export function parseFrom(value: string | undefined): Address {
  if (!value) return { name: '', address: '' };
  // marc.info hides addresses as `user () host ! tld` (dots become ` ! `, in names too)
  if (/\S \(\) \S/.test(value)) value = value.replace(/ \(\) /g, '@').replace(/ ! /g, '.');
  // the common shapes without the general parser: `Name <a@b>`, `"Name" <a@b>`, `a@b`
  const simple = SIMPLE.exec(value);
  if (simple) return { name: (simple[1] ?? simple[2] ?? '').trim(), address: simple[3] };
  const bare = BARE.exec(value);
  if (bare) return { name: '', address: bare[1] };
  const marc = /^(.*?)\s*<([^<>\s]+) \(\) ([^<>\s]+) ! ([^<>\s]+)>\s*$/.exec(value);
  if (marc) return { name: unquote(marc[1]), address: `${marc[2]}@${marc[3]}.${marc[4]}` };
  const hidden = /^(.*?)\s*<(hidden|[^<>@]*)>\s*$/.exec(value);
  if (hidden) return { name: unquote(hidden[1]), address: '' };
  try {
    for (const a of addressParser(value, { flatten: true })) {
      if (a.address !== undefined) {
        const name = a.name || '';
        if (a.address.includes('@') || name) return { name, address: a.address.includes('@') ? a.address : '' };
      }
    }
  } catch {
    // fall through to the plain name
  }
  return { name: unquote(value.trim()), address: '' };
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
}
