// A review session in the workbench: started from the palette (version picker), stepped
// with the keybinding, a hunk marked and noted; status bar, highlight and note on screen;
// the window reloaded (a new extension host) and the session found again.
import { check, openFile, openWorkbench, runCommand, shot, type UiTest } from './workbench';

export const reviewTests: UiTest[] = [
  {
    name: 'review session: start, step with alt+], mark a concern, write a note',
    async run(ctx) {
      const { page } = ctx;
      await openWorkbench(ctx);
      await openFile(ctx, 'lsm-i_security-rcu-free.mbox');
      await page.waitForTimeout(1000);
      await runCommand(ctx, 'Kernel Patch Lens: Start Review Session');
      // The version picker: newest first, Enter takes it.
      const row = page.locator('.quick-input-list .monaco-list-row').first();
      await row.waitFor();
      const first = await row.innerText();
      check(/v2/.test(first), `newest version not first: ${first}`);
      await page.keyboard.press('Enter');
      const status = page.locator('.statusbar-item[id$="kernelPatchLens.review"]');
      await status.waitFor({ timeout: 15_000 });
      check(/Review 1\/\d+ · 0 concerns/.test(await status.innerText()), `status: ${await status.innerText()}`);
      await page.locator('.editor-instance .view-lines').first().click();
      await runCommand(ctx, 'Kernel Patch Lens: Previous Review Hunk');
      await page.waitForTimeout(300);
      await page.keyboard.press('Alt+BracketRight');
      await page.waitForFunction(() => /Review 2\//.test(document.querySelector('.statusbar-item[id$="kernelPatchLens.review"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
      await runCommand(ctx, 'Kernel Patch Lens: Mark Hunk Concern');
      await page.waitForFunction(() => /1 concern$/.test(document.querySelector('.statusbar-item[id$="kernelPatchLens.review"]')?.textContent?.trim() ?? ''), undefined, { timeout: 10_000 });
      await runCommand(ctx, 'Kernel Patch Lens: Set Review Note');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('Why does **btrfs** need its own free_inode here?');
      await page.keyboard.press('Enter');
      // The Comments panel lists the note; close it and step away and back to see the hunk.
      await page.locator('.comments-panel strong, .pane-body strong', { hasText: 'btrfs' }).first().waitFor({ timeout: 15_000 });
      await runCommand(ctx, 'View: Close Panel');
      await page.locator('.editor-instance .view-lines').first().click();
      await page.keyboard.press('Alt+BracketLeft');
      await page.waitForTimeout(300);
      await page.keyboard.press('Alt+BracketRight');
      // The note shows as a comment thread under the hunk (rendered Markdown, bold as <strong>).
      const note = page.locator('.review-widget .comment-body strong', { hasText: 'btrfs' }).first();
      await note.waitFor({ timeout: 15_000 });
      const highlighted = await page.evaluate(() => document.querySelectorAll('.editor-instance .view-overlays div[class*="ced-"]').length);
      check(highlighted > 0, 'no current-hunk highlight');
      await page.mouse.move(5, 990);
      await shot(ctx, 'review-session');

      // A real restart: reloading the page gives the window a new extension host; the
      // session (position, concern, note) comes back from the extension's storage.
      await page.reload();
      await openWorkbench(ctx);
      await openFile(ctx, 'lsm-i_security-rcu-free.mbox');
      await page.waitForFunction(() => /^Review 2\/\d+ · 1 concern$/.test(document.querySelector('.statusbar-item[id$="kernelPatchLens.review"]')?.textContent?.trim() ?? ''), undefined, { timeout: 30_000 });
      // The restored window may reopen the Comments panel; the note is looked for on the hunk.
      await runCommand(ctx, 'View: Close Panel');
      await page.locator('.editor-instance .view-lines').first().click();
      await page.keyboard.press('Alt+BracketLeft');
      await page.waitForFunction(() => /Review 1\//.test(document.querySelector('.statusbar-item[id$="kernelPatchLens.review"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
      await page.keyboard.press('Alt+BracketRight');
      await page.waitForFunction(() => /Review 2\//.test(document.querySelector('.statusbar-item[id$="kernelPatchLens.review"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
      await page.locator('.review-widget .comment-body strong', { hasText: 'btrfs' }).first().waitFor({ state: 'visible', timeout: 15_000 });
      check(/^Review 2\/\d+ · 1 concern$/.test((await status.innerText()).trim()), `status after restart: ${await status.innerText()}`);
      await page.mouse.move(5, 990);
      await shot(ctx, 'review-session-restored');
      await runCommand(ctx, 'Kernel Patch Lens: End Review Session');
      await page.waitForTimeout(500);
    },
  },
];
