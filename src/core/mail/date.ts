// Dates as mail and web archives write them: RFC 5322 with zone names or comments,
// lkml.iu.edu's "Fri Mar 17 2023 - 17:21:39 EST", marc/lore's "2024-11-21 08:08:23",
// hypermail's "1138788975 -0500". Returns ISO 8601 (UTC) or undefined.

const ZONES: Record<string, string> = {
  UT: '+0000', UTC: '+0000', GMT: '+0000', Z: '+0000',
  EST: '-0500', EDT: '-0400', CST: '-0600', CDT: '-0500',
  MST: '-0700', MDT: '-0600', PST: '-0800', PDT: '-0700',
  CET: '+0100', CEST: '+0200', MET: '+0100', MEST: '+0200', BST: '+0100', IST: '+0530', JST: '+0900',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return y < 1970 || y > 9999 ? undefined : d.toISOString();
}

function zoneMinutes(z: string | undefined): number {
  if (!z) return 0;
  const named = ZONES[z.toUpperCase()];
  const s = named ?? z;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(s);
  if (!m) return 0;
  const v = parseInt(m[2], 10) * 60 + parseInt(m[3], 10);
  return m[1] === '-' ? -v : v;
}

function build(y: number, mon: number, d: number, h: number, mi: number, s: number, zone?: string): string | undefined {
  if (y < 100) y += y < 50 ? 2000 : 1900;
  if (mon < 0 || mon > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  return iso(Date.UTC(y, mon, d, h, mi, Math.min(s, 59)) - zoneMinutes(zone) * 60000);
}

export function parseDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const v = raw.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  if (!v) return undefined;
  let m = /^(\d{9,11}) ([+-]\d{4})$/.exec(v);
  if (m) return iso(parseInt(m[1], 10) * 1000);
  // RFC 5322: [Day,] DD Mon YYYY HH:MM[:SS] zone
  m = /^(?:[A-Za-z]{3},? ?)?(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{2,4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([+-]\d{2}:?\d{2}|[A-Za-z]{1,5}))?/.exec(v);
  if (m) return build(+m[3], MONTHS.indexOf(m[2].toLowerCase()), +m[1], +m[4], +m[5], +(m[6] ?? 0), m[7]);
  // lkml.iu.edu: Fri Mar 17 2023 - 17:21:39 EST ; asctime: Fri Mar 17 17:21:39 2023
  m = /^(?:[A-Za-z]{3},? )?([A-Za-z]{3}) (\d{1,2}),? (\d{4}) -? ?(\d{1,2}):(\d{2})(?::(\d{2}))?(?: ([+-]\d{4}|[A-Za-z]{1,5}))?/.exec(v);
  if (m) return build(+m[3], MONTHS.indexOf(m[1].toLowerCase()), +m[2], +m[4], +m[5], +(m[6] ?? 0), m[7]);
  m = /^(?:[A-Za-z]{3} )?([A-Za-z]{3}) (\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) (?:([A-Za-z]{1,5}|[+-]\d{4}) )?(\d{4})/.exec(v);
  if (m) return build(+m[7], MONTHS.indexOf(m[1].toLowerCase()), +m[2], +m[3], +m[4], +m[5], m[6]);
  // ISO-like: 2024-11-21 08:08:23 [zone] or 2024-11-21T08:08:23Z
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)? ?(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?)?/.exec(v);
  if (m) return build(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7]);
  return undefined;
}
