/**
 * Issue 17, item 8: school staff (dh_school) and the aid officer read no roll. Their menu has no 人员, 推优入团,
 * 推优入党 or 团员管理, and 服务台账 shows no ledger but 助学 (the aid officer's: no cadre roster, no internship
 * applicants); each does his own work and names the person it is about by the whole name or 证件号码, as on a
 * 签到表 or a 资助申请表 (POST /api/people/lookup); a part of a name finds no one.
 */
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { assert, byTestId, expectText, type Journey, optionsOf } from './harness.ts';
import type { Server } from './server.ts';

async function signedIn(browser: Browser, server: Server, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const login = await context.request.post(`${server.baseUrl}/api/auth/login`, {
    data: { username, password: DEMO_PASSWORD },
  });
  assert(login.ok(), `${username} could not log in: ${login.status()}`);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** The menu's entries as the user sees them, after the home page has loaded. */
async function menuOf(page: Page, server: Server): Promise<string[]> {
  await page.goto(`${server.baseUrl}/admin/`);
  const menu = page.locator('.ant-layout-sider .ant-menu');
  await menu.locator('.ant-menu-item').first().waitFor();
  // The workbench's figures loaded, so the screenshot shows the page the user lands on.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  return (await menu.locator('.ant-menu-item').allInnerTexts()).map((t) => t.split('\n')[0]!.trim());
}

const NOT_THEIRS = ['人员', '推优入团', '推优入党', '团员管理'];

/** 服务台账's ledgers a clerk does not read: the cadre roster and the internship applicants among them. */
const LEDGERS = ['/api/cadres', '/api/internships/posts', '/api/venues', '/api/funds'];

/**
 * Types into the picker and returns its options once the lookup has answered; the picker never asks the people
 * search, which these roles may not call.
 */
async function lookUp(page: Page, picker: ReturnType<Page['locator']>, typed: string) {
  await picker.click();
  const answered = page.waitForResponse((r) => r.url().includes('/api/people/lookup'));
  await page.keyboard.type(typed);
  const res = await answered;
  assert(res.ok(), `the lookup answered ${res.status()}`);
  await page.waitForTimeout(300);
  return optionsOf(picker);
}

async function clearPicker(page: Page) {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Escape');
}

/** A person of 东湖县 with his whole number, as the county admin sees him (the reveal is audited). */
async function personOfCounty(browser: Browser, server: Server) {
  const admin = await signedIn(browser, server, 'donghu_admin');
  try {
    const request = admin.context().request;
    const me = await (await request.get(`${server.baseUrl}/api/auth/me`)).json();
    const list = await (
      await request.get(`${server.baseUrl}/api/people?pageSize=50&politicalStatus=league_member`)
    ).json();
    const person = (list.items as { id: number; name: string }[]).find((p) => p.name.length >= 2)!;
    const revealed = await request.post(`${server.baseUrl}/api/people/${person.id}/reveal-id`, {
      headers: { 'x-csrf-token': me.csrfToken },
    });
    assert(revealed.ok(), `reveal: ${revealed.status()}`);
    return { id: person.id, name: person.name, idNumber: (await revealed.json()).idNumber as string };
  } finally {
    await admin.context().close();
  }
}

/** A lookup-only caller's picker sends the lookup's signed reference, never the person's id (person-ref.ts). */
function assertNamedByRef(named: { personId?: number; personRef?: string }, what: string) {
  assert(
    typeof named.personRef === 'string' && named.personId === undefined,
    `${what} named its person by ${JSON.stringify(named)}`,
  );
}

async function csrfOf(page: Page, server: Server): Promise<string> {
  return (await (await page.context().request.get(`${server.baseUrl}/api/auth/me`)).json()).csrfToken;
}

export const clerksJourneys: Journey[] = [
  {
    name: 'clerks: school staff and the aid officer see no roll and name their person by whole name or 证件号码',
    async run({ server, browser, screenshot }) {
      const person = await personOfCounty(browser, server);
      const school = await signedIn(browser, server, 'dh_school');
      try {
        const menu = await menuOf(school, server);
        await screenshot('17-8-dh_school-menu', school);
        for (const entry of NOT_THEIRS) assert(!menu.includes(entry), `dh_school's menu shows ${entry}`);
        assert(menu.includes('团校团课'), `dh_school's menu lacks 团校团课: ${menu.join('、')}`);
        assert(!menu.includes('服务台账'), `dh_school's menu shows 服务台账: ${menu.join('、')}`);
        const people = await school.context().request.get(`${server.baseUrl}/api/people`);
        assert(people.status() === 403, `dh_school reads the people list: ${people.status()}`);
        for (const url of LEDGERS) {
          const res = await school.context().request.get(`${server.baseUrl}${url}`);
          assert(res.status() === 403, `dh_school reads ${url}: ${res.status()}`);
        }
        await school.goto(`${server.baseUrl}/admin/people`);
        await school.getByText('无权访问').waitFor();

        await school.goto(`${server.baseUrl}/admin/classes`);
        await school.getByRole('button', { name: '登记团课' }).waitFor();
        await byTestId(school, 'classes-list').locator('[data-testid="class-link"]').first().click();
        const picker = byTestId(school, 'attendance-person');
        await picker.waitFor();
        // A part of a name is no one's: the picker lists nobody and says what to type.
        const partial = await lookUp(school, picker, person.name.slice(0, 1));
        assert((await partial.count()) === 0, 'a part of a name found someone');
        await school.getByText('没有找到：请输入完整姓名或完整证件号码').waitFor();
        await screenshot('17-8-dh_school-partial-name', school);
        await clearPicker(school);
        const byName = await lookUp(school, picker, person.name);
        await byName.first().waitFor();
        for (const label of await byName.allInnerTexts()) {
          assert(label.startsWith(person.name), `the whole name found someone else: ${label}`);
          assert(/\d{4}\*+\w{2}/.test(label) && !/\d{15,}/.test(label), `not masked: ${label}`);
        }
        await screenshot('17-8-dh_school-whole-name', school);
        await clearPicker(school);
        const byNumber = await lookUp(school, picker, person.idNumber);
        assert((await byNumber.count()) === 1, 'the 证件号码 should find exactly one person');
        await byNumber.first().click();
        // A reference the server refuses is told on 学员 itself (as on the aid form below).
        await school.route(
          '**/attendance',
          async (route) => {
            const body = route.request().postDataJSON();
            const records = body.records.map((r: object) => ({ ...r, personRef: 'stale' }));
            await route.continue({ postData: JSON.stringify({ ...body, records }) });
          },
          { times: 1 },
        );
        await byTestId(school, 'attendance-save').click();
        await expectText(
          school.locator('.ant-form-item').filter({ has: picker }).locator('.ant-form-item-explain-error'),
          (t) => t.includes('人员凭据无效'),
          'the refused reference shown on 学员',
        );
        const sent = school.waitForRequest((r) => r.method() === 'PUT' && r.url().includes('/attendance'));
        await byTestId(school, 'attendance-save').click();
        assertNamedByRef((await sent).postDataJSON().records[0], 'the attendance');
        await expectText(
          byTestId(school, 'attendance-list'),
          (t) => t.includes(person.name),
          `${person.name} in the attendance list`,
        );
        await screenshot('17-8-dh_school-attendance', school);
        // Walking ids through the write reads no one: each raw id is refused and the register is unchanged.
        const classUrl = `${server.baseUrl}/api/classes/${school.url().split('/').pop()}`;
        const register = async () => (await (await school.context().request.get(classUrl)).json()).attendance;
        const before = JSON.stringify(await register());
        const csrf = await csrfOf(school, server);
        for (const personId of [person.id + 1, person.id + 2, 1]) {
          const res = await school.context().request.put(`${classUrl}/attendance`, {
            data: { records: [{ personId, result: 'passed' }] },
            headers: { 'x-csrf-token': csrf },
          });
          assert(res.status() === 403, `dh_school wrote attendance by raw id ${personId}: ${res.status()}`);
        }
        assert(JSON.stringify(await register()) === before, 'the register changed under raw ids');
      } finally {
        await school.context().close();
      }

      const aid = await signedIn(browser, server, 'aid_officer');
      try {
        const menu = await menuOf(aid, server);
        await screenshot('17-8-aid_officer-menu', aid);
        for (const entry of [...NOT_THEIRS, '团校团课'])
          assert(!menu.includes(entry), `aid_officer's menu shows ${entry}`);
        for (const url of [
          '/api/people/export',
          '/api/admissions',
          '/api/party-recommendations',
          ...LEDGERS,
        ]) {
          const res = await aid.context().request.get(`${server.baseUrl}${url}`);
          assert(res.status() === 403, `aid_officer reads ${url}: ${res.status()}`);
        }
        await aid.goto(`${server.baseUrl}/admin/services`);
        const tabs = byTestId(aid, 'services-tabs').locator('.ant-tabs-tab');
        await tabs.first().waitFor();
        const shown = (await tabs.allInnerTexts()).map((t) => t.trim());
        assert(shown.join('、') === '助学', `the aid officer's 服务台账 shows ${shown.join('、')}`);
        await byTestId(aid, 'services-tabs')
          .locator('.ant-tabs-tab')
          .filter({ hasText: '助学' })
          .first()
          .click();
        await aid.getByRole('button', { name: '发放资助' }).click();
        const grant = aid.getByRole('dialog').filter({ hasText: '发放资助' });
        await grant.waitFor();
        const picker = grant.locator('[data-testid="field-personId"]');
        const found = await lookUp(aid, picker, person.idNumber);
        assert((await found.count()) === 1, 'the 证件号码 should find exactly one student');
        await found.first().click();
        await grant.getByLabel('就读学校').fill('东湖县第一中学');
        await grant.getByLabel('资助原因').fill('家庭经济困难');
        await grant.getByLabel('金额').fill('1');
        const input = grant.locator('#grantedOn');
        await input.click();
        await input.fill(new Date().toISOString().slice(0, 10));
        await input.press('Enter');
        await screenshot('17-8-aid_officer-grant', aid);
        // A reference the server refuses (stale after 2 hours, here altered on its way) is told on 受助学生
        // itself, where he picks again, not in a banner naming personRef.
        await aid.route(
          '**/api/aid/grants',
          async (route) => {
            const tampered = { ...route.request().postDataJSON(), personRef: 'stale' };
            await route.continue({ postData: JSON.stringify(tampered) });
          },
          { times: 1 },
        );
        await grant.getByRole('button', { name: /保\s?存/ }).click();
        const student = grant
          .locator('.ant-form-item')
          .filter({ has: aid.locator('[data-testid="field-personId"]') });
        await expectText(
          student.locator('.ant-form-item-explain-error'),
          (t) => t.includes('人员凭据无效'),
          'the refused reference shown on 受助学生',
        );
        assert(
          (await grant.getByText('personRef').count()) === 0,
          'the refusal names the field personRef to the user',
        );
        await screenshot('17-8-aid_officer-grant-stale-ref', aid);
        const sent = aid.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/aid/grants'));
        await grant.getByRole('button', { name: /保\s?存/ }).click();
        const body = (await sent).postDataJSON();
        assertNamedByRef(body, 'the grant');
        await grant.waitFor({ state: 'hidden' });
        const { personRef: _, ...rest } = body;
        const raw = await aid.context().request.post(`${server.baseUrl}/api/aid/grants`, {
          data: { ...rest, personId: person.id },
          headers: { 'x-csrf-token': await csrfOf(aid, server) },
        });
        assert(raw.status() === 403, `aid_officer granted by raw id: ${raw.status()}`);
        await expectText(
          byTestId(aid, 'grant-table'),
          (t) => t.includes(person.name),
          `the grant to ${person.name} listed`,
        );
      } finally {
        await aid.context().close();
      }
    },
  },
];
