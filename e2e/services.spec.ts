import type { BrowserContext, Page } from 'playwright-core';
import { assert, byTestId, expectText, type Journey, textOf } from './harness.ts';

const PASSWORD = 'Demo@2026';

async function signIn(context: BrowserContext, baseUrl: string, username: string): Promise<void> {
  const login = await context.request.post(`${baseUrl}/api/auth/login`, {
    data: { username, password: PASSWORD },
  });
  assert(login.ok(), `${username} could not log in: ${login.status()}`);
}

async function openTab(page: Page, label: string): Promise<void> {
  await byTestId(page, 'services-tabs').locator('.ant-tabs-tab').filter({ hasText: label }).first().click();
}

async function openFirstConsultation(page: Page): Promise<void> {
  const rows = byTestId(page, 'consultation-table').locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  await rows.first().click();
  await page.locator('.ant-drawer-body').waitFor();
}

export const servicesJourneys: Journey[] = [
  {
    name: 'services: the county admin sees consultations counted but never their notes; the counsellor reads his own',
    async run({ server, browser, screenshot }) {
      const admin = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      try {
        await signIn(admin, server.baseUrl, 'donghu_admin');
        const page = await admin.newPage();
        page.setDefaultTimeout(20_000);
        await page.goto(`${server.baseUrl}/admin/services`);
        await openTab(page, '心理健康');
        await expectText(
          byTestId(page, 'counselling-stats'),
          (t) => /个案咨询 [1-9]\d* 人次/.test(t),
          'the statistics count consultations',
        );
        await openFirstConsultation(page);
        await byTestId(page, 'notes-hidden').waitFor();
        const drawer = await textOf(page.locator('.ant-drawer-body'));
        assert(!drawer.includes('学业压力'), 'the county admin must not see the notes');
        assert((await byTestId(page, 'consultation-notes').count()) === 0, 'no notes field for the admin');
        await screenshot('60-services-admin-consultation', page);
        await page.keyboard.press('Escape');
        await openTab(page, '阵地');
        await expectText(
          byTestId(page, 'venue-coverage'),
          (t) => /\d+ \/ \d+ 个乡镇/.test(t),
          'the coverage table shows townships',
        );
        await screenshot('61-services-coverage', page);
        await openTab(page, '助学');
        await expectText(
          byTestId(page, 'aid-balances'),
          (t) => t.includes('助学'),
          'the balances list the 助学 programme',
        );
        await screenshot('62-services-aid', page);
      } finally {
        await admin.close();
      }
      const own = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      try {
        await signIn(own, server.baseUrl, 'counsellor');
        const page = await own.newPage();
        page.setDefaultTimeout(20_000);
        await page.goto(`${server.baseUrl}/admin/services`);
        await openTab(page, '心理健康');
        await openFirstConsultation(page);
        const notes = byTestId(page, 'consultation-notes');
        await notes.waitFor();
        const value = await notes.inputValue();
        assert(value.includes('学业压力'), `the counsellor reads his notes, saw ${value}`);
        await screenshot('63-services-counsellor-notes', page);
      } finally {
        await own.close();
      }
    },
  },
  {
    name: 'services: a student applies for an internship on a phone',
    async run({ server, browser, screenshot }) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      try {
        await signIn(context, server.baseUrl, 'student');
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        await page.goto(`${server.baseUrl}/admin/my-internships`);
        const posts = byTestId(page, 'open-posts');
        await expectText(posts, (t) => t.includes('实习岗位'), 'the open posts are listed');
        const button = posts.getByRole('button', { name: /^报\s*名$/ }).first();
        await button.click();
        await expectText(page.locator('body'), (t) => t.includes('已报名'), 'the application is recorded');
        const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        assert(width <= 390, `the page fits a phone, scroll width ${width}`);
        await screenshot('64-services-student-internship', page);
      } finally {
        await context.close();
      }
    },
  },
];
