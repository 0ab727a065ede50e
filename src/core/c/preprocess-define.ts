import type { Macro } from './preprocess-types';
import type { Token } from './token';

/** Reads a `#define` line: tokens[start] is the macro name, tokens up to `end` the rest of the line. */
export function parseDefine(tokens: readonly Token[], start: number, end: number, error: (msg: string) => void): Macro | undefined {
  const name = tokens[start];
  if (!name || start >= end || name.kind !== 'ident') {
    error('macro names must be identifiers');
    return undefined;
  }
  if (name.text === 'defined') {
    error('"defined" cannot be used as a macro name');
    return undefined;
  }
  let i = start + 1;
  let params: string[] | undefined;
  let variadic = false;
  // Function-like only when "(" touches the name: `#define F (x)` is object-like.
  if (i < end && tokens[i].text === '(' && !tokens[i].spaceBefore) {
    params = [];
    i++;
    for (;;) {
      const t = tokens[i];
      if (!t || i >= end) {
        error(`missing ")" in parameter list of macro "${name.text}"`);
        return undefined;
      }
      if (t.text === ')' && params.length === 0) { i++; break; }
      if (t.text === '...') {
        params.push('__VA_ARGS__');
        variadic = true;
        i++;
      } else if (t.kind === 'ident') {
        params.push(t.text);
        i++;
        if (tokens[i]?.text === '...' && i < end) {
          // GNU named variable arguments: `args...`
          variadic = true;
          i++;
        }
      } else {
        error(`bad parameter list of macro "${name.text}" at '${t.text}'`);
        return undefined;
      }
      const sep = tokens[i];
      if (sep && i < end && sep.text === ')') { i++; break; }
      if (!sep || i >= end || sep.text !== ',' || variadic) {
        error(`bad parameter list of macro "${name.text}"`);
        return undefined;
      }
      i++;
    }
  }
  return { name: name.text, params, variadic, body: tokens.slice(i, end), file: name.file, offset: name.offset };
}
