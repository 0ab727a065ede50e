// Driving code-server's workbench from Playwright: open, open a file, run a palette
// command, read inline decorations (CSS ::after content), hover, screenshot.
import type { Page } from 'playwright-core';
import path from 'node:path';

export interface UiContext { page: Page; url: string; workspace: string; shots: string }
export interface UiTest { name: string; run(ctx: UiContext): Promise<void> }

export function check(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(msg);
}

export async function openWorkbench(ctx: UiContext): Promise<void> {
  await ctx.page.goto(`${ctx.url}/?folder=${encodeURIComponent(ctx.workspace)}`);
  await ctx.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await ctx.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  // Each test starts from no open editors, whatever the previous one left behind.
  await runCommand(ctx, 'View: Close All Editors');
  await ctx.page.waitForTimeout(300);
}

export async function shot(ctx: UiContext, name: string): Promise<string> {
  const file = path.join(ctx.shots, `${name}.png`);
  await ctx.page.screenshot({ path: file });
  return file;
}

/**
 * Opens the quick-input widget with the first key, retrying with the others. In a loaded CI
 * machine a key press now and then reaches a workbench that does not act on it (seen twice
 * in one run: the widget stayed hidden for 20 s), and a second press is what a user does.
 */
async function quickInput(page: Page, keys: string[]) {
  const input = page.locator('.quick-input-widget input');
  let missed = '';
  for (let attempt = 0; ; attempt++) {
    const key = keys[attempt % keys.length]!;
    await page.keyboard.press(key);
    try {
      await input.waitFor({ state: 'visible', timeout: 6_000 });
      if (attempt > 0) console.log(`    (quick input opened on attempt ${attempt + 1}, with ${key}; missed ${missed})`);
      return input;
    } catch (err) {
      if (attempt >= 3) throw err;
      // Where the key went, for the log: the focused element when the widget did not open.
      missed += `${key} with focus on ${await page.evaluate(() => { const a = document.activeElement; return a ? `${a.tagName.toLowerCase()}.${String(a.className).split(' ').slice(0, 3).join('.')}` : 'nothing'; })} at ${page.url().replace(/\?.*/, '')}; `;
      await page.keyboard.press('Escape');
    }
  }
}

/** Quick Open (Ctrl+P), type the file name, Enter; waits for its tab. */
export async function openFile(ctx: UiContext, name: string): Promise<void> {
  const { page } = ctx;
  // Without a prefix the quick-access input lists files, whichever key opened it.
  const input = await quickInput(page, ['Control+P', 'F1']);
  await input.fill(name);
  // Click the row naming the file: Enter could take a recently-opened entry still listed
  // before the filter applied.
  const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`).first();
  await row.waitFor({ timeout: 40_000 });
  await row.click();
  await page.waitForSelector(`.tabs-container .tab[aria-label*="${name}"]`, { timeout: 40_000 });
  await page.locator('.editor-instance .view-lines').first().waitFor();
  // Park the mouse where it raises no hover of its own (the title bar has one).
  await page.mouse.move(5, 990);
}

/** F1, type the command's title, run the first match. */
export async function runCommand(ctx: UiContext, title: string): Promise<void> {
  const { page } = ctx;
  const input = await quickInput(page, ['F1', 'Control+Shift+P']);
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
}

/** The inline annotations: `::after` content of the decoration spans (`ced-…` classes). */
export async function afterTexts(page: Page): Promise<{ line: number; text: string }[]> {
  return page.evaluate(() => {
    const out: { line: number; text: string }[] = [];
    for (const span of Array.from(document.querySelectorAll('.editor-instance .view-line span[class*="ced-"]'))) {
      const c = getComputedStyle(span, '::after').content;
      if (!c || c === 'none' || c === 'normal') continue;
      const lineEl = span.closest('.view-line') as HTMLElement;
      out.push({ line: Math.round(parseFloat(lineEl.style.top || '0')), text: c.replace(/^"|"$/g, '') });
    }
    return out;
  });
}

export async function waitForAfterText(page: Page, re: RegExp, timeout = 15_000): Promise<string[]> {
  const end = Date.now() + timeout;
  let texts: string[] = [];
  while (Date.now() < end) {
    texts = (await afterTexts(page)).map((t) => t.text);
    if (texts.some((t) => re.test(t))) return texts;
    await page.waitForTimeout(200);
  }
  throw new Error(`no inline annotation matching ${re}; saw ${JSON.stringify(texts)}`);
}

/** Hovers the exact characters of the first visible occurrence of `text` and returns our hover. */
export async function hoverOn(page: Page, text: string) {
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: 'Kernel Patch Lens' }).first();
  for (let attempt = 0; ; attempt++) {
    const at = await page.evaluate((needle) => {
      for (const line of Array.from(document.querySelectorAll('.editor-instance .view-line'))) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = (n.textContent ?? '').replace(/\u00a0/g, ' ').indexOf(needle);
          if (i < 0) continue;
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + needle.length);
          const b = r.getBoundingClientRect();
          return { x: b.x + Math.min(6, b.width / 2), y: b.y + b.height / 2 };
        }
      }
      return undefined;
    }, text);
    if (!at) throw new Error(`${text} is not on screen`);
    await page.mouse.move(5, 990);
    await page.mouse.move(at.x, at.y, { steps: 3 });
    try {
      await hover.waitFor({ state: 'visible', timeout: 5_000 });
      return hover;
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
}
