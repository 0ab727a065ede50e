import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/core/analyze';

const MAIL = [
  'From: A U Thor <author@example.org>',
  'Subject: [PATCH] fs: grow struct inode',
  'Message-ID: <1@example.org>',
  'Date: Tue, 12 Nov 2024 10:00:00 +0000',
  '',
  'Body.',
  '---',
  'diff --git a/include/linux/fs.h b/include/linux/fs.h',
  '--- a/include/linux/fs.h',
  '+++ b/include/linux/fs.h',
  '@@ -648,3 +648,4 @@ struct inode {',
  ' #ifdef CONFIG_SECURITY',
  ' \tvoid *i_security;',
  '+\tvoid *i_extra;',
  ' #endif',
  '',
];

test('hunk lines are lines of the document, with LF and with CRLF endings', async () => {
  for (const eol of ['\n', '\r\n']) {
    const text = MAIL.join(eol);
    const a = await analyze(text, { abi: 'x86_64' });
    assert.equal(a.hunks.length, 1);
    const { start, end } = a.hunks[0].lines;
    const docLines = text.split(eol);
    assert.match(docLines[start - 1], /^@@ -648,3/, `start line with ${JSON.stringify(eol)}`);
    assert.equal(docLines[end - 1], ' #endif');
  }
});
