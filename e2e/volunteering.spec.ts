import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { APIRequestContext, BrowserContext } from 'playwright-core';
import { makeIdNumber } from '../src/lib/id-number.ts';
import { assert, byTestId, expectText, type Journey } from './harness.ts';

const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
};

/** The organiser's side through the API: his session and CSRF token. */
export async function organiserApi(
  request: APIRequestContext,
  baseUrl: string,
  username: string,
  password: string,
) {
  const res = await request.post(`${baseUrl}/api/auth/login`, { data: { username, password } });
  assert(res.ok(), `the organiser could not log in: ${res.status()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  return {
    async get<T>(url: string): Promise<T> {
      const r = await request.get(`${baseUrl}${url}`);
      assert(r.ok(), `GET ${url}: ${r.status()} ${await r.text()}`);
      return (await r.json()) as T;
    },
    async post<T>(url: string, data: object = {}): Promise<T> {
      const r = await request.post(`${baseUrl}${url}`, { data, headers });
      assert(r.ok(), `POST ${url}: ${r.status()} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}

async function noSidewaysScroll(context: BrowserContext, what: string) {
  for (const page of context.pages()) {
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert(width <= 391, `${what} scrolls sideways on a phone: ${width}px`);
  }
}

export const volunteeringJourneys: Journey[] = [
  {
    name: 'volunteering on a phone: sign up, QR check-in and check-out, confirmation, hours, certificate',
    async run({ server, browser, screenshot, log }) {
      const staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const young = await browser.newContext(PHONE);
      try {
        const org = server.rootOrg.code;
        const api = await organiserApi(
          staff.request,
          server.baseUrl,
          server.login.username,
          server.login.password,
        );
        const suffix = String(Date.now() % 100000).padStart(5, '0');
        const phoneNo = `136${suffix}001`.slice(0, 11);
        const name = '陈志愿';

        // 1. He is on file (only a person on file may register), and opens his account from the county's link.
        const idNumber = makeIdNumber('419901', '2008-04-05', Number(suffix) % 900);
        await api.post('/api/people', { idNumber, name, politicalStatus: 'masses', orgCode: org });
        const phone = await young.newPage();
        phone.setDefaultTimeout(20_000);
        await phone.goto(`${server.baseUrl}/admin/v/register?org=${encodeURIComponent(org)}`);
        await phone.locator('#name').fill(name);
        await phone.locator('#idNumber').fill(idNumber);
        await phone.locator('#phone').fill(phoneNo);
        await phone.locator('#password').fill('young-pass-1');
        await phone.getByText('我已阅读并同意《个人信息保护告知》').click();
        await phone.getByRole('button', { name: /注\s*册/ }).click();
        await expectText(phone.locator('body'), (t) => t.includes('注册已提交'), 'the registration is filed');
        await screenshot('volunteering-01-register-phone', phone);

        // 2. The organiser confirms him and publishes an activity under way now.
        const pending = await api.get<{ items: { id: number; name: string }[] }>(
          `/api/volunteering/registrations?status=pending`,
        );
        const reg = pending.items.find((r) => r.name === name);
        assert(reg, 'the registration is listed for the organiser');
        await api.post(`/api/volunteering/registrations/${reg.id}/confirm`);
        const now = Date.now();
        const activity = await api.post<{ id: number; title: string }>('/api/volunteering/activities', {
          orgCode: org,
          title: `河道清洁志愿服务${suffix}`,
          category: '生态环保',
          place: '滨河公园',
          startsAt: new Date(now - 30 * 60_000).toISOString(),
          endsAt: new Date(now + 2 * 3_600_000).toISOString(),
          capacity: 30,
        });

        // 3. He signs in on his phone and signs up.
        await phone.goto(`${server.baseUrl}/admin/login`);
        await phone.getByPlaceholder('用户名', { exact: true }).fill(phoneNo);
        await phone.getByPlaceholder('密码', { exact: true }).fill('young-pass-1');
        await phone.getByPlaceholder('密码', { exact: true }).press('Enter');
        await phone.waitForURL(/\/admin\/?$/);
        await phone.goto(`${server.baseUrl}/admin/my-volunteering`);
        const item = byTestId(phone, 'open-activities').locator('.ant-list-item', {
          hasText: activity.title,
        });
        await item.getByRole('button', { name: /报\s*名/ }).click();
        await expectText(item, (t) => t.includes('取消报名'), 'the activity shows him signed up');
        await noSidewaysScroll(young, 'my volunteering page');
        await screenshot('volunteering-02-signed-up-phone', phone);

        // 4. The phone camera opens the link in the organiser's check-in QR code.
        const qrIn = await api.get<{ url: string }>(
          `/api/volunteering/activities/${activity.id}/qr?action=in`,
        );
        await phone.goto(qrIn.url.replace(/^https?:\/\/[^/]+/, server.baseUrl));
        await expectText(phone.locator('body'), (t) => t.includes('签到成功'), 'the check-in succeeds');
        await screenshot('volunteering-03-checked-in-phone', phone);

        // Two hours of service pass: move the recorded check-in back, as the clock would have.
        const db = new SQLite(path.join(server.dataDir, 'tuanwu.db'));
        try {
          db.prepare('update volunteer_enrolments set checked_in_at = ? where activity_id = ?').run(
            new Date(now - 2 * 3_600_000).toISOString(),
            activity.id,
          );
        } finally {
          db.close();
        }
        const qrOut = await api.get<{ url: string }>(
          `/api/volunteering/activities/${activity.id}/qr?action=out`,
        );
        await phone.goto(qrOut.url.replace(/^https?:\/\/[^/]+/, server.baseUrl));
        await expectText(
          phone.locator('body'),
          (t) => t.includes('签退成功') && t.includes('2 小时'),
          'the check-out counts 2 hours',
        );
        await phone.goto(`${server.baseUrl}/admin/my-volunteering`);
        await expectText(
          byTestId(phone, 'my-hours'),
          (t) => /年已确认时长\s*0/.test(t),
          'unconfirmed hours do not count yet',
        );

        // 5. The organiser confirms on the activity's page.
        const desk = await staff.newPage();
        desk.setDefaultTimeout(20_000);
        await desk.goto(`${server.baseUrl}/admin/volunteering/activities/${activity.id}`);
        const row = desk.locator('tr.ant-table-row', { hasText: name });
        await expectText(row, (t) => t.includes('待确认'), 'the attendance awaits confirmation');
        await byTestId(desk, 'qr-svg').waitFor();
        await row.locator('input[type="checkbox"]').check();
        await byTestId(desk, 'confirm-hours').click();
        await desk
          .locator('.ant-modal-confirm')
          .getByRole('button', { name: /确\s*定|OK/ })
          .click();
        await expectText(row, (t) => t.includes('已确认'), 'the attendance is confirmed');
        await screenshot('volunteering-04-confirmed-desk', desk);

        // 6. He sees his hours and downloads his certificate.
        await phone.reload();
        await expectText(
          byTestId(phone, 'my-hours'),
          (t) => /年已确认时长\s*2/.test(t),
          'his confirmed hours show',
        );
        await phone.getByRole('button', { name: '出具本年度证明' }).click();
        const cert = byTestId(phone, 'certificates').locator('.ant-list-item', { hasText: 'ZM' }).first();
        await cert.waitFor();
        const [download] = await Promise.all([
          phone.waitForEvent('download'),
          cert.getByRole('button', { name: '下载PDF' }).click(),
        ]);
        const file = await download.path();
        const { statSync, readFileSync } = await import('node:fs');
        assert(file && statSync(file).size > 1000, 'the certificate PDF downloads');
        assert(readFileSync(file).subarray(0, 5).toString() === '%PDF-', 'the download is a PDF');
        log(`certificate ${download.suggestedFilename()} (${statSync(file).size} bytes)`);
        await noSidewaysScroll(young, 'my volunteering page with a certificate');
        await screenshot('volunteering-05-hours-and-certificate-phone', phone);
      } finally {
        await young.close();
        await staff.close();
      }
    },
  },
  {
    name: 'volunteering desk: statistics by month and category, with the per-person evidence',
    async run({ server, browser, screenshot }) {
      const staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      try {
        await organiserApi(staff.request, server.baseUrl, server.login.username, server.login.password);
        const desk = await staff.newPage();
        desk.setDefaultTimeout(20_000);
        await desk.goto(`${server.baseUrl}/admin/volunteering`);
        await desk.getByRole('tab', { name: '统计' }).click();
        await desk.locator('canvas').first().waitFor();
        await screenshot('volunteering-06-stats-desk', desk);
        await desk
          .locator('.ant-card', { hasText: '按志愿者' })
          .locator('tr.ant-table-row button')
          .first()
          .click();
        await expectText(
          desk.locator('.ant-drawer'),
          (t) => t.includes('签到') && t.includes('确认'),
          'the drawer shows the evidence',
        );
        await screenshot('volunteering-07-evidence-desk', desk);
      } finally {
        await staff.close();
      }
    },
  },
];
