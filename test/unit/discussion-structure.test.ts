import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BodyPart } from '../../src/core/mail/types';
import { bodyLines } from '../../src/core/text/body';
import { quoteStructure, isElision } from '../../src/core/discussion/structure';

function part(text: string): BodyPart {
  return { id: '0.0', contentType: 'text/plain', attachment: false, text, view: 'document', offset: 0 };
}

const APPLE = [
  'Hi Christian,',
  '',
  '> On Nov 13, 2024, at 2:19 AM, Christian Brauner <brauner@xxxxxxxxxx> wrote:',
  '> ',
  '> [...]',
  '>> @@ -648,6 +649,9 @@ struct inode {',
  '>> #ifdef CONFIG_SECURITY',
  '>> void *i_security;',
  '>> #endif',
  '>> +#ifdef CONFIG_BPF_SYSCALL',
  '>> + struct bpf_local_storage __rcu *i_bpf_storage;',
  '>> +#endif',
  '> ',
  '> Sorry, we\'re not growing struct inode for this.',
  '',
  'Per other discussions in this thread, I am implementing the following:',
  '',
  'Thanks,',
  'Song',
  '-- ',
  'sig',
].join('\n');

test('structure: Apple Mail attribution inside the quote names depth 1', () => {
  const lines = bodyLines(part(APPLE));
  const st = quoteStructure(lines);
  assert.equal(st.blocks.length, 1);
  assert.deepEqual(st.blocks[0], { start: 2, end: 14, minDepth: 1, maxDepth: 2 });
  assert.equal(st.attributions.length, 1);
  assert.equal(st.attributions[0].target, 1);
  assert.equal(st.attributions[0].attribution.name, 'Christian Brauner');
  assert.deepEqual(st.elisions, [4]);
  assert.equal(st.signature, 19);
  assert.equal(st.topPosted, false);
});

test('structure: classic attribution names the depth below it; blank lines inside a quote keep it whole', () => {
  const text = ['On Tue, Nov 7, 2023 at 3:00 PM Paul Moore <paul@paul-moore.com> wrote:', '> a', '', '> b', '', 'my answer'].join('\n');
  const st = quoteStructure(bodyLines(part(text)));
  assert.equal(st.attributions[0].target, 1);
  assert.equal(st.attributions[0].depth, 0);
  assert.deepEqual(st.blocks.map((b) => [b.start, b.end]), [[1, 4]]);
});

test('structure: top-posting is recognised', () => {
  const text = ['Looks good to me.', '', 'On Tue, Nov 7, 2023, Jane <j@x.org> wrote:', '> the patch', '> more'].join('\n');
  const st = quoteStructure(bodyLines(part(text)));
  assert.equal(st.topPosted, true);
  const inline = quoteStructure(bodyLines(part(['> q', 'answer', '> q2', 'answer2'].join('\n'))));
  assert.equal(inline.topPosted, false);
  assert.equal(inline.blocks.length, 2);
});

test('structure: a "wrote:" line not followed by a quote is not an attribution', () => {
  const st = quoteStructure(bodyLines(part(['As Al Viro wrote:', 'nothing quoted here'].join('\n'))));
  assert.equal(st.attributions.length, 0);
});

test('structure: elision spellings', () => {
  for (const s of ['[...]', '[ ... ]', '<snip>', '[snip]', '...', '[…]', '<snipped>', '--8<--']) assert.ok(isElision(s), s);
  for (const s of ['[PATCH 1/2]', '... and more', 'snip this please']) assert.ok(!isElision(s), s);
});

test('structure: the first-character gate of isElision decides as the regex alone does', () => {
  // The definition before the gate: trimmed, 1 to 40 characters, the whole of one spelling.
  const ELISION = /^(?:\[\s*(?:\.\s*){2,}\s*\]|\[\s*…\s*\]|\[\s*\.{3}\s*snip\w*\s*\.{3}\s*\]|\[\s*snip\w*\s*\]|<\s*snip\w*\s*>|\(\s*snip\w*\s*\)|\.{3,}|…|snip\w*|-*\s*8<\s*-*|-*\s*>8\s*-*)$/i;
  const reference = (c: string): boolean => {
    if (c.length > 60) return false;
    const t = c.trim();
    return t.length > 0 && t.length <= 40 && ELISION.test(t);
  };
  const pieces = ['[', ']', '<', '>', '(', ')', '.', '…', 's', 'S', 'snip', 'SNIP', 'ped', '-', '8', ' ', '\t', '\u00a0', '\ufeff', 'x', 'ſ'];
  fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
    const c = parts.join('');
    assert.equal(isElision(c), reference(c), JSON.stringify(c));
  }), { numRuns: 20000 });
});
