// git's own mailinfo test data (t/t5100): our mailinfo must give the expected
// info/msg/patch byte for byte. Messages are split with our splitter; options follow
// t5100-mailinfo.sh (-u always; the file suffix names the extra option).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, SKIP_NO_CORPUS } from '../helpers/paths';
import { splitMbox } from '../../src/core/mail/split';
import { mailinfo, type MailinfoOptions } from '../../src/core/mail/mailinfo';

const DIR = path.join(CORPUS, 'git/t5100');
const bin = (f: string): string => readFileSync(path.join(DIR, f), 'latin1');
const has = (f: string): boolean => existsSync(path.join(DIR, f));

/** What `git mailsplit` writes for each message: the From line, then the text with CRLF → LF. */
function mailsplit(file: string, mode: 'auto' | 'mboxrd' = 'auto'): string[] {
  return splitMbox(bin(file), mode).map((r) => {
    let t = r.text.replace(/\r\n/g, '\n');
    if (r.escaping === 'mboxrd') t = t.replace(/^>(>*From )/gm, '$1');
    return (r.separator !== undefined ? r.separator + '\n' : '') + t;
  });
}

const VARIANTS: Record<string, MailinfoOptions> = {
  '': {},
  '--scissors': { scissors: true },
  '--no-inbody-headers': { inbodyHeaders: false },
  '--message-id': { messageId: true },
};

test('t5100 sample.mbox: each message gives the expected info, msg and patch', { skip: SKIP_NO_CORPUS }, () => {
  const mails = mailsplit('sample.mbox');
  assert.ok(mails.length >= 17, `split into ${mails.length}`);
  let compared = 0;
  mails.forEach((mail, i) => {
    const n = String(i + 1).padStart(4, '0');
    for (const [suffix, opts] of Object.entries(VARIANTS)) {
      const mo = n + suffix;
      if (!has(`info${mo}`)) continue;
      const r = mailinfo(mail, opts);
      assert.equal(r.info, bin(`info${mo}`), `info${mo}`);
      assert.equal(r.msg, bin(`msg${mo}`), `msg${mo}`);
      assert.equal(r.patch, bin(`patch${mo}`), `patch${mo}`);
      compared++;
    }
  });
  const expected = readdirSync(DIR).filter((f) => /^info\d{4}/.test(f)).length;
  assert.equal(compared, expected, 'every infoNNNN file was compared');
});

test('t5100 rfc2047 samples: info matches, msg and patch empty', { skip: SKIP_NO_CORPUS }, () => {
  const mails = mailsplit('rfc2047-samples.mbox');
  assert.equal(mails.length, readdirSync(DIR).filter((f) => f.startsWith('rfc2047-info-')).length);
  mails.forEach((mail, i) => {
    const r = mailinfo(mail);
    assert.equal(r.info, bin(`rfc2047-info-${String(i + 1).padStart(4, '0')}`));
    assert.equal(r.msg, '');
    assert.equal(r.patch, '');
  });
});

test('t5100 single inputs: quoted-string, comment, embed-from, info-from (info); quoted-from (msg); nul-b64 (patch)', { skip: SKIP_NO_CORPUS }, () => {
  for (const name of ['quoted-string', 'comment', 'embed-from']) {
    assert.equal(mailinfo(bin(`${name}.in`)).info, bin(`${name}.expect`), name);
  }
  assert.equal(mailinfo(mailsplit('info-from.in')[0]).info, bin('info-from.expect'));
  assert.equal(mailinfo(bin('quoted-from.in')).msg, bin('quoted-from.expect'));
  assert.equal(mailinfo(mailsplit('nul-b64.in')[0]).patch, bin('nul-b64.expect'));
});

test('t5100 mboxrd: split with --mboxrd, the message is unescaped exactly once', { skip: SKIP_NO_CORPUS }, () => {
  const mails = mailsplit('sample.mboxrd', 'mboxrd');
  assert.equal(mails.length, 2);
  mails.forEach((mail, i) => {
    assert.equal(mailinfo(mail).msg, bin(`000${i + 1}mboxrd`));
  });
});

test('t5100 quoted CR: CRLF lines of a base64 body kept and warned about, stripped with --quoted-cr=strip', { skip: SKIP_NO_CORPUS }, () => {
  const mails = mailsplit('quoted-cr.mbox');
  assert.equal(mails.length, 2);
  // t5100-mailinfo.sh turns each %% of the expected files into a CR
  const cr = (f: string): string => bin(f).replace(/%%/g, '\r');
  const plain = mailinfo(mails[0]);
  assert.deepEqual(plain.warnings, [], 'a lone CR inside a line is not a quoted CRLF');
  const r = mailinfo(mails[1]);
  assert.equal(r.info, cr('quoted-cr-info'));
  assert.equal(r.msg, cr('quoted-cr-msg'));
  assert.equal(r.patch, cr('quoted-cr-patch'));
  assert.deepEqual(r.warnings, ['quoted CRLF detected']);
  const stripped = mailinfo(mails[1], { quotedCr: 'strip' });
  assert.equal(stripped.msg, cr('quoted-cr-msg').replace(/\r\n/g, '\n'));
  assert.equal(stripped.patch, cr('quoted-cr-patch').replace(/\r\n/g, '\n'));
  assert.deepEqual(stripped.warnings, []);
});
