// Seed 000 and the format-patch file in the real workbench: inline figures, hover,
// CodeLens, palette.
import { check, hoverOn, openFile, openWorkbench, runCommand, shot, waitForAfterText, type UiTest } from './workbench';

export const seedTests: UiTest[] = [
  {
    name: 'patch file shows "+8 B struct inode · CONFIG_BPF_SYSCALL=y" on the struct hunk',
    async run(ctx) {
      await openWorkbench(ctx);
      await openFile(ctx, 'inode-bpf-storage.patch');
      const texts = await waitForAfterText(ctx.page, /^★ \+8 B struct inode · CONFIG_BPF_SYSCALL=y/);
      check(!texts.some((t) => /fs_context/.test(t)), `figure on the forward-declaration hunk: ${JSON.stringify(texts)}`);
      const lens = ctx.page.locator('.codelens-decoration', { hasText: 'struct inode +8 B' });
      await lens.first().waitFor();
      await shot(ctx, 'patch-inline-and-codelens');
    },
  },
  {
    name: 'seed 000: annotate from the palette, hover shows layout and Brauner\'s comment',
    async run(ctx) {
      await openWorkbench(ctx);
      await openFile(ctx, 'seed-000.txt');
      await runCommand(ctx, 'Kernel Patch Lens: Annotate as Patch Thread');
      await waitForAfterText(ctx.page, /\+8 B struct inode/);
      // The figures are drawn first; the CodeLens counts the comments once the discussion is
      // linked too, and the lines stop moving.
      await ctx.page.locator('.codelens-decoration', { hasText: /struct inode \+8 B · \d+ comments?/ }).first().waitFor();
      await shot(ctx, 'seed-000-annotated');
      // Inside the quoted hunk (the first CONFIG_SECURITY of the page stands there).
      const hover = await hoverOn(ctx.page, 'CONFIG_SECURITY');
      const text = await hover.innerText();
      check(/struct inode/.test(text) && /\+8 B/.test(text), `hover lacks the figure: ${text.slice(0, 300)}`);
      check(/Brauner/.test(text), `hover lacks Brauner's comment: ${text.slice(0, 500)}`);
      await shot(ctx, 'seed-000-hover');
    },
  },
  {
    name: 'the palette lists every Kernel Patch Lens command',
    async run(ctx) {
      await openWorkbench(ctx);
      await openFile(ctx, 'inode-bpf-storage.patch');
      await ctx.page.keyboard.press('F1');
      await ctx.page.locator('.quick-input-widget input').fill('>Kernel Patch Lens');
      await ctx.page.waitForTimeout(500);
      const labels = await ctx.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      for (const c of ['Annotate as Patch Thread', 'Size Impact Report', 'Next Struct Hunk', 'Previous Struct Hunk', 'Show Discussion for Hunk', 'Choose Kernel Config', 'Choose Layout Basis']) {
        check(labels.some((l) => l.includes(c)), `palette lacks ${c}: ${JSON.stringify(labels)}`);
      }
      await shot(ctx, 'palette');
      await ctx.page.keyboard.press('Escape');
    },
  },
  {
    name: 'Size Impact Report opens beside the thread',
    async run(ctx) {
      await openWorkbench(ctx);
      await openFile(ctx, 'inode-bpf-storage.patch');
      await waitForAfterText(ctx.page, /struct inode/);
      await runCommand(ctx, 'Kernel Patch Lens: Size Impact Report');
      await ctx.page.locator('.editor-group-container').nth(1).waitFor({ timeout: 10_000 });
      const text = await ctx.page.locator('.editor-group-container').nth(1).locator('.view-lines').innerText();
      check(/inode/.test(text), `report lacks inode: ${text.slice(0, 300)}`);
      await shot(ctx, 'size-report');
    },
  },
];

/** Colour of the first inline figure (CSS ::after colour of a `ced-` span). */
async function figureColour(ctx: Parameters<UiTest['run']>[0]): Promise<string> {
  return ctx.page.evaluate(() => {
    for (const span of Array.from(document.querySelectorAll('.editor-instance .view-line span[class*="ced-"]'))) {
      const st = getComputedStyle(span, '::after');
      if (st.content && st.content !== 'none' && st.content.includes('struct')) return st.color;
    }
    return '';
  });
}

async function chooseTheme(ctx: Parameters<UiTest['run']>[0], name: string): Promise<void> {
  const input = ctx.page.locator('.quick-input-widget input');
  await ctx.page.keyboard.press('F1');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Preferences: Color Theme');
  // Not "Browse Color Themes in Marketplace", which these machines cannot reach.
  await ctx.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Preferences: Color Theme' }).filter({ hasNotText: 'Marketplace' }).first().click();
  await ctx.page.locator('.quick-input-widget input[placeholder*="Color Theme"]').waitFor();
  await input.fill(name);
  await ctx.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
  await ctx.page.waitForTimeout(800);
}

seedTests.push({
  name: 'inline figures follow the theme (dark, light, high contrast)',
  async run(ctx) {
    await openWorkbench(ctx);
    await openFile(ctx, 'inode-bpf-storage.patch');
    await waitForAfterText(ctx.page, /struct inode/);
    const dark = await figureColour(ctx);
    try {
      await chooseTheme(ctx, 'Light Modern');
      await waitForAfterText(ctx.page, /struct inode/);
      const light = await figureColour(ctx);
      await shot(ctx, 'patch-light-theme');
      await chooseTheme(ctx, 'Dark High Contrast');
      const hc = await figureColour(ctx);
      await shot(ctx, 'patch-high-contrast');
      check(dark && light && hc && new Set([dark, light, hc]).size === 3, `figure colours dark ${dark}, light ${light}, hc ${hc}`);
    } finally {
      await chooseTheme(ctx, 'Dark Modern');
    }
  },
});
