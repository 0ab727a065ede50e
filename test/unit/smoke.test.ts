import { test } from 'node:test';
import assert from 'node:assert/strict';
import PostalMime from 'postal-mime';
import { unified } from 'unified';
import { HAVE_CORPUS } from '../helpers/paths';

test('ESM-only dependencies load under the test runner', async () => {
  const email = await PostalMime.parse('Subject: =?utf-8?q?caf=C3=A9?=\r\n\r\nbody\r\n');
  assert.equal(email.subject, 'café');
  assert.equal(typeof unified, 'function');
  assert.equal(typeof HAVE_CORPUS, 'boolean');
});
