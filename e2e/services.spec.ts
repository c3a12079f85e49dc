import type { BrowserContext, Page } from 'playwright-core';
import { makeIdNumber } from '../src/lib/id-number.ts';
import { assert, byTestId, expectText, type Journey, optionsOf, pickOption, textOf } from './harness.ts';
import { organiserApi } from './volunteering.spec.ts';

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

/**
 * Picks someone with the shared person picker of a services form by a name typed, and checks what it shows:
 * masked identity numbers only, never a whole one (issue 17, item 12). Returns the name picked.
 */
async function pickPerson(
  page: Page,
  dialog: ReturnType<Page['getByRole']>,
  fieldId: string,
  search: string,
) {
  const picker = dialog.locator(`[data-testid="${fieldId}"]`);
  await picker.click();
  const searched = page.waitForResponse((r) => r.url().includes('/api/people/search') && r.ok());
  await page.keyboard.type(search);
  await searched;
  const options = await optionsOf(picker, search);
  await options.first().waitFor();
  const labels = await options.allInnerTexts();
  for (const label of labels) {
    assert(/\d{4}\*+\w{2}/.test(label), `a picker option without a masked number: ${label}`);
    assert(!/\d{15,}/.test(label), `a picker option shows a whole identity number: ${label}`);
  }
  const label = labels[0]!;
  await options.first().click();
  return label.split('（')[0]!;
}

/** Fills a date picker of the dialog by its field name, and checks it took the day. */
async function fillDate(dialog: ReturnType<Page['getByRole']>, field: string, day: string) {
  const input = dialog.locator(`#${field}`);
  for (let attempt = 0; attempt < 3; attempt++) {
    await input.click();
    await input.fill(day);
    await input.press('Enter');
    if ((await input.inputValue()) === day) return;
  }
  throw new Error(`the date ${day} was not taken by ${field}`);
}

/** Picks an option of the dialog's select by its field name (an option clicked while the popup still opens can be lost). */
async function chooseIn(dialog: ReturnType<Page['getByRole']>, field: string, option: string) {
  const select = dialog.locator(`.ant-select:has(#${field})`);
  for (let attempt = 0; attempt < 3; attempt++) {
    await pickOption(select, new RegExp(`^${option}$`));
    if ((await textOf(select)).includes(option)) return;
  }
  throw new Error(`${option} was not chosen in ${field}`);
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
    name: 'services: a cadre post and an aid grant name their person with the picker, by name, masked numbers only',
    async run({ server, browser, screenshot }) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      try {
        await signIn(context, server.baseUrl, 'donghu_admin');
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        // A day of the past year no earlier run has used for the same post (the post is one per person and day).
        const n = Math.floor(Date.now() / 1000);
        const day = `${new Date().getFullYear() - 1}-0${(n % 9) + 1}-${String((n % 27) + 1).padStart(2, '0')}`;
        await page.goto(`${server.baseUrl}/admin/services`);
        await openTab(page, '团干部');
        await page.getByRole('button', { name: '登记任职' }).click();
        const cadre = page.getByRole('dialog').filter({ hasText: '登记任职' });
        await cadre.waitFor();
        assert(
          (await cadre.getByText(/^(学生)?身份证号$/).count()) === 0,
          'the cadre form still asks for 身份证号',
        );
        const appointed = await pickPerson(page, cadre, 'field-personId', '王');
        await screenshot('17-12-cadre-person-picker', page);
        await chooseIn(cadre, 'title', '委员');
        await chooseIn(cadre, 'mode', '兼职');
        await fillDate(cadre, 'startedOn', day);
        await cadre.getByRole('button', { name: /保\s?存/ }).click();
        await cadre.waitFor({ state: 'hidden' });
        await expectText(
          byTestId(page, 'cadre-table'),
          (t) => t.includes(appointed),
          `the post of ${appointed} listed`,
        );

        await openTab(page, '助学');
        await page.getByRole('button', { name: '发放资助' }).click();
        const grant = page.getByRole('dialog').filter({ hasText: '发放资助' });
        await grant.waitFor();
        assert(
          (await grant.getByText(/^(学生)?身份证号$/).count()) === 0,
          'the grant form still asks for 身份证号',
        );
        const student = await pickPerson(page, grant, 'field-personId', '李');
        await grant.getByLabel('就读学校').fill('东湖县第一中学');
        await grant.getByLabel('资助原因').fill('家庭经济困难');
        await grant.getByLabel('金额').fill('1');
        // Within the list's default period (this year to today); the machine's date is never after Beijing's.
        await fillDate(grant, 'grantedOn', new Date().toISOString().slice(0, 10));
        await screenshot('17-12-grant-person-picker', page);
        await grant.getByRole('button', { name: /保\s?存/ }).click();
        await grant.waitFor({ state: 'hidden' });
        await expectText(
          byTestId(page, 'grant-table'),
          (t) => t.includes(student),
          `the grant to ${student} listed`,
        );
        await screenshot('17-12-grant-saved', page);
      } catch (error) {
        // The journey's own window, which the runner's failure screenshot (of its shared page) does not show.
        for (const p of context.pages()) await screenshot('FAILED-17-12-services', p).catch(() => undefined);
        throw error;
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'services: a counsellor and an internship student are picked by name, not typed as 18 digits',
    async run({ server, browser, screenshot }) {
      // Someone no earlier run has registered (a setup step through the API), and a post with a free slot.
      const n = Math.floor(Date.now() / 1000);
      const year = new Date().getFullYear();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      try {
        const api = await organiserApi(context.request, server.baseUrl, 'city_admin', PASSWORD);
        const me = await api.get<{ user: { org: { code: string } } }>('/api/auth/me');
        const register = (name: string, salt: number) =>
          api.post('/api/people', {
            idNumber: makeIdNumber('419801', `1998-0${(n % 9) + 1}-1${n % 10}`, (n + salt) % 1000),
            name,
            politicalStatus: 'masses',
          });
        const counsellorName = `咨询${n % 100_000}`;
        const studentName = `实习${n % 100_000}`;
        await register(counsellorName, 1);
        await register(studentName, 2);
        const postTitle = `基层实习${n % 100_000}`;
        await api.post('/api/internships/posts', {
          title: postTitle,
          employer: '团市委办公室',
          program: '大学生向基层报到',
          slots: 1,
          startsOn: `${year}-01-02`,
          orgCode: me.user.org.code,
        });
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        await page.goto(`${server.baseUrl}/admin/services`);

        await openTab(page, '心理健康');
        await page.getByRole('button', { name: '登记咨询师' }).click();
        const counsellor = page.getByRole('dialog').filter({ hasText: '登记心理咨询师' });
        await counsellor.waitFor();
        assert(
          (await counsellor.getByText(/^身份证号$/).count()) === 0,
          'the counsellor form still asks for 身份证号',
        );
        const picked = await pickPerson(page, counsellor, 'field-personId', counsellorName);
        assert(picked === counsellorName, `picked ${picked}, not ${counsellorName}`);
        await counsellor.getByLabel('证书名称').fill('心理咨询师（三级）');
        await counsellor.getByLabel('证书编号').fill(`XL${n}`);
        await fillDate(counsellor, 'joinedOn', `${year}-01-02`);
        await screenshot('17-12-counsellor-person-picker', page);
        await counsellor.getByRole('button', { name: /保\s?存/ }).click();
        await counsellor.waitFor({ state: 'hidden' });
        await expectText(
          byTestId(page, 'counsellor-table'),
          (t) => t.includes(counsellorName),
          `the counsellor ${counsellorName} listed`,
        );

        await openTab(page, '实习');
        const postRow = byTestId(page, 'internship-post-table').getByRole('row', {
          name: new RegExp(postTitle),
        });
        await postRow.getByRole('button', { name: '安排学生' }).click();
        const placing = page.getByRole('dialog').filter({ hasText: '安排学生' });
        await placing.waitFor();
        await pickPerson(page, placing, 'field-personId', studentName);
        await screenshot('17-12-placement-person-picker', page);
        await placing.getByRole('button', { name: /保\s?存/ }).click();
        await placing.waitFor({ state: 'hidden' });
        await expectText(
          byTestId(page, 'placement-table'),
          (t) => t.includes(studentName) && t.includes(postTitle),
          `the placement of ${studentName} listed`,
        );
        await screenshot('17-12-placement-saved', page);
      } catch (error) {
        for (const p of context.pages()) await screenshot('FAILED-17-12-pickers', p).catch(() => undefined);
        throw error;
      } finally {
        await context.close();
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
