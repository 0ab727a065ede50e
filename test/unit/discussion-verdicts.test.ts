import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refusalVerdict, trailerVerdict } from '../../src/core/discussion/verdicts';

test('verdicts: trailers', () => {
  assert.deepEqual(trailerVerdict('Acked-by: Paul Moore <paul@paul-moore.com>'), { kind: 'acked', text: 'Acked-by: Paul Moore <paul@paul-moore.com>', at: 0 });
  assert.equal(trailerVerdict('Reviewed-by: A <a@b.c>')?.kind, 'reviewed');
  assert.equal(trailerVerdict('Tested-by: A <a@b.c>')?.kind, 'tested');
  assert.equal(trailerVerdict('Nacked-by: A <a@b.c>')?.kind, 'nacked');
  assert.equal(trailerVerdict('Signed-off-by: A <a@b.c>'), undefined);
});

test('verdicts: refusals and NAKs in prose', () => {
  const r = refusalVerdict("Sorry, we're not growing struct inode for this. It just keeps getting");
  assert.equal(r?.kind, 'refusal');
  assert.equal(r?.text, "we're not growing struct inode for this");
  assert.equal(r?.at, 7);
  assert.equal(refusalVerdict('NAK')?.kind, 'nacked');
  assert.equal(refusalVerdict('NAK.')?.kind, 'nacked');
  assert.equal(refusalVerdict('Nacked, this breaks the ABI.')?.kind, 'nacked');
  assert.equal(refusalVerdict("I'm not going to take this without numbers")?.kind, 'refusal');
  assert.equal(refusalVerdict('Nacked-by: Al Viro <viro@zeniv.linux.org.uk>')?.kind, 'nacked');
});

test('verdicts: talk about past NAKs, or ordinary prose, is not a verdict', () => {
  assert.equal(refusalVerdict("We already NAKed someone else's pet field here."), undefined);
  assert.equal(refusalVerdict('This looks good to me.'), undefined);
  assert.equal(refusalVerdict('The SNAKE_CASE name is fine'), undefined);
  assert.equal(refusalVerdict('Acked-by: A <a@b.c>'), undefined);
});
