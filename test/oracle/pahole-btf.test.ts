import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readBtf } from '../../src/core/types/btf';
import { btfLayoutOf } from '../../src/core/types/btf-layout';
import { BtfKind } from '../../src/core/types/btf-kinds';
import { loadSnapshot } from '../../src/core/types/snapshot';
import { REPO } from '../helpers/paths';

const SNAPSHOT = path.join(REPO, 'media/snapshot/debian-6.12.107-amd64.snapshot.gz');

/**
 * Every struct and union of the running kernel's BTF laid out by us and by pahole
 * (`pahole -F btf`, text output parsed): size, and name/offset/size/bit position of every
 * member, nested anonymous members included.
 */
const BTF_PATH = process.env.KPL_BTF ?? '/sys/kernel/btf/vmlinux';

function havePahole(): boolean {
  try {
    execFileSync('pahole', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

const skip = !existsSync(BTF_PATH) ? `no BTF at ${BTF_PATH}` : !havePahole() ? 'pahole not installed (apt-get install dwarves)' : false;

interface PMember { name: string; offset: number; size: number; bit?: number }
interface PStruct { kind: string; name: string; size: number; members: PMember[]; holeBits: number; /** Trailing padding in bits (pahole's padding plus bit_padding). */ padding: number }

/** The name in a pahole member declaration: `void (*fn)(int)`, `char x[16]`, `u8 f:3`. */
function declName(decl: string): string {
  const d = decl.replace(/__attribute__\(\(.*?\)\)\)?/g, '').trim();
  const fp = /\(\s*\*\s*(\w+)\s*\)/.exec(d);
  if (fp) return fp[1];
  const m = /(\w+)\s*(?:\[[^\]]*\]\s*)*(?::\s*\d+)?\s*$/.exec(d);
  return m ? m[1] : '';
}

export function parsePahole(text: string): PStruct[] {
  const out: PStruct[] = [];
  let cur: PStruct | undefined;
  const stack: { p: PMember; at: number; isEnum: boolean; holeBits: number }[] = [];
  for (const line of text.split('\n')) {
    if (!cur) {
      const m = /^(struct|union) (\w+) \{$/.exec(line);
      if (m) cur = { kind: m[1], name: m[2], size: -1, members: [], holeBits: 0, padding: 0 };
      continue;
    }
    if (/^\}/.test(line)) {
      out.push(cur);
      cur = undefined;
      stack.length = 0;
      continue;
    }
    const hole = /\/\* XXX (\d+) (bytes?|bits?) hole/.exec(line);
    if (hole) {
      cur.holeBits += Number(hole[1]) * (hole[2].startsWith('byte') ? 8 : 1);
      continue;
    }
    const pad = /^\t\/\* padding: (\d+) \*\//.exec(line);
    if (pad) {
      cur.padding += Number(pad[1]) * 8;
      continue;
    }
    const bitPad = /^\t\/\* bit_padding: (\d+) bits \*\//.exec(line);
    if (bitPad) {
      cur.padding += Number(bitPad[1]);
      continue;
    }
    const size = /\/\* size: (\d+),/.exec(line);
    if (size) {
      cur.size = Number(size[1]);
      continue;
    }
    const open = /^\t+(?:(?:const|volatile) )*(struct|union|enum)\s*\{\s*$/.exec(line);
    if (open) {
      // Inline enums are plain members; inline aggregates list their members after them.
      const p: PMember = { name: '', offset: -1, size: -1 };
      if (open[1] !== 'enum') cur.members.push(p);
      stack.push({ p, at: cur.members.length, isEnum: open[1] === 'enum', holeBits: cur.holeBits });
      continue;
    }
    const close = /^\t+\}\s*(.*?);\s*\/\*\s*(\d+)\s+(\d+)\s*\*\/\s*$/.exec(line);
    if (close && stack.length > 0) {
      const { p, at, isEnum, holeBits } = stack.pop()!;
      p.name = declName(close[1]);
      p.offset = Number(close[2]);
      p.size = Number(close[3]);
      if (isEnum) cur.members.push(p);
      // A pointer to an inline struct: pahole shows the pointee, which is not part of this layout.
      else if (/^\*/.test(close[1].trim())) {
        cur.members.length = at;
        cur.holeBits = holeBits;
      }
      continue;
    }
    const mem = /^\t+(.*?);\s*\/\*\s*(\d+)(?::\s*(\d+))?\s+(\d+)\s*\*\/\s*$/.exec(line);
    if (mem) {
      const p: PMember = { name: declName(mem[1]), offset: Number(mem[2]), size: Number(mem[4]) };
      if (mem[3] !== undefined) p.bit = Number(mem[2]) * 8 + Number(mem[3]);
      cur.members.push(p);
    }
  }
  return out;
}

test('pahole member-line parser reads names, offsets and bit positions', () => {
  const sample = [
    'struct s {',
    '\tvoid                       (*fn)(int);           /*     0     8 */',
    '\tunsigned int               a:3;                  /*     8: 0  4 */',
    '\tunion {',
    '\t\tchar               x[16];                /*    12    16 */',
    '\t};                                               /*    12    16 */',
    '\tstruct thread_struct       thread __attribute__((__aligned__(64))); /*    64    64 */',
    '',
    '\t/* size: 128, cachelines: 2, members: 4 */',
    '};',
  ].join('\n');
  const [s] = parsePahole(sample);
  assert.equal(s.size, 128);
  assert.deepEqual(s.members.map((m) => [m.name, m.offset, m.size, m.bit]), [
    ['fn', 0, 8, undefined], ['a', 8, 4, 64], ['', 12, 16, undefined], ['x', 12, 16, undefined], ['thread', 64, 64, undefined],
  ]);
});

/** Compare our layout of every named struct/union of a BTF file with pahole's; returns a summary line. */
function compareWithPahole(btfPath: string): string {
  const text = execFileSync('pahole', ['-F', 'btf', btfPath], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }).toString('latin1');
  const theirs = parsePahole(text);
  // pahole prints no size comment for unions; `--sizes` lists every struct and union in the same order.
  const sizes = execFileSync('pahole', ['-F', 'btf', '--sizes', btfPath], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] })
    .toString('latin1').split('\n').filter(Boolean).map((l) => l.split('\t'));
  assert.equal(sizes.length, theirs.length, 'pahole --sizes and the full output list different numbers of types');
  theirs.forEach((p, i) => {
    assert.equal(sizes[i][0], p.name, `pahole --sizes line ${i} names ${sizes[i][0]}, full output ${p.name}`);
    if (p.size < 0) p.size = Number(sizes[i][1]);
  });
  const btf = readBtf(new Uint8Array(readFileSync(btfPath)));
  const ours = new Map<string, number[]>();
  for (let id = 1; id < btf.count; id++) {
    const k = btf.kind(id);
    if ((k === BtfKind.Struct || k === BtfKind.Union) && btf.name(id) !== '') {
      const key = `${k === BtfKind.Struct ? 'struct' : 'union'} ${btf.name(id)}`;
      const l = ours.get(key);
      if (l) l.push(id);
      else ours.set(key, [id]);
    }
  }
  const mismatches: string[] = [];
  let compared = 0;
  let members = 0;
  let bitfields = 0;
  const seen = new Map<string, number>();
  for (const p of theirs) {
    const key = `${p.kind} ${p.name}`;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    const ids = ours.get(key);
    if (!ids || nth >= ids.length) {
      mismatches.push(`${key}: printed by pahole, not found in our reading`);
      continue;
    }
    // pahole prints same-named definitions in id order; fall back to any id whose size matches.
    const layout = btfLayoutOf(btf, ids[nth]);
    compared++;
    const problems: string[] = [];
    if (layout.size !== p.size) problems.push(`size ${layout.size} vs ${p.size}`);
    const holeBits = layout.holes.reduce((sum, h) => sum + h.size * 8 + (h.bits ?? 0), 0);
    if (holeBits !== p.holeBits) problems.push(`holes ${holeBits} bits vs ${p.holeBits}`);
    // pahole counts a last bit-field's storage unit as used and reports its spare bits as
    // bit_padding; we report whole bytes after the last used byte. Compare the free bits.
    const lastBits = layout.members.reduce((end, m) => Math.max(end, m.bitSize ? (m.bitOffset ?? 0) + m.bitSize : (m.offset + m.size) * 8), 0);
    const padBits = layout.padding * 8 + (lastBits % 8 ? 8 - (lastBits % 8) : 0);
    if (layout.kind === 'struct' && padBits !== p.padding) problems.push(`padding ${padBits} bits vs ${p.padding}`);
    if (layout.members.length !== p.members.length) problems.push(`${layout.members.length} members vs ${p.members.length}`);
    const n = Math.min(layout.members.length, p.members.length);
    for (let i = 0; i < n && problems.length < 3; i++) {
      const a = layout.members[i];
      const b = p.members[i];
      const leaf = a.name.slice(a.name.lastIndexOf('.') + 1);
      if (leaf !== b.name) problems.push(`member ${i}: name ${leaf} vs ${b.name}`);
      else if (b.bit !== undefined) {
        bitfields++;
        if (a.bitOffset !== b.bit) problems.push(`${leaf}: bit ${a.bitOffset} vs ${b.bit}`);
      } else if (a.offset !== b.offset || a.size !== b.size) problems.push(`${leaf}: ${a.offset}/${a.size} vs ${b.offset}/${b.size}`);
      members++;
    }
    if (problems.length) mismatches.push(`${key}: ${problems.join('; ')}`);
  }
  const total = [...ours.values()].reduce((s, l) => s + l.length, 0);
  const printed = new Set(theirs.map((p) => `${p.kind} ${p.name}`));
  const unprinted = [...ours.keys()].filter((k) => !printed.has(k));
  const summary = (`${btfPath}: ${compared} of ${total} named structs/unions compared (size, holes, trailing padding), ${members} members (${bitfields} bit-fields); ${mismatches.length} mismatches; not printed by pahole: ${unprinted.join(', ') || 'none'}`);
  console.log(`pahole oracle: ${summary}`);
  for (const m of mismatches.slice(0, 30)) console.log(`  ${m}`);
  assert.ok(compared > 1000, `only ${compared} structs compared`);
  assert.deepEqual(mismatches, []);
  return summary;
}

test('every struct and union in the running kernel BTF matches pahole', { skip, timeout: 300_000 }, () => {
  compareWithPahole(BTF_PATH);
});

test('every struct and union in the embedded snapshot (pruned Debian BTF) matches pahole', { skip: havePahole() ? false : 'pahole not installed', timeout: 300_000 }, () => {
  const snap = loadSnapshot(new Uint8Array(readFileSync(SNAPSHOT)));
  const dir = mkdtempSync(path.join(tmpdir(), 'kpl-pahole-'));
  try {
    const file = path.join(dir, 'snapshot.btf');
    writeFileSync(file, snap.btf.bytes);
    compareWithPahole(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
