import path from 'node:path';
import SQLite from 'better-sqlite3';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { makeIdNumber } from '../src/lib/id-number.ts';
import { volunteerNo } from '../src/lib/volunteer-no.ts';
import { assert, expectText, type Journey, optionsOf, signIn, textOf } from './harness.ts';
import { organiserApi } from './volunteering.spec.ts';

const MINUTE = 60_000;
/** The datetime-local text (Beijing time, to the minute) of an instant. */
const beijingInput = (ms: number) => new Date(ms + 8 * 60 * MINUTE).toISOString().slice(0, 16);

/**
 * Issue 17, item 4: a volunteer who scanned out early got 0 hours; the organiser corrects the scan with a reason,
 * and records a walk-in by hand, picking him by 志愿者编号 rather than a database id.
 */
export const hoursJourneys: Journey[] = [
  {
    name: 'hours: the organiser corrects an early scan-out and records a walk-in picked by 志愿者编号',
    async run({ server, browser, screenshot }) {
      const page = await signIn(browser, server.baseUrl, 'donghu_admin');
      const api = await organiserApi(page.request, server.baseUrl, 'donghu_admin', DEMO_PASSWORD);
      const suffix = String(Date.now() % 100000).padStart(5, '0');
      const person = (name: string, n: number) =>
        api.post<{ id: number }>('/api/people', {
          idNumber: makeIdNumber('419901', '2001-04-05', (Number(suffix) + n) % 900),
          name,
          politicalStatus: 'masses',
          orgCode: 'DH-A',
        });
      const early = await person('早退甲', 1);
      const walkIn = await person('补录乙', 2);
      const now = Date.now();
      const activity = await api.post<{ id: number; title: string }>('/api/volunteering/activities', {
        orgCode: 'DH-A',
        title: `敬老院探访${suffix}`,
        category: '关爱服务',
        place: '城关镇敬老院',
        capacity: 30,
        startsAt: new Date(now - 3 * 60 * MINUTE).toISOString(),
        endsAt: new Date(now + 60 * MINUTE).toISOString(),
        minMinutes: 15,
        minSharePercent: 50,
        roundingMinutes: 30,
      });
      // He scanned in an hour ago and out at once (the sign-out code by mistake): 0 hours on record.
      const db = new SQLite(path.join(server.dataDir, 'tuanwu.db'));
      try {
        const at = new Date(now - 60 * MINUTE).toISOString();
        db.prepare(
          `insert into volunteer_enrolments (activity_id, person_id, status, signed_up_at, checked_in_at,
             checked_out_at, method, hours_hundredths, created_at, updated_at)
           values (?, ?, 'signed_up', ?, ?, ?, 'qr', 0, ?, ?)`,
        ).run(activity.id, early.id, at, at, at, at, at);
      } finally {
        db.close();
      }

      await page.goto(`${server.baseUrl}/admin/volunteering/activities/${activity.id}`);
      const row = page.getByRole('row', { name: /早退甲/ });
      await expectText(
        row,
        (t) => t.includes('0 小时') && t.includes('扫码'),
        'the early scan shows 0 hours',
      );
      await row.getByRole('button', { name: /更\s?正/ }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: '更正签到签退' });
      await expectText(dialog, (t) => t.includes('扫码记录'), 'the correction shows the scanned times');
      await dialog.locator('#checkedInAt').fill(beijingInput(now - 3 * 60 * MINUTE));
      await dialog.locator('#checkedOutAt').fill(beijingInput(now - 30 * MINUTE));
      await dialog.locator('#reason').fill('误扫签退码，现场签到表为证');
      await screenshot('17-4-correct-scan', page);
      await dialog.getByRole('button', { name: /更\s?正/ }).click();
      await expectText(
        page.locator('.ant-message'),
        (t) => t.includes('已更正，2.5 小时'),
        'the correction is saved',
      );
      await expectText(
        row,
        (t) => t.includes('2.5 小时') && t.includes('误扫签退码'),
        'the row shows the corrected hours and the reason',
      );

      // A walk-in: picked by his 志愿者编号, not a database id.
      await page.getByRole('button', { name: '手工补录' }).click();
      const manual = page.getByRole('dialog').filter({ hasText: '手工补录签到签退' });
      await manual.locator('[data-testid="manual-person"] input').fill(volunteerNo(walkIn.id));
      await (await optionsOf(manual.locator('[data-testid="manual-person"]'), '补录乙')).first().click();
      await manual.locator('#checkedInAt').fill(beijingInput(now - 3 * 60 * MINUTE));
      await manual.locator('#checkedOutAt').fill(beijingInput(now - 30 * MINUTE));
      await manual.locator('#reason').fill('手机没电，现场签到表为证');
      await screenshot('17-4-manual-picker', page);
      await manual.getByRole('button', { name: /补\s?录/ }).click();
      await expectText(
        page.getByRole('row', { name: /补录乙/ }),
        (t) => t.includes('2.5 小时') && t.includes('手工补录'),
        'the walk-in is recorded',
      );
      assert(!(await textOf(page.locator('body'))).includes('人员编号'), 'no database id is asked for');
      await screenshot('17-4-hours-corrected', page);
      await page.context().close();
    },
  },
];
