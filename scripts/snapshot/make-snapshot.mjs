#!/usr/bin/env node
// Builds media/snapshot/<name>.snapshot.gz: the data-type BTF and the .config of a Debian
// kernel image package, so layouts work with nothing installed (also in a browser).
// Run by hand (not in CI), with tsx so it can use the core's BTF reader:
//   node --import tsx scripts/snapshot/make-snapshot.mjs [--package NAME] [--deb FILE] [--out FILE]
// Needs apt-get (unless --deb), dpkg-deb, and zstd/xz/gzip for the vmlinuz payload.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'fflate';
import { compilerAlignments } from './kbuild-align.mjs';
import { readBtf } from '../../src/core/types/btf.ts';
import { isDataType, pruneBtf } from '../../src/core/types/btf-prune.ts';
import { btfEmbedders } from '../../src/core/types/btf-embed.ts';
import { btfLayoutOf } from '../../src/core/types/btf-layout.ts';
import { elfSection } from '../../src/core/types/elf.ts';
import { mergeSplitBtfs, readSplitBtf } from '../../src/core/types/btf-split.ts';
import { encodeSnapshot, SNAPSHOT_FORMAT } from '../../src/core/types/snapshot-format.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const pkg = opt('package', 'linux-image-6.12.107+deb12-amd64-unsigned');
const work = mkdtempSync(path.join(tmpdir(), 'kpl-snapshot-'));

try {
  let deb = opt('deb');
  if (!deb) {
    execFileSync('apt-get', ['download', pkg], { cwd: work, stdio: 'inherit' });
    deb = path.join(work, readdirSync(work).find((f) => f.endsWith('.deb')));
  }
  const debBytes = readFileSync(deb);
  const sha256 = createHash('sha256').update(debBytes).digest('hex');
  const field = (f) => execFileSync('dpkg-deb', ['-f', deb, f]).toString().trim();
  const pkgName = field('Package');
  const pkgVersion = field('Version');
  const arch = field('Architecture');
  const root = path.join(work, 'root');
  execFileSync('dpkg-deb', ['-x', deb, root]);
  const boot = path.join(root, 'boot');
  const vmlinuz = readdirSync(boot).find((f) => f.startsWith('vmlinuz-'));
  const configName = readdirSync(boot).find((f) => f.startsWith('config-'));
  if (!vmlinuz || !configName) throw new Error(`no vmlinuz/config in ${deb}`);
  const release = vmlinuz.slice('vmlinuz-'.length);
  const vmlinux = extractVmlinux(readFileSync(path.join(boot, vmlinuz)));
  const rawBtf = elfSection(vmlinux, '.BTF');
  const base = readBtf(rawBtf);
  // Types of modules under these kernel/ directories (ext4_inode_info, xfs_inode… live in modules).
  const moduleDirs = opt('modules', 'fs').split(',').filter(Boolean);
  const modules = [];
  const moduleNames = [];
  for (const dir of moduleDirs) {
    for (const ko of findModules(path.join(root, 'lib/modules', release, 'kernel', dir))) {
      const elf = ko.endsWith('.xz') ? execFileSync('xz', ['-dc', ko], { maxBuffer: 1 << 30 })
        : ko.endsWith('.zst') ? execFileSync('zstd', ['-dcq', ko], { maxBuffer: 1 << 30 }) : readFileSync(ko);
      try {
        modules.push(readSplitBtf(new Uint8Array(elf), base));
        moduleNames.push(path.basename(ko).replace(/\.ko(\.\w+)?$/, ''));
      } catch (e) {
        console.warn(`skipping ${ko}: ${e.message}`);
      }
    }
  }
  const btf = modules.length ? readBtf(mergeSplitBtfs(base, modules)) : base;
  // From modules keep only what embeds the core objects (and what that needs): the
  // embedding structs are what slab caches such as ext4_inode_cache or xfs_inode hold.
  const roots = opt('module-roots', 'inode,file,dentry,super_block,address_space,sock,socket').split(',').filter(Boolean);
  const moduleRoots = new Set();
  for (const r of roots) {
    for (const e of btfEmbedders(btf, r, { transitive: true })) {
      for (const id of btf.byName(e.container)) if (id >= base.count) moduleRoots.add(id);
    }
  }
  const pruned = pruneBtf(btf, { keep: (b, id) => (id < base.count || moduleRoots.has(id)) && isDataType(b, id) });
  checkPruned(btf, readBtf(pruned.bytes), pruned.newIds);
  const config = readFileSync(path.join(boot, configName));
  // Exact alignments from the compiler on this kernel's headers (installed package
  // linux-headers-<release>, or --headers DIR); without them alignment stays inferred.
  const headersDir = opt('headers', `/usr/src/linux-headers-${release}`);
  let alignTable = '';
  if (existsSync(path.join(headersDir, '.config'))) {
    const aligns = compilerAlignments(headersDir);
    alignTable = [...aligns].map(([name, a]) => `${name} ${a}`).join('\n') + '\n';
  } else {
    console.warn(`no ${headersDir}: snapshot alignments will be inferred from BTF only`);
  }
  const container = encodeSnapshot({
    format: SNAPSHOT_FORMAT,
    kernel: { release, version: pkgVersion, arch: arch === 'amd64' ? 'x86_64' : arch },
    source: { distribution: 'Debian', package: pkgName, version: pkgVersion, file: path.basename(deb), sha256 },
    generated: new Date().toISOString(),
    generator: 'scripts/snapshot/make-snapshot.mjs',
    btf: {
      originalBytes: rawBtf.length,
      originalTypes: pruned.total,
      keptTypes: pruned.kept,
      modules: moduleNames,
      moduleRoots: roots,
      alignments: alignTable ? `compiler (__alignof__ on ${path.basename(headersDir)}) for ${alignTable.split('\n').length - 1} aggregates; inferred for the rest` : 'inferred',
      note: 'vmlinux .BTF plus, from the listed modules, the structs embedding moduleRoots by value; pruned to data types (FUNC, VAR, DATASEC, DECL_TAG dropped; FUNC_PROTO kept only where a member points to one, without parameter names); ids renumbered',
    },
  }, [['config', new Uint8Array(config)], ['btf', pruned.bytes], ...(alignTable ? [['align', new TextEncoder().encode(alignTable)]] : [])]);
  const gz = gzipSync(container, { level: 9, mtime: 0 });
  const out = opt('out', path.join(REPO, 'media/snapshot', `debian-${release.replace(/\+deb\d+-/, '-')}.snapshot.gz`));
  writeFileSync(out, gz);
  console.log(`${out}: ${gz.length} bytes (BTF ${rawBtf.length} → ${pruned.bytes.length} bytes, ${pruned.kept}/${pruned.total} types; config ${config.length} bytes); source ${path.basename(deb)} sha256 ${sha256}`);
  console.log(`size on disk: ${statSync(out).size}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function findModules(dir) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...findModules(p));
    else if (/\.ko(\.xz|\.zst)?$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** The pruned BTF must lay out every named struct and union exactly as the full one does. */
function checkPruned(full, pruned, newIds) {
  let checked = 0;
  for (let id = 1; id < full.count; id++) {
    const k = full.kind(id);
    if ((k !== 4 && k !== 5) || newIds[id] === 0) continue;
    const a = JSON.stringify({ ...btfLayoutOf(full, id), typeId: 0 });
    const b = JSON.stringify({ ...btfLayoutOf(pruned, newIds[id]), typeId: 0 });
    if (a !== b) throw new Error(`pruned BTF lays out type ${id} (${full.name(id) || 'anonymous'}) differently`);
    checked++;
  }
  console.log(`pruned BTF checked: ${checked} kept structs/unions lay out identically`);
}

/**
 * Like the kernel's scripts/extract-vmlinux: try every compressed payload signature in the
 * bzImage and keep the first that decompresses to an ELF file.
 */
function extractVmlinux(image) {
  const tools = [
    ['zstd', Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), ['zstd', ['-dcq']]],
    ['xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), ['xz', ['-dcq']]],
    ['gzip', Buffer.from([0x1f, 0x8b, 0x08]), ['gzip', ['-dcq']]],
  ];
  for (const [, magic, [cmd, cmdArgs]] of tools) {
    for (let at = image.indexOf(magic); at >= 0; at = image.indexOf(magic, at + 1)) {
      let out;
      try {
        out = execFileSync(cmd, cmdArgs, { input: image.subarray(at), maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'ignore'] });
      } catch (e) {
        // Trailing garbage after the payload makes the tool exit non-zero; keep its output.
        out = e.stdout;
      }
      if (out && out.length > 4 && out[0] === 0x7f && out[1] === 0x45 && out[2] === 0x4c && out[3] === 0x46) return new Uint8Array(out);
    }
  }
  throw new Error('no compressed ELF payload found in the kernel image');
}
