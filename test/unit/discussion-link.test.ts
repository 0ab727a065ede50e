import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkDiscussion } from '../../src/core/discussion/link';
import { hunkKey } from '../../src/core/discussion/hunk-key';
import { hunksOf, makeDoc, patchesOf, type MsgSpec } from '../fixtures/discussion/build';

const PATCH = (v: number): string => [
  `Add a field to struct inode (v${v}).`,
  '',
  'Signed-off-by: Song Liu <song@kernel.org>',
  '---',
  'diff --git a/include/linux/fs.h b/include/linux/fs.h',
  '--- a/include/linux/fs.h',
  '+++ b/include/linux/fs.h',
  '@@ -648,6 +649,9 @@ struct inode {',
  ' #ifdef CONFIG_SECURITY',
  ' \tvoid\t\t\t*i_security;',
  ' #endif',
  '+#ifdef CONFIG_BPF_SYSCALL',
  `+\tstruct bpf_local_storage __rcu\t*i_bpf_storage; /* v${v} */`,
  '+#endif',
  ' ',
  ' \t/* Stat data, not accessed from path walking */',
  ' \tunsigned long\t\ti_ino;',
  '@@ -900,6 +903,7 @@ static inline void inode_fake(void)',
  ' \tfoo();',
  '+\tbar_with_a_long_name(inode);',
  ' \tbaz();',
  '-- ',
  '2.43.0',
].join('\n');

const specs: MsgSpec[] = [
  { id: 'v1@x', from: 'Song Liu <song@kernel.org>', subject: '[PATCH v1] fs: i_bpf_storage', body: PATCH(1) },
  { id: 'v2@x', from: 'Song Liu <song@kernel.org>', subject: '[PATCH v2] fs: i_bpf_storage', body: PATCH(2) },
  {
    id: 'r1@x', from: 'Christian Brauner <brauner@kernel.org>', subject: 'Re: [PATCH v2] fs: i_bpf_storage', parent: 1,
    body: [
      'On Tue, Nov 12, 2024 at 10:00 AM Song Liu <song@kernel.org> wrote:',
      '> [...]',
      // tabs turned into spaces and one long line re-wrapped by the mail client
      '> +#ifdef CONFIG_BPF_SYSCALL',
      '> +        struct bpf_local_storage __rcu',
      '> *i_bpf_storage; /* v2 */',
      '> +#endif',
      '',
      "Sorry, we're not growing struct inode for this. It just keeps getting",
      'bigger.',
      '',
      '> +\tbar_with_a_long_name(inode);',
      '',
      'This one is fine.',
    ].join('\n'),
  },
  {
    id: 'r2@x', from: 'Song Liu <song@kernel.org>', subject: 'Re: [PATCH v2] fs: i_bpf_storage', parent: 2,
    body: [
      'On Wed, Nov 13, 2024, Christian Brauner <brauner@kernel.org> wrote:',
      '>> +#ifdef CONFIG_BPF_SYSCALL',
      '>> +        struct bpf_local_storage __rcu *i_bpf_storage; /* v2 */',
      '>> +#endif',
      '>',
      "> Sorry, we're not growing struct inode for this.",
      '',
      'But it saves memory overall, I promise.',
    ].join('\n'),
  },
  {
    id: 'r3@x', from: 'Amir Goldstein <amir73il@gmail.com>', subject: 'Re: [PATCH v2] fs: i_bpf_storage', parent: 1,
    body: ['Why not hang i_bpf_storage off i_security instead?', '', 'Acked-by: Amir Goldstein <amir73il@gmail.com>'].join('\n'),
  },
  { id: 'r4@x', from: 'Al Viro <viro@zeniv.linux.org.uk>', subject: 'Re: [PATCH v1] fs: i_bpf_storage', parent: 0, body: 'NAK.' },
];

const { doc, thread } = makeDoc(specs);
const hunks = { 0: hunksOf(doc, 0, [{ kind: 'struct', name: 'inode', evidence: 'heading', changed: true }]), 1: hunksOf(doc, 1, [{ kind: 'struct', name: 'inode', evidence: 'heading', changed: true }]) };
const d = linkDiscussion(doc, thread, patchesOf(doc, hunks));
const v2struct = hunkKey(hunks[1][0]);
const v2fn = hunkKey(hunks[1][1]);

test('link: a re-wrapped, de-tabbed quote anchors to the version being answered', () => {
  const blocks = d.blocks.filter((b) => b.message === 2);
  assert.equal(blocks.length, 2);
  assert.deepEqual(blocks[0].anchors.map((a) => a.hunk), [v2struct]);
  assert.equal(blocks[0].anchors[0].author?.name, 'Song Liu');
  assert.deepEqual(blocks[1].anchors.map((a) => a.hunk), [v2fn]);
});

test('link: comments follow their quote, with author, date and lore link', () => {
  const entries = d.hunks[v2struct];
  assert.ok(entries);
  const brauner = entries.find((e) => e.message === 2);
  assert.ok(brauner);
  assert.equal(brauner.from.name, 'Christian Brauner');
  assert.equal(brauner.level, 0);
  assert.match(brauner.excerpt, /^Sorry, we're not growing struct inode for this\. It just keeps getting bigger\.$/);
  assert.equal(brauner.link, 'https://lore.kernel.org/r/r1@x');
  assert.equal(brauner.date, doc.messages[2].date);
  const text = doc.messages[2].parts[0].text;
  const off = doc.messages[2].parts[0].offset;
  assert.equal(text.slice(brauner.comment.span.start - off, brauner.comment.span.end - off).split('\n')[0], "Sorry, we're not growing struct inode for this. It just keeps getting");
  assert.ok(brauner.quote);
  assert.equal(text.slice(brauner.quote.span.start - off, brauner.quote.span.end - off).split('\n')[0], '> +#ifdef CONFIG_BPF_SYSCALL');
  assert.deepEqual(d.hunks[v2fn].map((e) => e.excerpt), ['This one is fine.']);
});

test('link: a reply quoting the reply is linked too, and the quoted comment is not repeated', () => {
  const entries = d.hunks[v2struct];
  const song = entries.filter((e) => e.message === 3);
  assert.deepEqual(song.map((e) => [e.from.name, e.level, e.excerpt]), [['Song Liu', 0, 'But it saves memory overall, I promise.']]);
});

test('link: a reply naming a member without quoting is attached unquoted', () => {
  const amir = d.hunks[v2struct].find((e) => e.message === 4);
  assert.ok(amir);
  assert.equal(amir.quoted, false);
  assert.equal(amir.quote, undefined);
  assert.equal(amir.from.name, 'Amir Goldstein');
});

test('link: verdicts per patch: refusal, Acked-by, NAK', () => {
  const v2 = d.verdicts[1] ?? [];
  const kinds = v2.map((v) => [v.kind, v.by.name]);
  assert.deepEqual(kinds.sort(), [['acked', 'Amir Goldstein'], ['refusal', 'Christian Brauner']]);
  const refusal = v2.find((v) => v.kind === 'refusal');
  assert.equal(refusal?.hunk, v2struct);
  const t = doc.messages[2].parts[0];
  assert.equal(t.text.slice(refusal!.offset - t.offset).startsWith("we're not growing struct inode"), true);
  const v1 = d.verdicts[0] ?? [];
  assert.deepEqual(v1.map((v) => [v.kind, v.by.name, v.message]), [['nacked', 'Al Viro', 5]]);
});

test('link: nothing is anchored to a hunk its quote does not reproduce', () => {
  assert.equal(d.hunks[hunkKey(hunks[0][0])], undefined);
  assert.equal(d.hunks[hunkKey(hunks[0][1])], undefined);
});

test('link: an Outlook top-post answers the unmarked patch below it; mutt attributions name the quote', () => {
  const patch = specs[1].body;
  const s2: MsgSpec[] = [
    specs[1],
    {
      id: 'o@x', from: 'Corp Reviewer <corp@example.com>', subject: 'RE: [PATCH v2] fs: i_bpf_storage', parent: 0,
      body: ['Looks fine to me, but please test on 32-bit.', '', '-----Original Message-----', 'From: Song Liu [mailto:song@kernel.org]',
        'Sent: Tuesday, November 12, 2024 10:00 AM', 'Subject: [PATCH v2] fs: i_bpf_storage', '', patch].join('\n'),
    },
    {
      id: 'm@x', from: 'Mutt User <mutt@example.com>', subject: 'Re: [PATCH v2] fs: i_bpf_storage', parent: 0,
      body: ['* Song Liu <song@kernel.org> [2024-11-12 10:00]:', '> +#ifdef CONFIG_BPF_SYSCALL', '> +\tstruct bpf_local_storage __rcu\t*i_bpf_storage; /* v2 */', '', 'Why?'].join('\n'),
    },
  ];
  const { doc: d2, thread: t2 } = makeDoc(s2);
  const h = hunksOf(d2, 0, [{ kind: 'struct', name: 'inode', evidence: 'heading', changed: true }]);
  const res = linkDiscussion(d2, t2, patchesOf(d2, { 0: h }));
  const entries = res.hunks[hunkKey(h[0])] ?? [];
  const corp = entries.find((e) => e.message === 1);
  assert.ok(corp, 'the top-post is linked');
  assert.equal(corp.excerpt, 'Looks fine to me, but please test on 32-bit.');
  const anchor = res.blocks.find((b) => b.message === 1)?.anchors.find((a) => a.hunk === hunkKey(h[0]));
  assert.equal(anchor?.author?.name, 'Song Liu');
  assert.equal(anchor?.author?.source, 'attribution');
  const mutt = entries.find((e) => e.message === 2);
  assert.equal(mutt?.excerpt, 'Why?');
  const ma = res.blocks.find((b) => b.message === 2)?.anchors[0];
  assert.equal(ma?.author?.name, 'Song Liu');
  assert.equal(ma?.author?.address, 'song@kernel.org');
});
