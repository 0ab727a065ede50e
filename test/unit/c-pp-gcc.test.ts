/*
 * Macro corner cases (test/fixtures/c-pp/tricky.c) against gcc -E, token for token.
 * Needs gcc; skipped without it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IncludeResolver } from '../../src/core/c/include';
import { lex } from '../../src/core/c/lexer';
import { preprocess } from '../../src/core/c/preprocess';
import { gccModel } from '../../src/core/c/prelude-gcc';
import { FIXTURES } from '../helpers/paths';

function gcc(file: string): string | undefined {
  try {
    return execFileSync('gcc', ['-E', '-P', '-w', '-x', 'c', file], { encoding: 'utf8' });
  } catch {
    return undefined;
  }
}

const FILE = path.join(FIXTURES, 'c-pp/tricky.c');

test('macro corner cases equal gcc -E line by line', { skip: gcc(FILE) === undefined ? 'gcc not available' : false }, () => {
  const expected = gcc(FILE) as string;
  const text = readFileSync(FILE, 'utf8');
  const r = preprocess('tricky.c', { resolver: new IncludeResolver({ read: (p) => (p === 'tricky.c' ? text : undefined) }, []), model: gccModel('x86_64') });
  assert.deepEqual(r.diagnostics.filter((d) => d.level === 'error'), []);
  // Group our tokens by the numbered lines ("7:") the fixture starts its lines with.
  const ours = new Map<string, string[]>();
  let cur: string[] = [];
  for (let i = 0; i < r.tokens.length; i++) {
    const t = r.tokens[i];
    if (t.kind === 'number' && r.tokens[i + 1]?.text === ':' && t.lineStart) {
      cur = [];
      ours.set(t.text, cur);
      i++;
      continue;
    }
    cur.push(t.text);
  }
  let compared = 0;
  for (const line of expected.split('\n')) {
    const m = /^(\d+): ?(.*)$/.exec(line);
    if (!m) continue;
    assert.deepEqual(ours.get(m[1]), lex(m[2], 'gcc').map((t) => t.text), `line ${m[1]}: ${m[2]}`);
    compared++;
  }
  assert.equal(compared, 19);
});
