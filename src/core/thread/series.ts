// Series from subjects and thread structure: the patches of one posting hang under their
// cover letter (or under patch 1); a RESEND of the same version joins the same series,
// so one slot may hold two different messages.
import type { Message } from '../mail/types';
import type { SubjectInfo } from '../patch/types';
import type { Series } from './types';
import { parseSubject } from './subject';
import { isTrailerFollowup } from './b4';

function normTitle(t: string): string {
  return t.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function groupSeries(messages: Message[], parent: (number | undefined)[], subjects?: SubjectInfo[]): Series[] {
  const info = subjects ?? messages.map((m) => parseSubject(m.subject));
  // `[RFC]` alone also marks a posting on kernel lists; a second copy of a Message-ID
  // (an mbox holding a message twice) and a bare trailer follow-up are not postings
  const seenIds = new Set<string>();
  const dup = messages.map((m) => {
    if (!m.messageId) return false;
    if (seenIds.has(m.messageId)) return true;
    seenIds.add(m.messageId);
    return false;
  });
  const post = messages.map((m, i) => (info[i].isPatch || info[i].rfc) && !info[i].reply && !dup[i] && !isTrailerFollowup(m));
  const isPost = (i: number): boolean => post[i];
  // the topmost posting of the same version above a patch identifies its posting
  const anchor = (i: number): number => {
    let top = i;
    const seen = new Set<number>([i]);
    for (let p = parent[i]; p !== undefined && !seen.has(p); p = parent[p]) {
      seen.add(p);
      if (isPost(p) && info[p].version === info[i].version && (info[p].index !== undefined) === (info[i].index !== undefined)) top = p;
    }
    return top;
  };
  const postings = new Map<string, number[]>();
  // an orphan patch (its cover letter not in the file) groups with the other orphans of
  // the same author, version and length
  const keyOf = (a: number): string => {
    const s = info[a];
    return (s.index ?? 0) > 0 && parent[a] === undefined && s.total !== undefined
      ? `o${messages[a].from.address}|v${s.version}|${s.total}|${s.rfc}`
      : `a${a}`;
  };
  messages.forEach((_, i) => {
    if (!isPost(i)) return;
    const key = keyOf(anchor(i));
    const list = postings.get(key) ?? [];
    list.push(i);
    postings.set(key, list);
  });
  const byKey = new Map<string, Series>();
  const out: Series[] = [];
  for (const members of postings.values()) {
    const first = members[0];
    const cover = members.find((i) => info[i].index === 0);
    const one = members.find((i) => info[i].index === 1);
    const titleFrom = cover ?? one ?? first;
    const s0 = info[titleFrom];
    const title = s0.title;
    const key = `${normTitle(title)}|v${s0.version}`;
    let series = byKey.get(key);
    if (!series) {
      series = { key, title, version: s0.version, prefixes: s0.prefixes, rfc: s0.rfc, patches: {} };
      if (s0.total !== undefined) series.total = s0.total;
      byKey.set(key, series);
      out.push(series);
    }
    for (const i of members) {
      const idx = info[i].index ?? 1;
      if (idx === 0) {
        if (series.cover === undefined) series.cover = i;
        continue;
      }
      (series.patches[idx] ??= []).push(i);
    }
  }
  for (const s of out) {
    for (const k of Object.keys(s.patches)) {
      const slot = s.patches[+k];
      // newest last: by date when known, else file order
      slot.sort((a, b) => (messages[a].date ?? '').localeCompare(messages[b].date ?? '') || a - b);
    }
  }
  return out;
}

/** Series grouped by title across versions (the lineage of one patch set). */
export function lineageKey(s: Series): string {
  return normTitle(s.title);
}

export interface PickedSeries {
  series: Series;
  /** Message indices of the patches in order (cover letter excluded), newest per slot. */
  patches: number[];
}

function pick(s: Series): PickedSeries {
  const idx = Object.keys(s.patches).map(Number).sort((a, b) => a - b);
  return { series: s, patches: idx.map((k) => { const slot = s.patches[k]; return slot[slot.length - 1]; }) };
}

/** For each lineage, the newest version's patches. */
export function newestSeries(series: Series[]): PickedSeries[] {
  const best = new Map<string, Series>();
  for (const s of series) {
    const k = lineageKey(s);
    const b = best.get(k);
    if (!b || s.version > b.version) best.set(k, s);
  }
  return [...best.values()].map(pick);
}
