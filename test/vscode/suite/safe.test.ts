// The escaping every mail-derived string goes through, checked inside the real host.
import * as assert from 'node:assert/strict';
import { commandLink, md, plain, webLink, hoverMarkdown, HOVER_COMMANDS } from '../../../src/extension/safe';

suite('safe text', () => {
  test('Markdown escaping leaves no link, HTML, autolink or entity', () => {
    const s = md('[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> https://evil.example &amp; *b* `c`');
    assert.doesNotMatch(s, /(^|[^\\])\[/);
    assert.doesNotMatch(s, /(^|[^\\])</);
    assert.doesNotMatch(s, /https:\/\//);
    assert.doesNotMatch(s, /(^|[^\\])&/);
    assert.match(s, /command\\:workbench/);
  });
  test('invisible and bidi characters become visible code points', () => {
    assert.equal(plain('a\u200bb\u202ec\u2069d\ufeffe'), 'a<U+200B>b<U+202E>c<U+2069>d<U+FEFF>e');
    assert.equal(plain('line\none\ttab'), 'line one tab');
  });
  test('command links only for allow-listed commands, arguments encoded', () => {
    const l = commandLink('see [it]', 'kernelPatchLens.reveal', ['file:///a', { view: 'document', start: 1, end: 2 }]);
    assert.match(l, /^\[see \\\[it\\\]\]\(command:kernelPatchLens\.reveal\?%5B/);
    assert.ok(!l.slice(l.indexOf('](')).includes(' '));
  });
  test('web links only to lore with a plain message id', () => {
    assert.equal(webLink('lore', 'https://lore.kernel.org/r/20241112-abc@kernel.org'), '[lore](https://lore.kernel.org/r/20241112-abc@kernel.org)');
    assert.equal(webLink('lore', 'javascript:alert(1)'), 'lore');
    assert.equal(webLink('lore', 'https://lore.kernel.org/r/x)(command:y'), 'lore');
  });
  test('hover Markdown trusts only the allow-list and no HTML', () => {
    const m = hoverMarkdown();
    assert.equal(m.supportHtml, false);
    assert.deepEqual(m.isTrusted, { enabledCommands: [...HOVER_COMMANDS] });
  });
});
