import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { solidPng } from '../src/test/png.ts';
import { assert, byTestId, expectText, type Journey, textOf } from './harness.ts';
import type { Server } from './server.ts';

/**
 * Issue 17, item 15: a table pasted from Word stays a table on the public page (and scrolls inside the
 * article on a phone); the site's filing numbers, emblem and favicon; picture news; the pre-publish check
 * in view; a donation receipt with 大写金额, issue date and 经办人.
 */

const csrfOf = new WeakMap<Page, string>();

async function signedIn(browser: Browser, server: Server, username: string, phone = false): Promise<Page> {
  let csrf = '';
  const context = await browser.newContext(
    phone
      ? {
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          locale: 'zh-CN',
        }
      : { viewport: { width: 1366, height: 900 }, locale: 'zh-CN' },
  );
  for (let attempt = 0; ; attempt++) {
    const res = await context.request.post(`${server.baseUrl}/api/auth/login`, {
      data: { username, password: server.login.password },
    });
    if (res.ok()) {
      csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
      break;
    }
    assert(res.status() === 429 && attempt < 3, `login as ${username} failed: ${res.status()}`);
    await new Promise((r) => setTimeout(r, 1000 * Number(res.headers()['retry-after'] ?? 20)));
  }
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  csrfOf.set(page, csrf);
  return page;
}

async function axe(page: Page, what: string): Promise<string[]> {
  // biome-ignore lint/suspicious/noExplicitAny: @axe-core/playwright types the page of the playwright package
  const result = await new AxeBuilder({ page: page as any })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A table as Word puts it on the clipboard: its classes, widths and styles, a header row, spans, an empty row. */
const WORD_TABLE = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment-->
<p class=MsoNormal>各乡镇团员发展情况如下：<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 width=900 style='width:675pt;border-collapse:collapse'>
<tr><td width=120 style='border:solid windowtext 1.0pt'><p class=MsoNormal><b>乡镇</b></p></td><td colspan=2><p class=MsoNormal><b>新发展团员</b></p></td><td><p class=MsoNormal><b>团员总数</b></p></td><td><p class=MsoNormal><b>团干部培训人次</b></p></td><td><p class=MsoNormal><b>主题团日次数</b></p></td><td><p class=MsoNormal><b>备注说明</b></p></td></tr>
<tr><td rowspan=2><p class=MsoNormal>城关镇</p></td><td>上半年 12</td><td>下半年 15</td><td>1203</td><td>86</td><td>24</td><td>含县直机关团支部与各社区团支部</td></tr>
<tr><td>上半年 3</td><td>下半年 4</td><td>311</td><td>20</td><td>12</td><td>新建两个非公企业团支部</td></tr>
<tr><td><p class=MsoNormal><o:p></o:p></p></td><td><p class=MsoNormal><o:p></o:p></p></td><td></td><td></td><td></td><td></td><td></td></tr>
</table><!--EndFragment--></body></html>`;

export const portalPageJourneys: Journey[] = [
  {
    name: 'portal pages: Word table, filing numbers, emblem, picture news, pre-publish check, donation receipt',
    async run({ server, browser, screenshot }) {
      const stamp = Date.now().toString(36);
      const icp = '东ICP备20261205号-1';
      const police = '东公网安备41990002000123号';

      // 1. The city admin files the site's numbers and uploads its emblem and favicon.
      const admin = await signedIn(browser, server, 'city_admin');
      try {
        await admin.goto(`${server.baseUrl}/admin/newsroom/settings`);
        await byTestId(admin, 'icp-number').fill(icp);
        await byTestId(admin, 'police-number').fill('东公网安备 41990002000123号');
        await byTestId(admin, 'logo-input').setInputFiles({
          name: 'emblem.png',
          mimeType: 'image/png',
          buffer: solidPng(96, 96, [200, 20, 20]),
        });
        await admin.getByRole('button', { name: '更换网站标志' }).waitFor();
        // A wide picture is refused as a favicon, beside the field; a square PNG is taken.
        await byTestId(admin, 'favicon-input').setInputFiles({
          name: 'icon.png',
          mimeType: 'image/png',
          buffer: solidPng(32, 32, [200, 20, 20]),
        });
        await admin.getByRole('button', { name: '更换网站图标' }).waitFor();
        await byTestId(admin, 'save-site').click();
        await admin.getByText('网站设置已保存').waitFor();
        await screenshot('portal15-settings', admin);
      } finally {
        await admin.context().close();
      }

      // 2. The editor pastes the table, adds a cover, sees the check beside the piece, fixes, submits.
      const title = `东湖县各乡镇团员发展情况通报（${stamp}）`;
      const editor = await signedIn(browser, server, 'donghu_editor');
      let articleUrl = '';
      try {
        await editor.goto(`${server.baseUrl}/admin/newsroom/new`);
        await byTestId(editor, 'article-title').fill(`${title}，再接再励`);
        await byTestId(editor, 'article-channel').click();
        await editor.locator('.ant-select-item-option:visible', { hasText: '团情快讯' }).first().click();
        const body = byTestId(editor, 'article-editor');
        await body.click();
        // What the browser does on Ctrl+V from Word: a paste event carrying text/html.
        await editor.evaluate(`(() => {
          const data = new DataTransfer();
          data.setData('text/html', ${JSON.stringify(WORD_TABLE)});
          data.setData('text/plain', '乡镇 新发展团员');
          document.querySelector('[data-testid="article-editor"]').dispatchEvent(
            new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
          );
        })()`);
        await body.locator('table th, table td').first().waitFor();
        const cells = await body.locator('td[colspan="2"], td[rowspan="2"]').count();
        assert(cells === 2, `the pasted table lost its spans in the editor (${cells} of 2)`);
        await byTestId(editor, 'cover-input').setInputFiles({
          name: 'cover.png',
          mimeType: 'image/png',
          buffer: solidPng(320, 180, [30, 110, 180]),
        });
        await editor.getByRole('button', { name: '更换封面图' }).waitFor();
        await byTestId(editor, 'save-article').click();
        await editor.waitForURL(/\/newsroom\/articles\/\d+$/);
        articleUrl = editor.url();
        await expectText(
          byTestId(editor, 'prepublish-check'),
          (t) => t.includes('再接再厉'),
          'the check beside the piece names the 错敏词 and its correction',
        );
        await screenshot('portal15-check-problem', editor);
        await byTestId(editor, 'article-title').fill(title);
        await byTestId(editor, 'save-article').click();
        await byTestId(editor, 'check-ok').waitFor();
        await byTestId(editor, 'submit-article').click();
        await expectText(byTestId(editor, 'article-status'), (t) => t === '待审核', 'submitted');
      } finally {
        await editor.context().close();
      }

      // 3. The reviewer sees the same check, clean, and publishes.
      const reviewer = await signedIn(browser, server, 'city_reviewer');
      try {
        await reviewer.goto(articleUrl);
        await byTestId(reviewer, 'check-ok').waitFor();
        await screenshot('portal15-reviewer', reviewer);
        await byTestId(reviewer, 'approve-article').click();
        await expectText(byTestId(reviewer, 'article-status'), (t) => t === '已发布', 'published');
      } finally {
        await reviewer.context().close();
      }

      // 4. A reader on a desktop: picture news, footer, favicon, the table.
      const id = /\/articles\/(\d+)$/.exec(articleUrl)![1];
      const desktop = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      const failures: string[] = [];
      try {
        const page = await desktop.newPage();
        await page.goto(`${server.baseUrl}/`);
        await byTestId(page, 'picture-news').getByRole('link', { name: title }).waitFor();
        await expectText(byTestId(page, 'icp-number'), (t) => t === icp, 'ICP 备案号 in the footer');
        await expectText(byTestId(page, 'police-number'), (t) => t === police, '公安备案号 in the footer');
        const href = await byTestId(page, 'police-number').getAttribute('href');
        assert(href?.endsWith('code=41990002000123'), `公安备案 link: ${href}`);
        const icon = await page.locator('link[rel="icon"]').getAttribute('href');
        assert(icon?.startsWith('/uploads/portal/'), `favicon: ${icon}`);
        const logo = page.locator('.site-name img');
        assert((await logo.count()) === 1, 'the emblem is in the masthead');
        // Keyboard: the strip's 下一张 button is reachable and moves it.
        const next = page.getByRole('button', { name: '下一张图片新闻' });
        if (await next.isVisible()) {
          await next.focus();
          await page.keyboard.press('Enter');
        }
        failures.push(...(await axe(page, 'home')));
        await page.evaluate('window.scrollTo(0, 0)');
        await screenshot('portal15-desktop-home', page);
        await page.goto(`${server.baseUrl}/articles/${id}`);
        await page.locator('.table-scroll table td[colspan="2"]', { hasText: '新发展团员' }).waitFor();
        // An empty row keeps a line's height (its cells hold empty paragraphs: it was an 11 px sliver).
        const rows = (await page.evaluate(`[...document.querySelectorAll('.table-scroll table tr')].map((r) =>
          ({ empty: r.textContent.trim() === '', height: r.getBoundingClientRect().height }))`)) as {
          empty: boolean;
          height: number;
        }[];
        const emptyRow = rows.find((r) => r.empty);
        const lowest = Math.min(...rows.filter((r) => !r.empty).map((r) => r.height));
        assert(
          emptyRow && emptyRow.height >= lowest - 1,
          `the empty row is ${emptyRow?.height ?? 'missing'} px high, a row of text ${lowest} px`,
        );
        failures.push(...(await axe(page, 'article')));
        await screenshot('portal15-desktop-article', page);
      } finally {
        await desktop.close();
      }
      assert(failures.length === 0, `axe violations:\n${failures.join('\n')}`);

      // 5. On a phone the table scrolls inside the article, not the page.
      const phone = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      try {
        const page = await phone.newPage();
        await page.goto(`${server.baseUrl}/articles/${id}`);
        const region = page.locator('.table-scroll').first();
        await region.scrollIntoViewIfNeeded();
        const m = (await page.evaluate(`(() => {
          const el = document.querySelector('.table-scroll');
          return { scroll: el.scrollWidth, client: el.clientWidth, page: document.documentElement.scrollWidth, inner: window.innerWidth };
        })()`)) as { scroll: number; client: number; page: number; inner: number };
        assert(m.page <= m.inner + 1, `the article page scrolls sideways on a phone: ${JSON.stringify(m)}`);
        assert(m.scroll > m.client, `the wide table should scroll inside its region: ${JSON.stringify(m)}`);
        await screenshot('portal15-phone-article', page);
        await page.goto(`${server.baseUrl}/`);
        await screenshot('portal15-phone-home', page);
      } finally {
        await phone.close();
      }
    },
  },
  {
    name: 'portal pages: a donation receipt with 大写金额, issue date and 经办人',
    async run({ server, browser, screenshot }) {
      const stamp = Date.now().toString(36);
      // 6. The aid officer registers a donation and prints its receipt.
      const officer = await signedIn(browser, server, 'aid_officer', true);
      try {
        const me = await (await officer.context().request.get(`${server.baseUrl}/api/auth/me`)).json();
        const orgCode = me.user.org.code as string;
        const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
        const token = csrfOf.get(officer) ?? '';
        const created = await officer.context().request.post(`${server.baseUrl}/api/aid/donations`, {
          headers: { 'x-csrf-token': token },
          data: {
            donor: `同心食品有限公司${stamp}`,
            donorKind: '单位',
            amount: 1234.5,
            donatedOn: today,
            program: '助学',
            orgCode,
          },
        });
        assert(created.ok(), `donation: ${created.status()} ${await created.text()}`);
        const { id: donationId } = await created.json();
        // The receipt is opened from 服务台账 → 助学's 打印收据 (its address built by hrefOf against the contract).
        await officer.goto(`${server.baseUrl}/admin/services`);
        await byTestId(officer, 'services-tabs').getByRole('tab', { name: '助学' }).click();
        const receipt = officer.locator(`a[href="/api/aid/donations/${donationId}/receipt"]`);
        await receipt.waitFor({ state: 'attached' });
        assert((await receipt.textContent())?.replace(/\s/g, '') === '打印收据', 'the row links its receipt');
        await officer.goto(`${server.baseUrl}${await receipt.getAttribute('href')}`);
        await expectText(
          byTestId(officer, 'amount-in-words'),
          (t) => t === '人民币壹仟贰佰叁拾肆元伍角整',
          '大写金额',
        );
        await expectText(byTestId(officer, 'receipt-issuer'), (t) => t === '经办人：助学工作人员', '经办人');
        await expectText(
          byTestId(officer, 'receipt-issued-on'),
          (t) => /开具日期：\d{4}年\d{1,2}月\d{1,2}日/.test(t),
          '开具日期',
        );
        await screenshot('portal15-phone-receipt', officer);
      } finally {
        await officer.context().close();
      }
    },
  },
  {
    name: 'portal pages: an editor inserts a 3×3 table with the toolbar, adds and removes a row and a column, the site shows it',
    async run({ server, browser, screenshot }) {
      const title = `东湖县团员发展情况一览（${Date.now().toString(36)}）`;
      const editor = await signedIn(browser, server, 'donghu_editor');
      let articleUrl = '';
      try {
        await editor.goto(`${server.baseUrl}/admin/newsroom/new`);
        await byTestId(editor, 'article-title').fill(title);
        await byTestId(editor, 'article-channel').click();
        await editor.locator('.ant-select-item-option:visible', { hasText: '团情快讯' }).first().click();
        const body = byTestId(editor, 'article-editor');
        await body.click();
        await editor.keyboard.type('各乡镇情况如下：');
        await editor.getByRole('button', { name: '插入表格' }).click();
        const rows = body.locator('table tr');
        const cells = body.locator('table th, table td');
        const shape = async () => [await rows.count(), await cells.count()];
        await cells.first().waitFor();
        let got = await shape();
        assert(got[0] === 3 && got[1] === 9, `a 3×3 table inserted: ${got.join('×')} cells`);
        // The cursor is in the first cell: what is typed goes there.
        await editor.keyboard.type('乡镇');
        await expectText(cells.first(), (t) => t.trim() === '乡镇', 'typed into the first cell');
        await cells.nth(3).click();
        await editor.keyboard.type('城关镇');
        await editor.getByRole('button', { name: '在下方插入行' }).click();
        await editor.getByRole('button', { name: '在右侧插入列' }).click();
        got = await shape();
        assert(got[0] === 4 && got[1] === 16, `a row and a column added: ${got.join(' rows, ')} cells`);
        await screenshot('17-15-table-inserted', editor);
        // The new row is the third, the new column the second: remove them from a cell of both.
        await cells.nth(2 * 4 + 1).click();
        await editor.getByRole('button', { name: '删除当前行' }).click();
        await cells.nth(2 * 4 + 1).click();
        await editor.getByRole('button', { name: '删除当前列' }).click();
        got = await shape();
        assert(got[0] === 3 && got[1] === 9, `the row and the column removed: ${got.join(' rows, ')} cells`);
        const kept = await textOf(body.locator('table'));
        assert(
          kept.includes('乡镇') && kept.includes('城关镇'),
          `what was typed stays in the table: ${kept}`,
        );
        await byTestId(editor, 'save-article').click();
        await editor.waitForURL(/\/newsroom\/articles\/\d+$/);
        articleUrl = editor.url();
        // Saved and loaded again: still a table, with what was typed.
        await body.locator('table td', { hasText: '城关镇' }).waitFor();
        await byTestId(editor, 'submit-article').click();
        await expectText(byTestId(editor, 'article-status'), (t) => t === '待审核', 'submitted');
      } catch (error) {
        await screenshot('FAILED-17-15-table-editor', editor).catch(() => undefined);
        throw error;
      } finally {
        await editor.context().close();
      }

      const reviewer = await signedIn(browser, server, 'city_reviewer');
      try {
        await reviewer.goto(articleUrl);
        await byTestId(reviewer, 'approve-article').click();
        await expectText(byTestId(reviewer, 'article-status'), (t) => t === '已发布', 'published');
      } finally {
        await reviewer.context().close();
      }

      const id = /\/articles\/(\d+)$/.exec(articleUrl)![1];
      const reader = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      try {
        const page = await reader.newPage();
        await page.goto(`${server.baseUrl}/articles/${id}`);
        const table = page.locator('article table, .article-body table, table').first();
        await table.locator('th, td', { hasText: '城关镇' }).waitFor();
        const n = await table.locator('th, td').count();
        assert(n === 9, `the site shows the 3×3 table: ${n} cells`);
        await screenshot('17-15-table-on-site', page);
      } finally {
        await reader.close();
      }
    },
  },
];
