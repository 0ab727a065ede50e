import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAttribution } from '../../src/core/discussion/attribution';

const cases: [string[], { name: string; address?: string; style: string; lines: number }][] = [
  [['On Nov 13, 2024, at 2:19 AM, Christian Brauner <brauner@xxxxxxxxxx> wrote:'],
    { name: 'Christian Brauner', address: 'brauner@xxxxxxxxxx', style: 'apple', lines: 1 }],
  [['On Nov 20, 2024, at 1:28 AM, Christian Brauner [off-list ref] wrote:'],
    { name: 'Christian Brauner', style: 'apple', lines: 1 }],
  [['On Fri, Mar 17, 2023 at 09:14:03PM +0000, Al Viro wrote:'], { name: 'Al Viro', style: 'on-wrote', lines: 1 }],
  [['On Wed, Nov 13, 2024 at 2:19 AM Christian Brauner <brauner@kernel.org> wrote:'],
    { name: 'Christian Brauner', address: 'brauner@kernel.org', style: 'on-wrote', lines: 1 }],
  [['On Wed, Nov 13, 2024 at 2:19 AM Christian Brauner <brauner@kernel.org>', 'wrote:'],
    { name: 'Christian Brauner', address: 'brauner@kernel.org', style: 'on-wrote', lines: 2 }],
  [['On 11/13/2024 2:19 AM, Casey Schaufler wrote:'], { name: 'Casey Schaufler', style: 'on-wrote', lines: 1 }],
  [['On 2023/11/07 14:39, "Sassu, Roberto" <roberto.sassu@huawei.com> wrote:'],
    { name: 'Sassu, Roberto', address: 'roberto.sassu@huawei.com', style: 'on-wrote', lines: 1 }],
  [['* Paul Moore <paul@paul-moore.com> [2023-11-07 10:00]:'],
    { name: 'Paul Moore', address: 'paul@paul-moore.com', style: 'mutt', lines: 1 }],
  [['Paul Moore <paul@paul-moore.com> writes:'], { name: 'Paul Moore', address: 'paul@paul-moore.com', style: 'writes', lines: 1 }],
  [['Quoting Serge E. Hallyn (serge@hallyn.com):'], { name: 'Serge E. Hallyn', address: 'serge@hallyn.com', style: 'quoting', lines: 1 }],
  [['Quoting Casey Schaufler (2019-12-24 23:58:59):'], { name: 'Casey Schaufler', style: 'quoting', lines: 1 }],
  [['-----Original Message-----', 'From: Jane Doe [mailto:jane@example.com]', 'Sent: Tuesday, November 7, 2023 3:00 PM', 'To: list', '', 'body'],
    { name: 'Jane Doe', address: 'jane@example.com', style: 'outlook', lines: 4 }],
];

for (const [lines, want] of cases) {
  test(`attribution: ${lines[0]}`, () => {
    const a = parseAttribution(lines);
    assert.ok(a, 'parsed');
    assert.equal(a.name, want.name);
    assert.equal(a.address, want.address);
    assert.equal(a.style, want.style);
    assert.equal(a.lines, want.lines);
  });
}

test('attribution: prose and code are not attributions', () => {
  for (const s of [
    'I think this is wrong. Can we fix it so that foo wrote:',
    '+	pr_info("On %s the value wrote: %d", x, y);',
    'On the other hand, this means we have to allocate:',
    'static int foo(void) {',
    '',
  ]) {
    assert.equal(parseAttribution([s]), undefined, s);
  }
});

test('attribution: the date is kept apart from the name', () => {
  const a = parseAttribution(['On Fri, Mar 17, 2023 at 09:14:03PM +0000, Al Viro wrote:']);
  assert.equal(a?.date, 'Fri, Mar 17, 2023 at 09:14:03PM +0000');
});
