import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { assert, byTestId, expectText, type Journey, pickOption, signIn } from './harness.ts';

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

/**
 * Clicks `button` and answers the file it downloads, counting the requests to `pattern` on the way: a download is
 * one request, whatever the page does around it.
 */
async function downloadFrom(page: Page, pattern: string, button: () => Promise<void>) {
  let requests = 0;
  await page.route(pattern, async (route) => {
    requests++;
    await route.continue();
  });
  const [file] = await Promise.all([page.waitForEvent('download'), button()]);
  await page.unroute(pattern);
  const bytes = readFileSync(await (file as Download).path());
  return { name: file.suggestedFilename(), requests, zip: bytes.subarray(0, 2).toString() === 'PK' };
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
  {
    // Issue 17: the three pages that fetched their files through the untyped `download` now go through the typed
    // client's saveFile, keyed by method and URL (admin/src/api/http.test.ts has the keying itself).
    name: "download: the import template, the people list and a figure's records through the typed client",
    async run({ server, browser, screenshot }) {
      const page = await signIn(browser, server.baseUrl, 'donghu_admin');
      await page.goto(`${server.baseUrl}/admin/imports`);
      const kind = byTestId(page, 'import-kind');
      await kind.waitFor();
      await pickOption(kind, /^人员信息$/);
      const template = await downloadFrom(page, '**/api/imports/kinds/*/template', () =>
        byTestId(page, 'import-template').click(),
      );
      assert(template.zip && template.name.endsWith('.xlsx'), `the template is an xlsx: ${template.name}`);
      assert(template.requests === 1, `one request for the template, saw ${template.requests}`);

      await page.goto(`${server.baseUrl}/admin/people`);
      await byTestId(page, 'people-table').locator('tbody tr.ant-table-row').first().waitFor();
      const people = await downloadFrom(page, '**/api/people/export**', () =>
        byTestId(page, 'people-export').click(),
      );
      assert(
        people.zip && people.name === '人员名单.xlsx',
        `the people list is 人员名单.xlsx: ${people.name}`,
      );
      assert(people.requests === 1, `one request for the people list, saw ${people.requests}`);
      await expectText(
        page.locator('.ant-message'),
        (t) => t.includes('已导出：人员名单.xlsx'),
        'the export is told',
      );
      await screenshot('17-download-people', page);

      await page.goto(`${server.baseUrl}/admin/`);
      await byTestId(page, 'figure-member.total').first().click();
      await page.waitForURL(/\/admin\/reports\/records\?/);
      await byTestId(page, 'drilldown-table').locator('tbody tr.ant-table-row').first().waitFor();
      const records = await downloadFrom(page, '**/api/reports/records/export**', () =>
        byTestId(page, 'drilldown-export').click(),
      );
      assert(
        records.zip && /-.*团员.*\.xlsx$/.test(records.name),
        `the records are an xlsx: ${records.name}`,
      );
      assert(records.requests === 1, `one request for the records, saw ${records.requests}`);
      await page.context().close();
    },
  },
];
