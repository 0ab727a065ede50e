import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loreLink, isValidMessageId } from '../../src/core/discussion/lore-link';

test('lore link: ordinary Message-IDs', () => {
  assert.equal(loreLink('20231107134012.682009-5-roberto.sassu@huaweicloud.com'),
    'https://lore.kernel.org/r/20231107134012.682009-5-roberto.sassu@huaweicloud.com');
  assert.equal(loreLink('<CAPhsuW4=abc+def@mail.gmail.com>'), 'https://lore.kernel.org/r/CAPhsuW4=abc+def@mail.gmail.com');
  assert.equal(loreLink('a%b@x'), 'https://lore.kernel.org/r/a%25b@x');
  assert.equal(loreLink('a{b}@x'), 'https://lore.kernel.org/r/a%7Bb%7D@x');
  assert.equal(loreLink('é@x'), 'https://lore.kernel.org/r/%C3%A9@x');
});

test('lore link: hostile or malformed ids give no link', () => {
  for (const id of [undefined, '', 'no-at-sign', '@x', 'x@', 'a b@x', 'a\tb@x', 'a\nb@x', 'a<b@x', 'a>b@x', '<<a@x>>',
    'a/b@x', '../../x@y', 'a"b@x', "a'b@x", 'a\\b@x', 'a\u0000b@x', 'a\u007fb@x', 'a\u202eb@x', 'javascript:alert(1)//@x']) {
    assert.equal(loreLink(id), undefined, JSON.stringify(id));
  }
});

test('lore link: every link produced is a single clean path segment (property)', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 20 }), (a, b) => {
    const link = loreLink(`${a}@${b}`);
    if (link === undefined) return true;
    const seg = link.slice('https://lore.kernel.org/r/'.length);
    assert.ok(link.startsWith('https://lore.kernel.org/r/'));
    assert.match(seg, /^[A-Za-z0-9\-._~!$&'()*+,;=:@%]+$/);
    assert.ok(!seg.includes('/'));
    assert.equal(decodeURIComponent(seg), `${a}@${b}`);
    assert.ok(isValidMessageId(`${a}@${b}`));
    return true;
  }), { numRuns: 2000 });
});
