// A real lore thread: grammar colours, the thread view in its activity-bar container.
import { check, openFile, openWorkbench, shot, type UiTest } from './workbench';

export const threadTests: UiTest[] = [
  {
    name: 'lore thread: the grammar colours headers, quotes and quoted diff lines',
    async run(ctx) {
      await openWorkbench(ctx);
      await openFile(ctx, 'lsm-i_security-rcu-free.mbox');
      const mode = await ctx.page.locator('.statusbar-item[id="status.editor.mode"]').innerText();
      check(/Kernel Patch Thread/.test(mode), `language mode is ${mode}`);
      // Distinct token colours on the first screen: headers and values are not all one colour.
      const colours = await ctx.page.evaluate(() => new Set(Array.from(document.querySelectorAll('.editor-instance .view-line span span')).map((s) => getComputedStyle(s).color)).size);
      check(colours >= 3, `only ${colours} token colours`);
      await shot(ctx, 'lore-thread-grammar');
    },
  },
  {
    name: 'lore thread: the thread view lists messages, patches and hunks',
    async run(ctx) {
      await openWorkbench(ctx);
      await openFile(ctx, 'lsm-i_security-rcu-free.mbox');
      await ctx.page.locator('.activitybar .action-item a[aria-label*="Kernel Patch Lens"]').click();
      const rows = ctx.page.locator('.pane-body .monaco-list-row');
      await rows.first().waitFor();
      await ctx.page.waitForTimeout(500);
      const labels = await rows.allInnerTexts();
      check(labels.some((l) => /lsm: fs: Use i_callback/.test(l)), `no thread subject in ${JSON.stringify(labels.slice(0, 10))}`);
      check(labels.some((l) => /patch: \d+ hunks/.test(l)), `no patch row in ${JSON.stringify(labels.slice(0, 20))}`);
      await shot(ctx, 'thread-view');
      // Click the patch row: its command reveals the patch's first hunk in the editor.
      const patchRow = rows.filter({ hasText: /patch: \d+ hunks/ }).first();
      await patchRow.click();
      await ctx.page.waitForTimeout(800);
      const cursorLine = await ctx.page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
      check(/Ln (\d+)/.test(cursorLine) && Number(/Ln (\d+)/.exec(cursorLine)![1]) > 1, `cursor not moved: ${cursorLine}`);
      await shot(ctx, 'thread-view-revealed-hunk');
    },
  },
];
