import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { makeIdNumber } from '../src/lib/id-number.ts';
import { assert, byTestId, expectText, type Journey, pickOption, signIn, textOf } from './harness.ts';
import { artifacts } from './server.ts';
import { organiserApi } from './volunteering.spec.ts';

const PHONE = { width: 390, height: 844 };
/** Today in Beijing as YYYY-MM-DD (journeys may run across midnight there). */
const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A 17-year-old put on file in 东湖县 by its admin, with a phone no account uses yet. */
async function minorOnFile(request: APIRequestContext, baseUrl: string) {
  const admin = await organiserApi(request, baseUrl, 'donghu_admin', DEMO_PASSWORD);
  const today = beijingToday();
  const birth = `${Number(today.slice(0, 4)) - 17}-${today.slice(5) === '02-29' ? '02-28' : today.slice(5)}`;
  const n = Date.now();
  // A region code the demo's people do not use: their numbers fill 419801's sequences for some birth dates.
  const idNumber = makeIdNumber('419899', birth, n % 900);
  await admin.post('/api/people', { idNumber, name: '周小满', politicalStatus: 'masses', orgCode: 'DH-A' });
  return { idNumber, phone: `137${String(n % 100_000_000).padStart(8, '0')}` };
}

/** Every field filled and checked: none is left marked in error (a stale message, or a red border without one). */
async function noFieldInError(page: Page) {
  const marked = await page.locator('.ant-form-item-has-error').allInnerTexts();
  assert(marked.length === 0, `fields still marked in error: ${marked.join(' | ')}`);
}

/**
 * Issue 17, items 9 and 10: the organiser hands out the county's registration link and QR; a 17-year-old opens
 * it on a phone, reads the privacy notice, and cannot register without his guardian's consent; signing in before
 * the organiser confirms says the account is pending. The student's certificate names the organising unit and
 * its QR opens a public page that shows only what proves the paper genuine.
 */
export const volunteerPaperJourneys: Journey[] = [
  {
    name: 'volunteer papers: the organiser hands out the registration link and QR and sees a minor\u2019s guardian',
    async run({ server, browser, screenshot }) {
      const organiser = await signIn(browser, server.baseUrl, 'volunteer_org');
      const { idNumber, phone } = await minorOnFile(organiser.request, server.baseUrl);
      const reg = await organiser.request.post(`${server.baseUrl}/public/volunteering/register`, {
        data: {
          orgCode: 'DH-A',
          idNumber,
          name: '周小满',
          phone,
          password: 'Qingnian-2026!x',
          privacyAccepted: true,
          guardianName: '周大海',
          guardianPhone: '13700000061',
          guardianConsent: true,
        },
      });
      assert(reg.status() === 201, `registered: ${reg.status()} ${await reg.text()}`);
      await organiser.goto(`${server.baseUrl}/admin/volunteering?tab=registrations`);
      const card = byTestId(organiser, 'registration-link');
      await card.waitFor();
      await byTestId(organiser, 'registration-qr').locator('canvas').waitFor();
      const link = await card.getByRole('textbox', { name: '注册链接' }).inputValue();
      assert(link.endsWith('/admin/v/register?org=DH-A'), `the county's link: ${link}`);
      const row = organiser.getByRole('row', { name: new RegExp(phone.slice(-4)) }).first();
      await expectText(
        row,
        (t) => t.includes('未成年') && t.includes('周大海') && t.includes('137****0061'),
        'the organiser sees the guardian',
      );
      await screenshot('17-9-registration-link', organiser);
      await organiser.context().close();
    },
  },
  {
    name: 'volunteer papers: a minor registers on a phone with his guardian and is told his account is pending',
    async run({ server, browser, screenshot }) {
      const context = await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      const { idNumber, phone } = await minorOnFile(context.request, server.baseUrl);
      await context.clearCookies(); // the young person is not the admin who put him on file
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${server.baseUrl}/admin/v/register?org=DH-A`);
      await byTestId(page, 'privacy-notice').waitFor();
      await page.getByLabel('姓名', { exact: true }).fill('周小满');
      await page.getByLabel('证件号码', { exact: true }).fill(idNumber);
      await page.getByLabel('手机号（登录用）').fill(phone);
      await page.getByLabel('密码', { exact: true }).fill('Qingnian-2026!x');
      const guardian = byTestId(page, 'guardian');
      await guardian.waitFor();
      await page.getByText('我已阅读并同意《个人信息保护告知》').click();
      const submit = page.locator('button[type="submit"]');
      await submit.click();
      await expectText(guardian, (t) => t.includes('请填写监护人姓名'), 'the guardian is required under 18');
      await page.getByLabel('监护人姓名').fill('周大海');
      await page.getByLabel('监护人手机号').fill('13700000061');
      await page.getByText(/我是其监护人/).click();
      await screenshot('17-9-register-phone-guardian', page);
      await noFieldInError(page);
      await submit.click();
      await expectText(page.locator('body'), (t) => t.includes('注册已提交'), 'the registration is taken');

      await page.goto(`${server.baseUrl}/admin/login`);
      await page.getByPlaceholder('用户名', { exact: true }).fill(phone);
      await page.getByPlaceholder('密码', { exact: true }).fill('Qingnian-2026!x');
      await byTestId(page, 'login-submit').click();
      await expectText(
        byTestId(page, 'login-error'),
        (t) => t.includes('账号待组织者确认'),
        'a pending registrant is told he waits for the organiser',
      );
      await screenshot('17-9-pending-login-phone', page);
      await context.close();
    },
  },
  {
    name: 'volunteer papers: a 16-year-old passport holder registers on a phone, 性别 and 出生日期 typed, with his guardian',
    async run({ server, browser, screenshot }) {
      const context = await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      // On file in 东湖县 by his passport (the admin's setup step), with a phone no account uses yet.
      const admin = await organiserApi(context.request, server.baseUrl, 'donghu_admin', DEMO_PASSWORD);
      const today = beijingToday();
      const birth = `${Number(today.slice(0, 4)) - 16}-${today.slice(5) === '02-29' ? '02-28' : today.slice(5)}`;
      const n = Date.now();
      const passport = `G${String(Math.floor(n / 1000) % 100_000_000).padStart(8, '0')}`;
      const phone = `136${String(n % 100_000_000).padStart(8, '0')}`;
      await admin.post('/api/people', {
        idType: 'passport',
        idNumber: passport,
        name: '林安迪',
        gender: '男',
        birthDate: birth,
        politicalStatus: 'masses',
        orgCode: 'DH-A',
      });
      await context.clearCookies();
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${server.baseUrl}/admin/v/register?org=DH-A`);
      await byTestId(page, 'privacy-notice').waitFor();
      await page.getByLabel('姓名', { exact: true }).fill('林安迪');
      await pickOption(byTestId(page, 'register-id-type'), '护照');
      await page.getByLabel('证件号码', { exact: true }).fill(passport.toLowerCase());
      await page.getByLabel('手机号（登录用）').fill(phone);
      await page.getByLabel('密码', { exact: true }).fill('Qingnian-2026!x');
      await page.getByText('我已阅读并同意《个人信息保护告知》').click();
      const submit = page.locator('button[type="submit"]');
      await submit.click();
      await expectText(
        page.locator('form'),
        (t) => t.includes('持护照登记须填写性别') && t.includes('持护照登记须填写出生日期'),
        'a passport holder is asked for 性别 and 出生日期',
      );
      assert((await byTestId(page, 'guardian').count()) === 0, 'no guardian asked before a birth date');
      await pickOption(byTestId(page, 'register-gender'), '男');
      const date = page.getByLabel('出生日期', { exact: true });
      await date.click();
      await date.fill(birth);
      await date.press('Enter');
      const guardian = byTestId(page, 'guardian');
      await guardian.waitFor(); // 16 by the date he typed: the guardian's part appears, whatever the document
      await page.getByLabel('监护人姓名').fill('林大伟');
      await page.getByLabel('监护人手机号').fill('13700000062');
      await page.getByText(/我是其监护人/).click();
      await screenshot('17-9-register-phone-passport', page);
      await noFieldInError(page);
      await submit.click();
      await expectText(
        page.locator('body'),
        (t) => t.includes('注册已提交'),
        'the passport holder is registered',
      );
      await screenshot('17-9-register-phone-passport-done', page);
      await context.close();

      // The organiser sees which document it is, masked.
      const organiser = await signIn(browser, server.baseUrl, 'volunteer_org');
      await organiser.goto(`${server.baseUrl}/admin/volunteering?tab=registrations`);
      const row = organiser.getByRole('row', { name: new RegExp(phone.slice(-4)) }).first();
      await expectText(
        row,
        (t) => t.includes('护照') && t.includes(`G************${passport.slice(-2)}`) && t.includes('林大伟'),
        'the organiser sees the passport, masked, and the guardian',
      );
      assert(!(await textOf(row)).includes(passport), 'the passport number is masked');
      await screenshot('17-9-registration-passport-row', organiser);
      await organiser.context().close();
    },
  },
  {
    name: 'volunteer papers: the student\u2019s certificate names its issuer and its QR opens the public check',
    async run({ server, browser, screenshot }) {
      const student = await signIn(browser, server.baseUrl, 'student', PHONE);
      const api = await organiserApi(student.request, server.baseUrl, 'student', DEMO_PASSWORD);
      const today = beijingToday();
      const from = `${Number(today.slice(0, 4)) - 1}-${today.slice(5) === '02-29' ? '02-28' : today.slice(5)}`;
      const cert = await api.post<{ number: string; issuerName: string; contact: string; hours: number }>(
        '/api/volunteering/me/certificates',
        { from, to: today },
      );
      assert(cert.hours >= 100, `the demo student is past 100 hours: ${cert.hours}`);
      assert(/团/.test(cert.issuerName), `issued by a league organisation: ${cert.issuerName}`);
      assert(!/^\d+\.\d{3,}/.test(String(cert.hours)), `hours rounded: ${cert.hours}`);
      const pdf = await student.request.get(
        `${server.baseUrl}/api/volunteering/certificates/${cert.number}/pdf`,
      );
      if (pdf.ok()) writeFileSync(path.join(artifacts, '17-10-certificate.pdf'), await pdf.body());
      await student.goto(`${server.baseUrl}/admin/volunteering/certificates/${cert.number}`);
      await expectText(student.locator('body'), (t) => t.includes(cert.issuerName), 'the certificate page');

      const check = await browser.newContext({ viewport: PHONE, isMobile: true, locale: 'zh-CN' });
      const page = await check.newPage();
      await page.goto(`${server.baseUrl}/volunteer-certificates/${cert.number}`);
      const text = await textOf(page.locator('body'));
      assert(text.includes('该证明真实有效') && text.includes(cert.issuerName), `the public check: ${text}`);
      assert(
        !text.includes('身份证') && !text.includes('志愿者编号'),
        `no identity on the public check: ${text}`,
      );
      await screenshot('17-10-verify-phone', page);
      await check.close();
      await student.context().close();
    },
  },
];
