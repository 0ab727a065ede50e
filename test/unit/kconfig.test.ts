import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { kconfigDefines, parseAutoconf, parseDefineArg, parseKconfig, renderAutoconf, withOption } from '../../src/core/c/kconfig';

const sample = [
  '#', '# Automatically generated file; DO NOT EDIT.', '#',
  'CONFIG_64BIT=y', 'CONFIG_EXT4_FS=m', '# CONFIG_FSNOTIFY is not set', 'CONFIG_NR_CPUS=8192',
  'CONFIG_PHYSICAL_START=0x1000000', 'CONFIG_LOCALVERSION=""', 'CONFIG_DEFAULT_HOSTNAME="(none)"', 'CONFIG_BAD_LINE', 'CONFIG_NEG=-1', '',
].join('\n');

test('parses y, m, not set, numbers, hex and strings; reports unreadable lines', () => {
  const c = parseKconfig(sample);
  assert.deepEqual(c.options.get('CONFIG_64BIT'), { kind: 'bool', value: 'y' });
  assert.deepEqual(c.options.get('CONFIG_EXT4_FS'), { kind: 'bool', value: 'm' });
  assert.deepEqual(c.options.get('CONFIG_FSNOTIFY'), { kind: 'unset' });
  assert.deepEqual(c.options.get('CONFIG_NR_CPUS'), { kind: 'number', value: '8192' });
  assert.deepEqual(c.options.get('CONFIG_PHYSICAL_START'), { kind: 'number', value: '0x1000000' });
  assert.deepEqual(c.options.get('CONFIG_DEFAULT_HOSTNAME'), { kind: 'string', value: '"(none)"' });
  assert.deepEqual(c.options.get('CONFIG_NEG'), { kind: 'number', value: '-1' });
  assert.deepEqual(c.problems, [{ line: 11, text: 'CONFIG_BAD_LINE' }]);
});

test('=m defines CONFIG_X_MODULE, unset options define nothing', () => {
  const d = new Map(kconfigDefines(parseKconfig(sample)));
  assert.equal(d.get('CONFIG_64BIT'), '1');
  assert.equal(d.get('CONFIG_EXT4_FS_MODULE'), '1');
  assert.equal(d.has('CONFIG_EXT4_FS'), false);
  assert.equal(d.has('CONFIG_FSNOTIFY'), false);
  assert.equal(d.get('CONFIG_LOCALVERSION'), '""');
  const flipped = new Map(kconfigDefines(withOption(parseKconfig(sample), 'FSNOTIFY', 'y')));
  assert.equal(flipped.get('CONFIG_FSNOTIFY'), '1');
  assert.equal(new Map(kconfigDefines(withOption(parseKconfig(sample), 'CONFIG_64BIT', 'n'))).has('CONFIG_64BIT'), false);
});

test('-D arguments', () => {
  assert.deepEqual(parseDefineArg('FOO'), ['FOO', '1']);
  assert.deepEqual(parseDefineArg('FOO=bar baz'), ['FOO', 'bar baz']);
  assert.deepEqual(parseDefineArg('F(x)=x+1'), ['F(x)', 'x+1']);
  assert.equal(parseDefineArg('=1'), undefined);
});

/** Kconfig prints hex symbols with 0x even when the .config says `=0`; the value is what counts. */
const numeric = (pairs: Iterable<[string, string]>): Map<string, string> =>
  new Map([...pairs].map(([k, v]) => [k, /^(0x[0-9a-f]+|\d+)$/i.test(v) ? BigInt(v).toString() : v]));

// Real data: the .config of an installed headers package, rendered, equals its autoconf.h.
const ARCH = '/usr/src/linux-headers-6.12.107+deb12-amd64';
test('a Debian .config renders to the same definitions as its generated autoconf.h', { skip: existsSync(`${ARCH}/.config`) ? false : 'linux-headers not installed' }, () => {
  const ours = kconfigDefines(parseKconfig(readFileSync(`${ARCH}/.config`, 'utf8')));
  const real = readFileSync(`${ARCH}/include/generated/autoconf.h`, 'utf8');
  const theirs = [...real.matchAll(/^#define (CONFIG_\w+) (.*)$/gm)].map((m) => [m[1], m[2]] as [string, string]);
  assert.ok(theirs.length > 1000);
  assert.deepEqual(numeric(ours), numeric(theirs));
  assert.deepEqual(new Map(kconfigDefines(parseAutoconf(real))), new Map(theirs));
  assert.deepEqual(numeric(kconfigDefines(parseAutoconf(renderAutoconf(parseKconfig(readFileSync(`${ARCH}/.config`, 'utf8')))))), numeric(theirs));
});
