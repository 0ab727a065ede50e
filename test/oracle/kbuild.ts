/*
 * The kernel-build oracle: build (not load) a tiny out-of-tree module against an
 * installed linux-headers package and read what the compiler computed, exactly the way
 * the kernel produces asm-offsets. See ../shared/docs/layout-oracles.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface KernelHeaders {
  /** e.g. 6.12.107+deb12-amd64 */
  release: string;
  /** The arch package: .config, include/generated, Makefile (`make -C` goes here). */
  objtree: string;
  /** The common package holding include/linux/… (from the objtree Makefile's `include` line). */
  srctree: string;
}

const SRC = '/usr/src';

/** Installed Debian linux-headers packages that can build modules (those with a .config). */
export function installedKernelHeaders(): KernelHeaders[] {
  if (!existsSync(SRC)) return [];
  const out: KernelHeaders[] = [];
  for (const name of readdirSync(SRC).sort()) {
    const objtree = path.join(SRC, name);
    if (!name.startsWith('linux-headers-') || !existsSync(path.join(objtree, '.config'))) continue;
    const mk = existsSync(path.join(objtree, 'Makefile')) ? readFileSync(path.join(objtree, 'Makefile'), 'utf8') : '';
    const m = /^include\s+(\S+)\/Makefile\s*$/m.exec(mk);
    out.push({ release: name.slice('linux-headers-'.length), objtree, srctree: m ? m[1] : objtree });
  }
  return out;
}

/**
 * The 6.1 amd64 release Debian installs. `linux-headers-amd64` follows bookworm's point
 * releases (6.1.0-56, then -57, …) and only the newest is in the archive, so CI gets
 * whichever is current: pinning one name would silently skip every 6.1 comparison.
 */
export function linux61Release(): string {
  const found = installedKernelHeaders()
    .map((h) => h.release)
    .filter((r) => /^6\.1\.0-\d+-amd64$/.test(r))
    .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
  return found.pop() ?? '6.1.0-amd64';
}

export function findKernelHeaders(release: string): KernelHeaders | undefined {
  return installedKernelHeaders().find((h) => h.release === release);
}

export interface ProbeOptions {
  /** Files put in overlay/, which wins over the tree's own include dirs (e.g. `linux/fs.h`, `generated/autoconf.h`). */
  overlay?: Record<string, string>;
  /** Keep the build directory (for debugging). */
  keep?: boolean;
}

function probeDir(src: string, opts: ProbeOptions): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kpl-kbuild-'));
  writeFileSync(path.join(dir, 'probe.c'), src);
  let kbuild = 'obj-m += probe.o\n';
  if (opts.overlay && Object.keys(opts.overlay).length) {
    kbuild += 'NOSTDINC_FLAGS += -I$(src)/overlay\n';
    for (const [rel, text] of Object.entries(opts.overlay)) {
      const p = path.join(dir, 'overlay', rel);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
  }
  writeFileSync(path.join(dir, 'Kbuild'), kbuild);
  return dir;
}

function make(h: KernelHeaders, dir: string, target: string, verbose = false): string {
  const args = ['-C', h.objtree, `M=${dir}`, target];
  if (verbose) args.push('V=1');
  try {
    return execFileSync('make', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20 });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string };
    throw new Error(`kernel build of ${target} failed for ${h.release}:\n${(err.stderr ?? '').slice(-4000)}`);
  }
}

/** Builds `src` to assembly and returns its `->SYM VALUE` markers (DEFINE() from linux/kbuild.h). */
export function kbuildDefines(h: KernelHeaders, src: string, opts: ProbeOptions = {}): Map<string, bigint> {
  const dir = probeDir(src, opts);
  try {
    make(h, dir, 'probe.s');
    const asm = readFileSync(path.join(dir, 'probe.s'), 'utf8');
    const out = new Map<string, bigint>();
    for (const m of asm.matchAll(/"->(\w+) \$?(-?\d+)/g)) out.set(m[1], BigInt(m[2]));
    return out;
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** `gcc -E` of `src` with exactly the kernel's flags (kbuild's own `%.i` rule). */
export function kbuildPreprocess(h: KernelHeaders, src: string, opts: ProbeOptions = {}): string {
  const dir = probeDir(src, opts);
  try {
    make(h, dir, 'probe.i');
    return readFileSync(path.join(dir, 'probe.i'), 'utf8');
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** The compiler command kbuild runs for a module file, split into arguments. */
export function kbuildCommand(h: KernelHeaders): string[] {
  const dir = probeDir('int x;\n', {});
  try {
    const log = make(h, dir, 'probe.s', true);
    const line = log.split('\n').find((l) => /gcc\S*\s.*-S -o \S*probe\.s/.test(l));
    if (!line) throw new Error(`no compiler command in the V=1 output for ${h.release}`);
    return shellSplit(line.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function shellSplit(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** One DEFINE per member: `SIZEOF_<struct>`, and `OFF_<member>` for the members given. */
export function layoutProbeSource(struct: string, members: readonly string[], headers: readonly string[] = ['linux/fs.h']): string {
  const lines = ['#include <linux/kbuild.h>', ...headers.map((h) => `#include <${h}>`), 'void probe(void);', 'void probe(void)', '{'];
  lines.push(`\tDEFINE(SIZEOF_${struct}, sizeof(struct ${struct}));`);
  lines.push(`\tDEFINE(ALIGNOF_${struct}, __alignof__(struct ${struct}));`);
  members.forEach((m, i) => lines.push(`\tDEFINE(OFF_${i}, offsetof(struct ${struct}, ${m}));`, `\tDEFINE(SZ_${i}, sizeof(((struct ${struct} *)0)->${m}));`));
  lines.push('}', '');
  return lines.join('\n');
}

export interface KernelLayout {
  size: number;
  align: number;
  members: { name: string; offset: number; size: number }[];
}

/** The compiler's size and member offsets of `struct name` (members: dotted paths that offsetof accepts, no bit-fields). */
export function kbuildLayout(h: KernelHeaders, struct: string, members: readonly string[], opts: ProbeOptions & { headers?: string[] } = {}): KernelLayout {
  const defs = kbuildDefines(h, layoutProbeSource(struct, members, opts.headers), opts);
  const get = (k: string): number => {
    const v = defs.get(k);
    if (v === undefined) throw new Error(`${k} missing from the kernel build output`);
    return Number(v);
  };
  return {
    size: get(`SIZEOF_${struct}`),
    align: get(`ALIGNOF_${struct}`),
    members: members.map((name, i) => ({ name, offset: get(`OFF_${i}`), size: get(`SZ_${i}`) })),
  };
}

/** The autoconf.h of an installed headers package, to edit and put in an overlay (`generated/autoconf.h`). */
export function readAutoconf(h: KernelHeaders): string {
  return readFileSync(path.join(h.objtree, 'include/generated/autoconf.h'), 'utf8');
}
