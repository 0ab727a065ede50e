// The hostile thread rendered: hover and tree show the mail's markup as text only.
import { check, hoverOn, openFile, openWorkbench, shot, type UiTest } from './workbench';

export const hostileTests: UiTest[] = [
  {
    name: 'hostile thread: hover renders links and HTML from mail as inert text',
    async run(ctx) {
      await openWorkbench(ctx);
      await openFile(ctx, 'hostile.mbox');
      const hover = await hoverOn(ctx.page, 'i_e');
      const hrefs = await hover.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''));
      for (const h of hrefs) check(/^command:kernelPatchLens\.|^https:\/\/lore\.kernel\.org\/r\//.test(h), `unexpected link ${h}`);
      check(await hover.locator('img, script').count() === 0, 'hover contains img/script elements');
      const text = await hover.innerText();
      check(text.includes('<U+200B>'), `zero-width space not visible: ${text.slice(0, 300)}`);
      await shot(ctx, 'hostile-hover');
    },
  },
];
