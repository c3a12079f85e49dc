import type { Browser, Page } from 'playwright-core';
import { assert, byTestId, expectText, type Journey, signInWithToken, textOf } from './harness.ts';
import type { Server } from './server.ts';

const signedIn = (browser: Browser, server: Server, username: string) =>
  signInWithToken(browser, server.baseUrl, username);

function shanghaiDay(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Each step of a 推优入团 path (POST /api/admissions/{id}/<step>) with a body its schema takes. */
function stepBodies(): Record<string, object> {
  const on = shanghaiDay();
  const vote = { on, shouldAttend: 1, attended: 1, yes: 1 };
  return {
    talk: { on },
    'civics-grade': { grade: '优秀' },
    activist: { on, recommendedBy: 'pioneer_recommendation', mentorIds: [1] },
    candidate: { on, publicityFrom: on, publicityTo: on, introducerIds: [1, 2] },
    vote,
    'vote-correction': { ...vote, reason: '核对表决' },
    approve: { on },
    ceremony: { on },
    reject: { on, reason: '核对权限' },
    withdraw: { on, reason: '核对权限' },
  };
}

interface Path {
  id: number;
  status: string;
  talkOn: string | null;
  actions: string[];
}

/**
 * As one user: the board offers 登记入团申请 only where the server does, and each applicant's page (one path of
 * each stage) shows exactly the steps the server lists for him there; every other step, sent anyway, is
 * refused (403 or 409) and changes nothing. Says how many pages and refusals it checked.
 */
async function admissionOffersMatch(
  browser: Browser,
  server: Server,
  username: string,
  screenshot: (name: string, page?: Page) => Promise<string>,
): Promise<{ pages: number; refused: number; apply: boolean }> {
  const { context, page, csrfToken } = await signedIn(browser, server, username);
  try {
    const board = (await (await context.request.get(`${server.baseUrl}/api/admissions`)).json()) as {
      actions: string[];
      items: Path[];
    };
    await page.goto(`${server.baseUrl}/admin/admission`);
    await byTestId(page, 'admission-board').locator('[data-testid="admission-card"]').first().waitFor();
    const apply = board.actions.includes('apply');
    assert(
      (await byTestId(page, 'admission-apply').count()) === (apply ? 1 : 0),
      `${username}: 登记入团申请 shown ${!apply ? 'though' : 'only if'} the server ${apply ? 'offers' : 'refuses'} it`,
    );
    await screenshot(`roles-03-${username}-admission-board`, page);
    const sample = [...new Map(board.items.map((i) => [`${i.status}-${i.actions.join()}`, i])).values()];
    let refused = 0;
    for (const path of sample) {
      await page.goto(`${server.baseUrl}/admin/admission/${path.id}`);
      await byTestId(page, 'applicant-name').waitFor();
      const shown = await page
        .locator('[data-testid^="step-"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('step-'.length)));
      // Each step in its turn: the talk before the activist step (ApplicantPage stepsFor).
      const offered = path.actions.filter((a) => (path.talkOn ? a !== 'talk' : a !== 'activist'));
      assert(
        shown.slice().sort().join() === offered.slice().sort().join(),
        `${username}, path ${path.id} (${path.status}): shown [${shown}], the server offers [${offered}]`,
      );
      for (const [step, body] of Object.entries(stepBodies())) {
        if (path.actions.includes(step)) continue;
        const res = await context.request.post(`${server.baseUrl}/api/admissions/${path.id}/${step}`, {
          data: body,
          headers: { 'x-csrf-token': csrfToken },
        });
        assert(
          res.status() === 403 || res.status() === 409,
          `${username}, path ${path.id} (${path.status}): ${step} not offered but answered ${res.status()} ${await res.text()}`,
        );
        refused++;
      }
      if (shown.length > 0) await screenshot(`roles-04-${username}-applicant-${path.status}`, page);
    }
    return { pages: sample.length, refused, apply };
  } finally {
    await context.close();
  }
}

/**
 * An activity of branch_sec's own branch yesterday, 09:00–11:00, whose two members the county admin records
 * as attending 09:00–10:50 (1.8333… hours, kept to the minute): the secretary's activity page then has
 * sign-ups whose hours would show more than two decimals unformatted (issue 17, item 8).
 */
async function seedBranchActivity(browser: Browser, server: Server): Promise<number> {
  const secretary = await signedIn(browser, server, 'branch_sec');
  const admin = await signedIn(browser, server, 'donghu_admin');
  try {
    const me = (await (await secretary.context.request.get(`${server.baseUrl}/api/auth/me`)).json()) as {
      user: { org: { code: string } };
    };
    const people = (await (
      await secretary.context.request.get(`${server.baseUrl}/api/people?pageSize=2`)
    ).json()) as { items: { id: number }[] };
    assert(people.items.length === 2, 'the branch has members');
    const day = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
    const headers = { 'x-csrf-token': admin.csrfToken };
    const created = await admin.context.request.post(`${server.baseUrl}/api/volunteering/activities`, {
      headers,
      data: {
        orgCode: me.user.org.code,
        title: '村团支部清扫村道',
        category: '生态环保',
        startsAt: at('09:00'),
        endsAt: at('11:00'),
        capacity: 10,
        minMinutes: 0,
        minSharePercent: 0,
        roundingMinutes: 1,
      },
    });
    assert(created.ok(), `the activity was not created: ${created.status()} ${await created.text()}`);
    const { id } = (await created.json()) as { id: number };
    for (const person of people.items) {
      const res = await admin.context.request.post(
        `${server.baseUrl}/api/volunteering/activities/${id}/manual-attendance`,
        {
          headers,
          data: {
            personId: person.id,
            checkedInAt: at('09:00'),
            checkedOutAt: at('10:50'),
            reason: '纸质签到表补录',
          },
        },
      );
      assert(res.ok(), `attendance not recorded: ${res.status()} ${await res.text()}`);
    }
    return id;
  } finally {
    await secretary.context.close();
    await admin.context.close();
  }
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
      const activityId = await seedBranchActivity(browser, server);
      const secretary = await signedIn(browser, server, 'branch_sec');
      try {
        const list = (await (
          await secretary.context.request.get(`${server.baseUrl}/api/volunteering/activities`)
        ).json()) as { items: { id: number; signedUp: number }[] };
        const activity = list.items.find((a) => a.id === activityId);
        assert(
          activity && activity.signedUp > 0,
          'the branch secretary sees his branch’s activity with sign-ups',
        );
        const { page } = secretary;
        await page.goto(`${server.baseUrl}/admin/volunteering/activities/${activityId}`);
        await expectText(
          page.locator('main'),
          // 09:00–10:50: 1.8333… hours, shown as 1.83.
          (t) => t.includes('报名与签到') && t.includes('1.83'),
          'the enrolments with their hours',
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
  {
    name: 'roles: on 推优入团 the branch secretary and the county admin are shown exactly the steps the server accepts',
    async run({ server, browser, screenshot, log }) {
      const secretary = await admissionOffersMatch(browser, server, 'branch_sec', screenshot);
      assert(secretary.apply, 'the branch secretary registers applications at his branch');
      const county = await admissionOffersMatch(browser, server, 'donghu_admin', screenshot);
      assert(!county.apply, 'the county admin is not offered 登记入团申请 on the county board');
      assert(secretary.pages > 0 && county.pages > 0, 'both boards list paths');
      log(
        `admission offers: branch_sec ${secretary.pages} pages, ${secretary.refused} refusals; donghu_admin ${county.pages} pages, ${county.refused} refusals`,
      );
    },
  },
];
