/**
 * Every reply block in the lore threads that quotes two or more `+`/`-` lines of a patch in
 * the same file must be anchored to the hunk holding those lines. The expected hunk is found
 * here by exact text search of the quoted lines in the decoded patch messages, not by the
 * anchoring code; the hunks' spans come from the patch stage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, SKIP_NO_CORPUS } from '../helpers/paths';
import { documentText, readDocument } from '../../src/core/mail/index';
import { buildThread } from '../../src/core/thread/index';
import { extractPatches } from '../../src/core/patch/index';
import { ViewMapper } from '../../src/core/text/position';
import { linkDiscussion } from '../../src/core/discussion/link';
import { hunkKey } from '../../src/core/discussion/hunk-key';
import type { BodyPart, Message } from '../../src/core/mail/types';
import type { Hunk } from '../../src/core/patch/types';

const DIR = path.join(CORPUS, 'lore-lsm');
const files = SKIP_NO_CORPUS ? [] : readdirSync(DIR).filter((f) => f.endsWith('.mbox')).sort();
const totals: Record<string, number> = { checked: 0 };
const LEGIT = /^(no patch in this file|patch not in this file|too little of any one hunk is quoted)/;

interface TestBlock { start: number; end: number; plusMinus: { line: number; text: string }[] }

/** Quoted runs by counting leading `>` (spaces between markers allowed); blank lines inside a run keep it. */
function quotedBlocks(text: string): TestBlock[] {
  const lines = text.split('\n');
  const out: TestBlock[] = [];
  let cur: TestBlock | undefined;
  lines.forEach((l, i) => {
    const m = /^((?:> ?)+)/.exec(l);
    if (!m) {
      if (l.trim() !== '' && cur) cur = undefined;
      return;
    }
    if (!cur) {
      cur = { start: i, end: i + 1, plusMinus: [] };
      out.push(cur);
    }
    cur.end = i + 1;
    const depth = (m[1].match(/>/g) ?? []).length;
    // One space after the markers belongs to them, as in `> +foo`.
    let content = l.replace(/^(?:> ?)+/, (s) => s);
    content = l.slice(markerEnd(l, depth));
    if (/^[+-]/.test(content) && !/^(\+\+\+|---)( |$)/.test(content) && content.trim().length > 1) {
      cur.plusMinus.push({ line: i, text: content });
    }
  });
  return out;
}

function markerEnd(l: string, depth: number): number {
  let i = 0;
  let seen = 0;
  while (seen < depth) {
    if (l[i] === '>') seen++;
    i++;
    if (seen < depth && l[i] === ' ' && l[i + 1] === '>') i++;
  }
  if (l[i] === ' ') i++;
  return i;
}

function isPatchMessage(m: Message): boolean {
  return !/^\s*(re|aw|fwd?)\s*:/i.test(m.subject) && m.parts.some((p) => /^diff --git /m.test(p.text));
}

function encodingOf(m: Message): string[] {
  const tags: string[] = [];
  const cte = m.headers.filter((h) => /^content-transfer-encoding$/i.test(h.name)).map((h) => h.value.toLowerCase()).join(' ');
  const ct = m.headers.filter((h) => /^content-type$/i.test(h.name)).map((h) => h.value.toLowerCase()).join(' ');
  if (cte.includes('quoted-printable')) tags.push('qp');
  if (cte.includes('base64')) tags.push('base64');
  if (/format="?flowed/.test(ct)) tags.push('flowed');
  // Multipart messages carry their encodings on the parts; their raw text tells.
  return tags;
}

for (const name of files.length ? files : ['(corpus absent)']) {
  test(`lore ${name}: every block quoting 2+ lines of a patch here is anchored to its hunk`, { skip: SKIP_NO_CORPUS }, async () => {
    const raw = readFileSync(path.join(DIR, name));
    const doc = await readDocument(raw);
    const thread = buildThread(doc.messages);
    const patches = extractPatches(doc, thread);
    const d = linkDiscussion(doc, thread, patches);

    const patchHunks = new Map<string, Hunk[]>(); // part id -> hunks
    for (const mp of patches) for (const h of mp.hunks) if (!h.quoted) patchHunks.set(h.part, [...(patchHunks.get(h.part) ?? []), h]);
    const patchParts: { m: Message; p: BodyPart; map: ViewMapper }[] = [];
    for (const m of doc.messages) if (isPatchMessage(m)) for (const p of m.parts) patchParts.push({ m, p, map: new ViewMapper(p) });

    /** Hunks holding an exact copy of `text` as a whole line, with the line's position. */
    function holders(text: string): Map<string, Set<string>> {
      const found = new Map<string, Set<string>>();
      for (const { p, map } of patchParts) {
        const needle = '\n' + text + '\n';
        for (let at = p.text.indexOf(needle); at >= 0; at = p.text.indexOf(needle, at + 1)) {
          const off = map.map(at + 1);
          for (const h of patchHunks.get(p.id) ?? []) {
            if (off >= h.span.start && off <= h.span.end) {
              const set = found.get(hunkKey(h)) ?? new Set<string>();
              set.add(text);
              found.set(hunkKey(h), set);
            }
          }
        }
      }
      return found;
    }

    const missed: string[] = [];
    const notHere: string[] = [];
    let checked = 0;
    const byEncoding: Record<string, number> = {};
    for (const m of doc.messages) {
      if (isPatchMessage(m)) continue;
      for (const p of m.parts) {
        if (p.attachment) continue;
        for (const b of quotedBlocks(p.text)) {
          if (b.plusMinus.length < 2) continue;
          // Per hunk, which of the block's distinct quoted lines it holds.
          const perHunk = new Map<string, Set<string>>();
          for (const { text } of b.plusMinus) {
            for (const [k, set] of holders(text)) {
              const all = perHunk.get(k) ?? new Set<string>();
              for (const t of set) all.add(t);
              perHunk.set(k, all);
            }
          }
          const mine = d.blocks
            .filter((x) => x.message === m.index && x.part === p.id && x.block.start < b.end && x.block.end > b.start)
            .flatMap((x) => x.anchors.map((a) => a.hunk));
          // Greedy: the hunk holding most of the quoted lines, its equals (other versions) as alternatives.
          let left = new Set(b.plusMinus.map((x) => x.text));
          let rounds = 0;
          for (;;) {
            let best = 0;
            for (const set of perHunk.values()) best = Math.max(best, [...set].filter((t) => left.has(t)).length);
            if (best < 2) break;
            const alts = [...perHunk.entries()].filter(([, set]) => [...set].filter((t) => left.has(t)).length === best);
            checked++;
            rounds++;
            for (const tag of encodingOf(m)) byEncoding[tag] = (byEncoding[tag] ?? 0) + 1;
            if (!alts.some(([k]) => mine.includes(k))) {
              const why = d.blocks.find((x) => x.message === m.index && x.part === p.id && x.block.start < b.end && x.block.end > b.start);
              missed.push(`msg ${m.index} lines ${b.start}-${b.end}: expected ${alts.map(([k]) => k).join(' | ')}, got [${mine.join(', ')}]${why?.unanchored ? ` (${why.unanchored})` : ''}`);
            }
            const used = alts[0][1];
            left = new Set([...left].filter((t) => !used.has(t)));
          }
          if (rounds === 0) notHere.push(`msg ${m.index} lines ${b.start}-${b.end}: patch not in this file`);
        }
      }
    }
    const unanchored = d.blocks.filter((b) => b.unanchored).map((b) => `msg ${b.message} lines ${b.block.start}-${b.block.end}: ${b.unanchored}`);
    console.log(`${name}: ${checked} quotes checked ${JSON.stringify(byEncoding)}; ${notHere.length} blocks quote a patch not in the file; ${unanchored.length} blocks unanchored by linkDiscussion`);
    for (const u of unanchored) console.log(`  unanchored: ${u}`);
    for (const x of missed) console.log(`  MISSED: ${x}`);
    totals.checked += checked;
    for (const [k, v] of Object.entries(byEncoding)) totals[k] = (totals[k] ?? 0) + v;
    // Precision: every anchor's hunk holds at least one of the lines it was anchored from.
    const squash = (t: string): string => t.replace(/\s+/g, '');
    const wrong: string[] = [];
    for (const b of d.blocks) {
      const part = doc.messages[b.message].parts.find((p) => p.id === b.part);
      if (!part || part.view !== 'document' && part.view !== 'decoded') continue;
      const lines = part.text.split('\n');
      for (const a of b.anchors) {
        const h = patches.flatMap((mp) => mp.hunks).find((x) => hunkKey(x) === a.hunk);
        assert.ok(h, `anchor ${a.hunk} names a hunk`);
        const inHunk = new Set(h.lines.map((l) => squash(l.text)).filter((t) => t.length > 3));
        const quoted = lines.slice(a.first, a.last + 1).map((l) => squash(l.replace(/^(?:> ?)+/, '').replace(/^[+-]/, '')));
        if (!quoted.some((q) => inHunk.has(q))) wrong.push(`msg ${b.message} lines ${a.first}-${a.last} -> ${a.hunk}`);
      }
    }
    for (const w of wrong) console.log(`  WRONG: ${w}`);
    assert.deepEqual(wrong, []);
    // Every verdict points at its own words: a trailer at its name, a NAK or refusal at its text.
    const text = documentText(raw).text;
    const verdicts = [...Object.values(d.verdicts).flat(), ...d.looseVerdicts];
    for (const v of verdicts) {
      const part = doc.messages[v.message].parts.find((p) => p.id === v.part);
      const at = v.view === 'document' ? text.slice(v.offset, v.offset + 200) : (part?.text ?? '').slice(v.offset, v.offset + 200);
      const head = v.text.split(/\s+/).slice(0, 2).join(' ');
      assert.equal(at.replace(/\s+/g, ' ').slice(0, head.length), head, `verdict ${v.kind} in msg ${v.message}`);
    }
    console.log(`  ${verdicts.length} verdicts, ${Object.keys(d.hunks).length} hunks with comments, ${d.claims.length} claims`);
    assert.deepEqual(missed, []);
    for (const u of unanchored) assert.match(u.replace(/^msg \d+ lines \d+-\d+: /, ''), LEGIT, u);
  });
}

test('lore threads: quotes were checked, in QP, base64 and format=flowed replies', { skip: SKIP_NO_CORPUS }, () => {
  console.log(`totals: ${JSON.stringify(totals)}`);
  assert.ok(totals.checked >= 100, `only ${totals.checked} quotes checked`);
  for (const enc of ['qp', 'base64', 'flowed']) assert.ok((totals[enc] ?? 0) > 0, `no ${enc} reply checked`);
});

test('lore threads: linking time of the 96-message thread is printed (figure only; benchmarks judge it)', { skip: SKIP_NO_CORPUS }, async () => {
  const raw = readFileSync(path.join(DIR, 'sassu-evm-move-to-lsm-v5.mbox'));
  const doc = await readDocument(raw);
  const thread = buildThread(doc.messages);
  const patches = extractPatches(doc, thread);
  for (let i = 0; i < 5; i++) linkDiscussion(doc, thread, patches);
  const n = 10;
  const c = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < n; i++) linkDiscussion(doc, thread, patches);
  const u = process.cpuUsage(c);
  console.log(`linkDiscussion, ${doc.messages.length} messages: ${((performance.now() - t) / n).toFixed(1)} ms wall, ${((u.user + u.system) / 1000 / n).toFixed(1)} ms CPU per run (warm)`);
  assert.equal(doc.messages.length, 96);
});
