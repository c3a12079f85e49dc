import type { Page } from 'playwright-core';
import { assert, byTestId, expectText, type Journey, textOf } from './harness.ts';

/** The demo's applicant who lacks one 团课 (src/demo/admission.ts). */
const APPLICANT = '林晓雨';

function shanghaiDay(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function conditionMet(page: Page, key: string): Promise<string | null> {
  return byTestId(page, `condition-${key}`).getAttribute('data-met');
}

/** Polls the check until it holds or the deadline passes; says whether it held. */
async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Picks options of an Ant Design select inside a form item by typing and clicking the first matches. */
async function pick(page: Page, testId: string, query: string, count: number) {
  const field = page
    .locator('.ant-form-item')
    .filter({ has: byTestId(page, testId) })
    .first();
  const chosen = field.locator('.ant-select-selection-item');
  const before = await chosen.count();
  const dropdown = page.locator('.ant-select-dropdown:visible').first();
  // A multiple select may close or re-render between choices: pick until the field holds them all.
  // A single select shows the typed text, not a chosen item, until it closes: one click is the choice.
  const done = async () => (count === 1 ? tries > 0 : (await chosen.count()) >= before + count);
  let tries = 0;
  for (; tries < count + 4 && !(await done()); tries++) {
    if (!(await dropdown.isVisible())) {
      await byTestId(page, testId).click();
      if (query) await page.keyboard.type(query);
    }
    const option = dropdown
      .locator('.ant-select-item-option:not(.ant-select-item-option-selected)')
      .filter({ hasText: query })
      .first();
    await option.waitFor();
    const had = await chosen.count();
    await option.click();
    // The click is taken when the field holds one more choice or the dropdown closes; if neither comes, try again.
    await until(async () => (await chosen.count()) > had || !(await dropdown.isVisible()), 5_000);
  }
  assert(await done(), `could not choose ${count} in ${testId}`);
  // Escape would also close a modal around the select: close the dropdown by clicking the form's title instead.
  const title = page.locator('.ant-modal-title');
  if (await title.isVisible()) await title.click();
  else await page.keyboard.press('Escape');
}

/** A branch secretary's screen must not scroll sideways on a 390 px phone. */
async function assertFitsPhone(page: Page, what: string) {
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  assert(width <= 391, `${what} scrolls sideways on a phone: ${width}px`);
}

export const admissionJourneys: Journey[] = [
  {
    name: 'admission: a branch secretary on a phone moves an activist to candidate once the missing 团课 is recorded',
    async run({ server, browser, screenshot }) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      try {
        const login = await context.request.post(`${server.baseUrl}/api/auth/login`, {
          data: { username: 'branch_sec', password: 'Demo@2026' },
        });
        assert(login.ok(), `branch_sec could not log in: ${login.status()}`);
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        await page.goto(`${server.baseUrl}/admin/admission`);
        const activists = byTestId(page, 'stage-activist');
        await expectText(
          activists,
          (t) => t.includes(APPLICANT),
          `the board should list ${APPLICANT} among activists`,
        );
        await expectText(
          byTestId(page, 'admission-reminders'),
          (t) => t.includes('积极分子培养已满3个月'),
          'the board reminds of activists due',
        );
        const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        assert(width <= 391, `the board scrolls sideways on a phone: ${width}px`);
        await screenshot('admission-01-board-phone', page);

        await activists.locator('[data-testid="admission-card"]', { hasText: APPLICANT }).click();
        await expectText(
          byTestId(page, 'applicant-status'),
          (t) => t.includes('积极分子'),
          'the applicant is an activist',
        );
        await byTestId(page, 'condition-class_hours').waitFor();
        assert(
          (await conditionMet(page, 'class_hours')) === 'no',
          'the class-hours condition should fail at first',
        );
        assert((await conditionMet(page, 'volunteer_hours')) === 'yes', 'volunteer hours are met');

        // Try to name him a candidate: refused, with the failing condition named.
        await byTestId(page, 'step-candidate').click();
        await byTestId(page, 'field-publicityTo').fill(shanghaiDay(9));
        await pick(page, 'field-introducers', '', 2);
        await page.locator('.ant-modal-footer .ant-btn-primary').click();
        const refusal = await expectText(
          byTestId(page, 'step-error'),
          (t) => t.includes('团课学习不少于8学时'),
          'the refusal should name the 团课 condition',
        );
        assert(refusal.includes('已合格 6 学时'), `the refusal should say how many hours: ${refusal}`);
        await screenshot('admission-02-refused', page);
        await page.locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary)').click();

        // Record the missing class: the one he has not attended.
        const url = page.url();
        await page.goto(`${server.baseUrl}/admin/classes`);
        await byTestId(page, 'classes-list').locator('[data-testid="class-link"]').first().waitFor();
        await byTestId(page, 'classes-list')
          .locator('[data-testid="class-link"]', { hasText: '团员的权利和义务' })
          .click();
        await byTestId(page, 'attendance-save').waitFor();
        const before = await textOf(byTestId(page, 'attendance-list'));
        assert(!before.includes(APPLICANT), `${APPLICANT} should not be on this class's list yet`);
        await pick(page, 'attendance-person', APPLICANT, 1);
        await byTestId(page, 'attendance-save').click();
        await expectText(
          byTestId(page, 'attendance-list'),
          (t) => t.includes(APPLICANT) && t.includes('合格'),
          'the attendance list shows him as 合格',
        );
        await assertFitsPhone(page, 'the class page');
        await screenshot('admission-03-attendance', page);

        await page.goto(url);
        await byTestId(page, 'condition-class_hours').waitFor();
        await expectText(
          byTestId(page, 'condition-class_hours'),
          (t) => t.includes('已合格 8 学时'),
          'the class hours now count 8',
        );
        assert(
          (await conditionMet(page, 'class_hours')) === 'yes',
          'the class-hours condition should turn green',
        );
        await assertFitsPhone(page, 'the applicant page');
        await screenshot('admission-04-condition-green', page);

        await byTestId(page, 'step-candidate').click();
        await byTestId(page, 'field-publicityTo').fill(shanghaiDay(9));
        await pick(page, 'field-introducers', '', 2);
        await page.locator('.ant-modal-footer .ant-btn-primary').click();
        await expectText(
          byTestId(page, 'applicant-status'),
          (t) => t.includes('发展对象'),
          'he is now a candidate',
        );
        await screenshot('admission-05-candidate', page);
      } catch (error) {
        const open = context.pages()[0];
        if (open) await screenshot('admission-FAILED', open).catch(() => undefined);
        throw error;
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'admission: the county committee sees the board of its subtree, its settings, the league school and 推优入党',
    async run({ server, browser, screenshot }) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      try {
        const login = await context.request.post(`${server.baseUrl}/api/auth/login`, {
          data: { username: 'donghu_admin', password: 'Demo@2026' },
        });
        assert(login.ok(), `donghu_admin could not log in: ${login.status()}`);
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        await page.goto(`${server.baseUrl}/admin/admission`);
        await expectText(
          byTestId(page, 'stage-admitted'),
          (t) => /已入团\s*\d+/.test(t) && t.includes('刘浩然'),
          'the county board shows the admitted',
        );
        await page.getByText('发展团员条件与毕业班比例').click();
        await page.getByText('团课学时（不少于8）').waitFor();
        await screenshot('admission-06-county-board', page);
        await page.goto(`${server.baseUrl}/admin/schools`);
        await page.getByText('共青团东湖县委员会团校').click();
        await page.getByText('团员的权利和义务').first().waitFor();
        await screenshot('admission-07-schools', page);
        await page.goto(`${server.baseUrl}/admin/party`);
        await page.getByText('推优入党台账').first().waitFor();
        await screenshot('admission-08-party', page);
      } catch (error) {
        const open = context.pages()[0];
        if (open) await screenshot('admission-FAILED-county', open).catch(() => undefined);
        throw error;
      } finally {
        await context.close();
      }
    },
  },
];
