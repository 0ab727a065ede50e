/*
 * relexFrom reuses the old tokens after a change; whatever the change — one that opens or
 * closes a comment, adds a line splice, a string — it must give exactly what lexing the
 * new text from the same point gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lex } from '../../src/core/c/lexer';
import { relexFrom } from '../../src/core/c/relex';
import type { Token } from '../../src/core/c/token';

const view = (ts: readonly Token[]) => ts.map((t) => `${t.kind}:${t.text}@${t.offset}${t.spaceBefore ? 's' : ''}${t.lineStart ? 'l' : ''}`);

function lexFrom(text: string, from: number): Token[] {
  const ts = lex(text.slice(from), 'f');
  for (const t of ts) t.offset += from;
  return ts;
}

/** A line-start token offset of `old` before the first change, as resume() picks its checkpoint. */
function startBefore(old: string, oldTokens: readonly Token[], text: string, pick: number): number {
  let d = 0;
  while (d < old.length && d < text.length && old[d] === text[d]) d++;
  const starts = oldTokens.filter((t) => t.lineStart && t.offset < d && (t.offset === 0 || old[t.offset - 1] === '\n')).map((t) => t.offset);
  return starts.length ? starts[pick % starts.length] : 0;
}

function check(old: string, text: string, pick = 0): void {
  const oldTokens = lex(old, 'f');
  const from = startBefore(old, oldTokens, text, pick);
  assert.deepEqual(view(relexFrom(old, oldTokens, text, from, 'f')), view(lexFrom(text, from)));
}

const OLD = '#define A 1\nstruct s {\n\tint a; /* one */\n\tlong b;\n};\n#define B "x\\\n y"\nstatic int f(void) { return A; }\n// end\n';

test('changes that keep the lexer in step reuse the old tail', () => {
  check(OLD, OLD.replace('\tlong b;\n', '\tlong b;\n\tchar c;\n'));
  check(OLD, OLD.replace('int a;', 'int a, a2;'));
  check(OLD, OLD.replace('\tlong b;\n', ''));
});

test('changes that open or close a comment, a splice or a string are lexed through', () => {
  check(OLD, OLD.replace('\tlong b;\n', '\tlong b; /* open\n'));
  check(OLD, OLD.replace('/* one */', '/* one'));
  check(OLD, OLD.replace('\tlong b;\n', '\tlong b; \\\n'));
  check(OLD, OLD.replace('\tlong b;\n', '\tlong b = "\n'));
  check(OLD, OLD.replace('\tlong b;\n', '\t*/ long b;\n'));
});

const PIECES = ['a', 'int', ' ', '\t', '\n', ';', '{', '}', '/*', '*/', '//', '"', "'", '\\', '\\\n', '#', '1', '.', '*', '/', '\r\n'];

test('random edits of random text: relexFrom equals lexing the new text', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }), fc.nat(), fc.nat(10), fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }), fc.nat(),
      (pieces, at, drop, insert, pick) => {
        const cut = at % (pieces.length + 1);
        const old = pieces.join('');
        const text = [...pieces.slice(0, cut), ...insert, ...pieces.slice(cut + drop)].join('');
        check(old, text, pick);
      },
    ),
    { numRuns: 3000 },
  );
});
