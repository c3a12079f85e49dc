import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { assert, byTestId, expectText, type Journey, textOf } from './harness.ts';
import type { Server } from './server.ts';
import { organiserApi } from './volunteering.spec.ts';

/**
 * 待办 per role (issue 15): each demo account signs in on the login form, lands on its to-do centre, sees the
 * demo's waiting work with counts that match the page a click leads to, does one task there, and finds it
 * gone from the list.
 */
const PASSWORD = 'Demo@2026';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

function shanghaiDay(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function signIn(browser: Browser, server: Server, username: string, phone = false) {
  const context = await browser.newContext({
    ...(phone ? PHONE : { viewport: { width: 1366, height: 900 } }),
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${server.baseUrl}/admin/login`);
  await page.getByPlaceholder('用户名', { exact: true }).fill(username);
  await page.getByPlaceholder('密码', { exact: true }).fill(PASSWORD);
  await byTestId(page, 'login-submit').click();
  await byTestId(page, 'user-menu').waitFor();
  return { context, page };
}

/** The count the to-do centre shows for a kind, or 0 when the kind is not listed. */
async function countOf(page: Page, kind: string): Promise<number> {
  await byTestId(page, 'todo-list').waitFor();
  await page.locator('[data-testid="todo-list"] .ant-spin-spinning').waitFor({ state: 'detached' });
  const row = byTestId(page, `todo-${kind}`);
  if ((await row.count()) === 0) return 0;
  return Number((await textOf(row.locator('.ant-badge').first())).replace(/\D/g, ''));
}

async function openTodo(page: Page, server: Server) {
  await page.goto(`${server.baseUrl}/admin/todo`);
  await byTestId(page, 'todo-list').waitFor();
}

/**
 * The demo signs the student up for an activity on the day after it was seeded. When Beijing midnight
 * has passed since the seeding (a run started late in the evening), that day is today, so the
 * organiser publishes one on the new tomorrow and the student signs up, as they would.
 */
async function ensureActivityTomorrow(browser: Browser, server: Server) {
  const studentSide = await browser.newContext();
  const organiserSide = await browser.newContext();
  try {
    const student = await organiserApi(studentSide.request, server.baseUrl, 'student', PASSWORD);
    const { items } = await student.get<{ items: { kind: string }[] }>('/api/todo');
    if (items.some((i) => i.kind === 'my_activities_tomorrow')) return;
    const organiser = await organiserApi(organiserSide.request, server.baseUrl, 'volunteer_org', PASSWORD);
    const me = await organiser.get<{ user: { org: { code: string } } }>('/api/auth/me');
    const starts = Date.parse(`${shanghaiDay(1)}T01:00:00Z`);
    const activity = await organiser.post<{ id: number }>('/api/volunteering/activities', {
      orgCode: me.user.org.code,
      title: '河道清洁（次日场）',
      category: '生态环保',
      place: '滨河公园',
      startsAt: new Date(starts).toISOString(),
      endsAt: new Date(starts + 3 * 3_600_000).toISOString(),
      capacity: 40,
    });
    await student.post(`/api/volunteering/me/activities/${activity.id}/signup`);
  } finally {
    await studentSide.close();
    await organiserSide.close();
  }
}

/** Waits until the table shows the expected number of rows (the list refetches after a change). */
async function expectRows(rows: Locator, expected: number) {
  const deadline = Date.now() + 15_000;
  let seen = -1;
  while (Date.now() < deadline) {
    seen = await rows.count();
    if (seen === expected) return;
    await rows.first().page().waitForTimeout(200);
  }
  throw new Error(`the filtered list shows ${seen} rows, the to-do centre ${expected}`);
}

/** Waits until the kind's count on a freshly loaded to-do centre is the expected one. */
async function expectCount(page: Page, server: Server, kind: string, expected: number, what: string) {
  const deadline = Date.now() + 15_000;
  let seen = -1;
  while (Date.now() < deadline) {
    await openTodo(page, server);
    seen = await countOf(page, kind);
    if (seen === expected) return;
    await page.waitForTimeout(300);
  }
  throw new Error(`${what}: ${kind} shows ${seen}, expected ${expected}`);
}

async function run(
  browser: Browser,
  server: Server,
  screenshot: (name: string, page?: Page) => Promise<string>,
  username: string,
  name: string,
  body: (page: Page, context: BrowserContext) => Promise<void>,
  phone = false,
) {
  const { context, page } = await signIn(browser, server, username, phone);
  try {
    await body(page, context);
  } catch (error) {
    await screenshot(`todo-${name}-FAILED`, page).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

export const todoJourneys: Journey[] = [
  {
    name: 'todo: a young person on a phone sees tomorrow’s activity and hours awaiting confirmation',
    async run({ server, browser, screenshot }) {
      await run(
        browser,
        server,
        screenshot,
        'student',
        'young',
        async (page) => {
          await ensureActivityTomorrow(browser, server);
          // A young person lands on his workbench; the menu's 待办 has his own two kinds.
          await openTodo(page, server);
          assert((await countOf(page, 'my_activities_tomorrow')) === 1, 'one activity tomorrow');
          assert((await countOf(page, 'my_hours_awaiting')) === 1, 'one attendance awaiting confirmation');
          const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
          assert(width <= 391, `the to-do centre scrolls sideways on a phone: ${width}px`);
          await screenshot('todo-01-phone-young', page);
          await byTestId(page, 'todo-my_activities_tomorrow').locator('a').click();
          await page.waitForURL(/\/admin\/my-volunteering/);
          await page.getByText('河道清洁').first().waitFor();
          await page.getByText('待确认').first().waitFor();
          await screenshot('todo-02-phone-my-volunteering', page);
        },
        true,
      );
    },
  },
  {
    name: 'todo: the volunteer organiser confirms the hours waiting, and they leave his list and the young person’s',
    async run({ server, browser, screenshot }) {
      await run(browser, server, screenshot, 'volunteer_org', 'organiser', async (page, context) => {
        await page.waitForURL(/\/admin\/todo/);
        const waiting = await countOf(page, 'volunteer_hours_to_confirm');
        // The demo has one; a journey run before this one (hours correction) may have left another.
        assert(waiting >= 1, `the demo's activity awaiting confirmation, saw ${waiting}`);
        await screenshot('todo-03-organiser', page);
        for (let left = waiting; left > 0; left--) {
          if (left < waiting) await openTodo(page, server);
          await byTestId(page, 'todo-volunteer_hours_to_confirm').locator('a').click();
          await page.waitForURL(/awaiting=1/);
          const rows = page.locator('.ant-table-tbody tr.ant-table-row');
          await rows.first().waitFor();
          await expectRows(rows, left);
          await rows.first().locator('a').first().click();
          // Select every checked-out attendance (the header box), then confirm them.
          await page.locator('.ant-table-thead .ant-checkbox-input').last().click();
          await byTestId(page, 'confirm-hours').click();
          await page.locator('.ant-modal-confirm .ant-btn-primary').click();
          await page.getByText(/已确认 \d+ 人/).waitFor();
        }
        await expectCount(page, server, 'volunteer_hours_to_confirm', 0, 'after confirming');
        // The young person's own list loses the hours too.
        const login = await context.request.post(`${server.baseUrl}/api/auth/login`, {
          data: { username: 'student', password: PASSWORD },
        });
        assert(login.ok(), 'student signs in');
        const mine = (await (await context.request.get(`${server.baseUrl}/api/todo`)).json()) as {
          items: { kind: string }[];
        };
        assert(
          !mine.items.some((i) => i.kind === 'my_hours_awaiting'),
          `the student still waits: ${JSON.stringify(mine.items)}`,
        );
      });
    },
  },
  {
    name: 'todo: the branch secretary records an overdue talk from the admission board the list leads to',
    async run({ server, browser, screenshot }) {
      await run(browser, server, screenshot, 'branch_sec', 'secretary', async (page) => {
        await page.waitForURL(/\/admin\/todo/);
        const due = await countOf(page, 'admission_talk_overdue');
        assert(due >= 1, 'the demo has an application a month old without a talk');
        assert((await countOf(page, 'admission_awaiting_approval')) === 0, 'approval is not the branch’s');
        await screenshot('todo-04-secretary', page);
        await byTestId(page, 'todo-admission_talk_overdue').locator('a').click();
        await page.waitForURL(/reminder=talk_overdue/);
        await expectText(byTestId(page, 'admission-filter'), (t) => t.includes(`（${due} 人）`), 'filter');
        const cards = page.locator('[data-testid="admission-card"]');
        assert(
          (await cards.count()) === due,
          `the board shows ${await cards.count()} cards, the list ${due}`,
        );
        await screenshot('todo-05-board-filtered', page);
        await cards.first().click();
        await byTestId(page, 'step-talk').click();
        await byTestId(page, 'field-on').fill(shanghaiDay(0));
        await page.locator('.ant-modal-footer .ant-btn-primary').click();
        await byTestId(page, 'step-activist').waitFor();
        await expectCount(page, server, 'admission_talk_overdue', due - 1, 'after the talk');
      });
    },
  },
  {
    name: 'todo: the county admin approves the path its branch voted for, from the list',
    async run({ server, browser, screenshot }) {
      await run(browser, server, screenshot, 'donghu_admin', 'county', async (page) => {
        await page.waitForURL(/\/admin\/todo/);
        const due = await countOf(page, 'admission_awaiting_approval');
        assert(due >= 1, 'the demo has a path voted by its branch');
        assert((await countOf(page, 'members_ageing_out')) > 0, 'members turning 28 are listed');
        await screenshot('todo-06-county', page);
        await byTestId(page, 'todo-admission_awaiting_approval').locator('a').click();
        await page.waitForURL(/reminder=awaiting_approval/);
        const cards = page.locator('[data-testid="admission-card"]');
        await cards.first().waitFor();
        assert(
          (await cards.count()) === due,
          `the board shows ${await cards.count()} cards, the list ${due}`,
        );
        await cards.first().click();
        await byTestId(page, 'step-approve').click();
        await byTestId(page, 'field-on').fill(shanghaiDay(0));
        const accept = page.getByText('知悉超出名额，仍予批准');
        if (await accept.count()) await accept.click();
        await page.locator('.ant-modal-footer .ant-btn-primary').click();
        await expectText(byTestId(page, 'applicant-status'), (t) => t.includes('已入团'), 'admitted');
        await expectCount(page, server, 'admission_awaiting_approval', due - 1, 'after the approval');
      });
    },
  },
  {
    name: 'todo: the city reviewer approves a piece waiting, and it leaves the list',
    async run({ server, browser, screenshot }) {
      await run(browser, server, screenshot, 'city_reviewer', 'reviewer', async (page) => {
        await page.waitForURL(/\/admin\/todo/);
        // The demo has one; a journey run before this one (青春答卷 submits its draft) may have added its own.
        const waiting = await countOf(page, 'articles_to_review');
        assert(waiting >= 1, `the demo piece waits for review, saw ${waiting}`);
        await byTestId(page, 'todo-articles_to_review').locator('a').click();
        await page.waitForURL(/view=review/);
        const rows = page.locator('.ant-table-tbody tr.ant-table-row');
        await rows.first().waitFor();
        await expectRows(rows, waiting);
        await rows.first().getByRole('link').first().click();
        await byTestId(page, 'approve-article').click();
        await expectText(byTestId(page, 'article-status'), (t) => t === '已发布', 'published');
        await expectCount(page, server, 'articles_to_review', waiting - 1, 'after approving');
        // The last piece approved leaves nothing for the reviewer to do.
        if (waiting === 1) await byTestId(page, 'todo-empty').waitFor();
      });
    },
  },
  {
    name: 'todo: the counsellor’s high-risk follow-ups lead to the counselling ledger',
    async run({ server, browser, screenshot }) {
      await run(browser, server, screenshot, 'counsellor', 'counsellor', async (page) => {
        await page.waitForURL(/\/admin\/todo/);
        assert((await countOf(page, 'counselling_follow_ups')) === 2, 'two open high-risk cases in the demo');
        await screenshot('todo-07-counsellor', page);
        await byTestId(page, 'todo-counselling_follow_ups').locator('a').click();
        await page.waitForURL(/\/admin\/services/);
      });
    },
  },
];
