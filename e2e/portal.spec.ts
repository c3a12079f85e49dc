import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { assert, byTestId, expectText, type Journey, pickOption, textOf } from './harness.ts';
import type { Server } from './server.ts';

/** The demo site's newsroom logins (src/demo/newsroom.ts); they share the demo password. */
const EDITOR = 'donghu_editor';
const REVIEWER = 'city_reviewer';

/**
 * A desktop context signed in as `username`. Through the API, like mobile.spec.ts: the login page has its
 * own journey, and logins are rate-limited per address (10 a minute), so a 429 waits for the next window.
 */
async function signedIn(browser: Browser, server: Server, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  for (let attempt = 0; ; attempt++) {
    const res = await context.request.post(`${server.baseUrl}/api/auth/login`, {
      data: { username, password: server.login.password },
    });
    if (res.ok()) break;
    assert(res.status() === 429 && attempt < 3, `login as ${username} failed: ${res.status()}`);
    await new Promise((r) => setTimeout(r, 1000 * Number(res.headers()['retry-after'] ?? 20)));
  }
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${server.baseUrl}/admin/`);
  await byTestId(page, 'user-menu').waitFor();
  return page;
}

async function noSideways(page: Page, what: string): Promise<void> {
  const width = (await page.evaluate(
    '({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })',
  )) as { scroll: number; inner: number };
  assert(
    width.scroll <= width.inner + 1,
    `${what} scrolls sideways on a phone: ${width.scroll}px in ${width.inner}px`,
  );
}

const title = `东湖县团委开展“青春护河”志愿行动（${Date.now().toString(36)}）`;

export const portalJourneys: Journey[] = [
  {
    name: 'portal: a reader on a phone opens the home page, follows an article and sees the share QR',
    async run({ server, browser, screenshot }) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      try {
        const page = await context.newPage();
        await page.goto(`${server.baseUrl}/`);
        const header = await textOf(page.locator('header .topbar'));
        assert(
          /\d{4}年 \d{2}月 \d{2}日 星期[一二三四五六日]/.test(header),
          `no date in the header: ${header}`,
        );
        await noSideways(page, 'the home page');
        await screenshot('portal-phone-home', page);
        const first = page.locator('main .list a').first();
        const picked = await textOf(first);
        await first.click();
        await page.waitForURL(/\/articles\/\d+$/);
        await expectText(
          page.locator('article h1'),
          (t) => t === picked,
          'the article opened is the one tapped',
        );
        await expectText(
          page.locator('.meta'),
          (t) => /时间:\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(t),
          'time shown',
        );
        const qr = byTestId(page, 'share-qr').locator('svg');
        await qr.scrollIntoViewIfNeeded();
        const box = await qr.boundingBox();
        assert(
          box && box.width >= 100 && box.x + box.width <= 390,
          `share QR not fully visible: ${JSON.stringify(box)}`,
        );
        await noSideways(page, 'the article page');
        await screenshot('portal-phone-article', page);
        // 适老化: the larger-type mode, by keyboard, stays on the same page and still fits the phone.
        await page.getByRole('link', { name: '大字版（适老化）' }).focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction('document.documentElement.classList.contains("large")');
        assert(/\/articles\/\d+$/.test(page.url()), `the larger type left the article: ${page.url()}`);
        await noSideways(page, 'the article page in larger type');
        await screenshot('portal-phone-article-large', page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'portal: an editor submits, a reviewer publishes, the piece appears on the home page',
    async run({ server, browser, screenshot }) {
      const editor = await signedIn(browser, server, EDITOR);
      try {
        await editor.goto(`${server.baseUrl}/admin/newsroom/new`);
        await byTestId(editor, 'article-title').fill(title);
        await pickOption(byTestId(editor, 'article-channel'), '团情快讯');
        await byTestId(editor, 'article-editor').click();
        await editor.keyboard.type('近日，东湖县团委组织青年志愿者沿河开展巡河护河、垃圾清理和宣传活动。');
        await byTestId(editor, 'save-article').click();
        await editor.waitForURL(/\/newsroom\/articles\/\d+$/);
        await byTestId(editor, 'submit-article').click();
        await expectText(byTestId(editor, 'article-status'), (t) => t === '待审核', 'submitted');
        await screenshot('portal-editor-submitted', editor);
      } catch (error) {
        // The journey's own window, which the runner's failure screenshot (of its shared page) does not show.
        await screenshot('FAILED-portal-editor', editor).catch(() => undefined);
        throw error;
      } finally {
        await editor.context().close();
      }

      const reviewer = await signedIn(browser, server, REVIEWER);
      try {
        await reviewer.goto(`${server.baseUrl}/admin/newsroom?view=review`);
        await reviewer.getByRole('link', { name: title }).click();
        await byTestId(reviewer, 'approve-article').click();
        await expectText(byTestId(reviewer, 'article-status'), (t) => t === '已发布', 'published');
        await screenshot('portal-reviewer-published', reviewer);
      } finally {
        await reviewer.context().close();
      }

      const reader = await browser.newContext({ locale: 'zh-CN' });
      try {
        const page = await reader.newPage();
        await page.goto(`${server.baseUrl}/`);
        const link = page.getByRole('link', { name: title }).first();
        await link.waitFor();
        await link.click();
        await expectText(page.locator('.meta'), (t) => t.includes('来源:共青团东湖县委员会'), 'source shown');
        await screenshot('portal-desktop-article', page);
        await page.goto(`${server.baseUrl}/`);
        await screenshot('portal-desktop-home', page);
      } finally {
        await reader.close();
      }
    },
  },
  {
    name: 'portal: axe finds no serious or critical violations on the home, channel and article pages',
    async run({ server, browser, log }) {
      const context = await browser.newContext({ locale: 'zh-CN' });
      try {
        const page = await context.newPage();
        await page.goto(`${server.baseUrl}/`);
        const article = await page.locator('main .list a').first().getAttribute('href');
        const failures: string[] = [];
        for (const path of [
          '/',
          '/channels/tuanqing',
          article!,
          '/columns/qingchun-dajuan',
          '/no-such-page',
        ]) {
          await page.goto(`${server.baseUrl}${path}`);
          // biome-ignore lint/suspicious/noExplicitAny: @axe-core/playwright types the page of the playwright package
          const result = await new AxeBuilder({ page: page as any })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
            .analyze();
          const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          log(
            `axe ${path}: ${result.passes.length} rules passed, ${result.violations.length} violations (${bad.length} serious or critical)`,
          );
          for (const v of bad)
            failures.push(
              `${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
            );
        }
        assert(failures.length === 0, `axe violations:\n${failures.join('\n')}`);
      } finally {
        await context.close();
      }
    },
  },
];
