import type { Page } from 'playwright-core';
import { assert, byTestId, expectText, type Journey, signIn } from './harness.ts';

/**
 * Issue 15, progress on long work beyond imports: a download that takes more than a second shows what is being
 * prepared (the layout's indicator, api/downloads.ts), and a second click while it runs starts nothing. The
 * server is held back here by routing the request until the indicator has been seen — a slow export on demand,
 * not a sleep.
 */
async function holdOnce(page: Page, pattern: string) {
  let hits = 0;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(pattern, async (route) => {
    hits++;
    await released;
    await route.continue();
  });
  return { hits: () => hits, release };
}

export const downloadJourneys: Journey[] = [
  {
    name: 'download: a slow export shows 正在生成 after a second, a second click starts nothing, the docx likewise',
    async run({ server, browser, screenshot }) {
      const page = await signIn(browser, server.baseUrl, 'donghu_admin');
      await page.goto(`${server.baseUrl}/admin/admission`);
      await byTestId(page, 'admission-board').waitFor();
      const exportList = holdOnce(page, '**/api/admissions/export**');
      const held = await exportList;
      const button = page.getByRole('button', { name: /导出$/ });
      await button.click();
      await button.click();
      const indicator = byTestId(page, 'download-indicator');
      await expectText(
        indicator,
        (t) => t.includes('正在生成 发展团员名单.xlsx') && t.includes('请勿重复点击'),
        'the indicator names the file being prepared',
      ).catch((e: Error) => {
        throw new Error(`${e.message} (export requests held: ${held.hits()})`);
      });
      await button.click();
      assert(held.hits() === 1, `one request for three clicks, saw ${held.hits()}`);
      await screenshot('15-download-indicator', page);
      const saved = page.waitForEvent('download');
      held.release();
      const file = await saved;
      assert(file.suggestedFilename().endsWith('.xlsx'), `an xlsx arrives: ${file.suggestedFilename()}`);
      await indicator.waitFor({ state: 'detached' });

      // The Word article of 青春答卷, through the typed client's saveFile.
      await page.goto(`${server.baseUrl}/admin/reports`);
      const word = byTestId(page, 'download-word');
      // The editor is a textarea: its text is its value, not its innerText.
      const editor = byTestId(page, 'article-editor');
      for (const deadline = Date.now() + 60_000; !(await editor.inputValue()).trim(); ) {
        assert(Date.now() < deadline, 'the draft article is generated');
        await page.waitForTimeout(200);
      }
      const docx = await holdOnce(page, '**/api/reports/article/docx');
      await word.click();
      await expectText(indicator, (t) => /正在生成 青春答卷-.*\.docx/.test(t), 'the docx being prepared');
      assert(
        (await word.isDisabled().catch(() => false)) ||
          (await word.getAttribute('class'))?.includes('loading'),
        'the button is busy',
      );
      const doc = page.waitForEvent('download');
      docx.release();
      assert((await doc).suggestedFilename().endsWith('.docx'), 'a docx arrives');
      await indicator.waitFor({ state: 'detached' });
      assert(docx.hits() === 1, 'one request');
      await page.context().close();
    },
  },
];
