/*
 * simpleTextBody must give what postal-mime gives for a single UTF-8 text/plain part, for
 * any body: CRs anywhere, bodies with or without a last LF, BOMs, emoji, lone surrogates,
 * quoted-printable escapes and soft breaks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import PostalMime from 'postal-mime';
import { simpleTextBody } from '../../src/core/mail/mime';

const PIECES = ['a', 'é', ' ', '\t', '\r', '\n', '\r\n', '\ufeff', '😀', '\ud800', '\udc00', '=', '=3D', '=C3=A9', '=\n', '=\r\n', '=4', 'From x', '>'];

async function postal(body: string, cte: '8bit' | 'quoted-printable'): Promise<string> {
  const r = await PostalMime.parse(`Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: ${cte}\n\n${body}`);
  return r.text ?? '';
}

test('plain and quoted-printable bodies read as postal-mime reads them', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), async (pieces) => {
      const body = pieces.join('');
      assert.equal(simpleTextBody(body, 'plain'), await postal(body, '8bit'), JSON.stringify(body));
      assert.equal(simpleTextBody(body, 'qp'), await postal(body, 'quoted-printable'), JSON.stringify(body));
    }),
    { numRuns: 1500 },
  );
});
