import type { Browser } from 'playwright-core';
import { assert, byTestId, expectText, type Journey, textOf } from './harness.ts';
import type { Server } from './server.ts';

async function signedIn(browser: Browser, server: Server, username: string) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const login = await context.request.post(`${server.baseUrl}/api/auth/login`, {
    data: { username, password: 'Demo@2026' },
  });
  assert(login.ok(), `${username} could not log in: ${login.status()}`);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/** Hours shown as more than two decimals (88.21000000000001): every figure goes through formatHours. */
const RAW_HOURS = /\d\.\d{3,}/;

/**
 * Issue 17, item 8: a screen shows an action only to a role the server lets call it. The branch secretary reads
 * his branch's activity (volunteer.read) but deciding hours is the organiser's (volunteer.write).
 */
export const roleJourneys: Journey[] = [
  {
    name: 'roles: the branch secretary sees an activity without 确认时长 / 不予确认 / 手工补录; the organiser sees them',
    async run({ server, browser, screenshot }) {
      const secretary = await signedIn(browser, server, 'branch_sec');
      let activityId: number;
      try {
        const list = (await (
          await secretary.context.request.get(`${server.baseUrl}/api/volunteering/activities`)
        ).json()) as { items: { id: number; records: number; signedUp: number }[] };
        // Imported hours have records but no sign-ups: prefer an activity whose list has rows.
        const activity = list.items.find((a) => a.signedUp > 0) ?? list.items.find((a) => a.records > 0);
        assert(activity, 'the branch has an activity with attendance');
        activityId = activity.id;
        const { page } = secretary;
        await page.goto(`${server.baseUrl}/admin/volunteering/activities/${activityId}`);
        await expectText(
          page.locator('main'),
          (t) => t.includes('报名与签到') && (t.includes('小时') || t.includes('暂无数据')),
          'the list',
        );
        for (const id of ['confirm-hours', 'reject-hours', 'manual-entry', 'qr-svg']) {
          assert((await byTestId(page, id).count()) === 0, `the secretary is shown ${id}`);
        }
        const text = await textOf(page.locator('main'));
        assert(!text.includes('更正'), 'the secretary is offered 更正');
        assert(!RAW_HOURS.test(text), `raw hours on the activity page: ${text.match(RAW_HOURS)?.[0]}`);
        await screenshot('roles-01-secretary-activity', page);
      } finally {
        await secretary.context.close();
      }
      const organiser = await signedIn(browser, server, 'volunteer_org');
      try {
        const { page } = organiser;
        await page.goto(`${server.baseUrl}/admin/volunteering/activities/${activityId}`);
        await byTestId(page, 'confirm-hours').waitFor();
        await byTestId(page, 'reject-hours').waitFor();
        await byTestId(page, 'manual-entry').waitFor();
        await screenshot('roles-02-organiser-activity', page);
      } finally {
        await organiser.context.close();
      }
    },
  },
];
