import type { APIRequestContext, Browser, Locator, Page } from 'playwright-core';
import { assert, byTestId, expectText, type Journey, signInWithToken } from './harness.ts';
import type { Server } from './server.ts';

/**
 * Issue 17, item 8, on 团员管理's per-record decisions: 对标定级 (a branch's 自评, the committee's stars) and 自行脱团
 * (the branch's vote, the committee's 批准 / 不批准). Each row the server lists carries the `actions` its write
 * routes accept (membership.policy.ts); the screen shows a row's buttons exactly for those, and a decision not
 * shown, sent anyway, is refused (403 or 409) and changes nothing. As branch_sec and donghu_admin, as the
 * 推优入团 part of roles.spec.ts does.
 */

type User = Awaited<ReturnType<typeof signInWithToken>> & { name: string; org: string };

async function user(browser: Browser, server: Server, name: string): Promise<User> {
  const signed = await signInWithToken(browser, server.baseUrl, name);
  const me = (await (await signed.context.request.get(`${server.baseUrl}/api/auth/me`)).json()) as {
    user: { org: { code: string } };
  };
  return { ...signed, name, org: me.user.org.code };
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  assert(res.ok(), `GET ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Sends a decision the screen did not offer; it must be refused, 403 or 409 (or `also`, when named). */
async function refused(u: User, method: 'post' | 'put', url: string, data: object, also: number[] = []) {
  const res = await u.context.request[method](url, { data, headers: { 'x-csrf-token': u.csrfToken } });
  assert(
    [403, 409, ...also].includes(res.status()),
    `${u.name}: ${method.toUpperCase()} ${url} not offered but answered ${res.status()} ${await res.text()}`,
  );
  return res.status();
}

/** The table row of a record (Ant Design marks each with its rowKey). */
const row = (table: Locator, key: string | number) => table.locator(`tr[data-row-key="${key}"]`);

/** A button by its words; Ant Design spaces out a two-character label (自 评, 批 准). */
const button = (within: Locator, name: string) =>
  within.getByRole('button', { name: new RegExp(`^${[...name].join('\\s?')}$`) });

async function buttonShown(r: Locator, name: string): Promise<boolean> {
  return (await button(r, name).count()) > 0;
}

interface Rating {
  branch: { code: string; name: string };
  selfTotal: number | null;
  stars: number | null;
  actions: string[];
}

/**
 * 对标定级 as one user: every branch row on the tab's first page shows 自评 exactly when the server lists
 * `self-score` and lets the stars be set exactly when it lists `review`; then, one row of each kind, the two
 * decisions not listed are sent and refused, and the ratings are as they were.
 */
async function starsMatch(server: Server, u: User, page: Page, shot: (name: string) => Promise<unknown>) {
  const base = `${server.baseUrl}/api/membership`;
  const lists = await getJson<{ items: { id: number; items: { code: string; points: number }[] }[] }>(
    u.context.request,
    `${base}/star-checklists?org=${u.org}`,
  );
  const checklist = lists.items[0];
  assert(checklist, `${u.name} sees the county's 对标定级 checklist`);
  const ratingsUrl = `${base}/star-checklists/${checklist.id}/ratings?org=${u.org}`;
  const ratings = async () => (await getJson<{ items: Rating[] }>(u.context.request, ratingsUrl)).items;
  const before = await ratings();

  await page.goto(`${server.baseUrl}/admin/membership?tab=stars&org=${u.org}`);
  const table = byTestId(page, 'star-ratings');
  await table.locator('tr[data-row-key]').first().waitFor();
  const keys = await table
    .locator('tr[data-row-key]')
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')!));
  for (const code of keys) {
    const item = before.find((i) => i.branch.code === code);
    assert(item, `${u.name}: the tab shows ${code}, the server does not list it`);
    const r = row(table, code);
    const selfScore = await buttonShown(r, '自评');
    const rate = await r.locator('.ant-rate').getAttribute('class');
    const review = !rate?.includes('ant-rate-disabled');
    assert(
      selfScore === item.actions.includes('self-score') && review === item.actions.includes('review'),
      `${u.name}, ${item.branch.name}: 自评 ${selfScore}, stars settable ${review}; the server offers [${item.actions}]`,
    );
  }
  await shot(`roles-05-${u.name}-stars`);

  const scores = Object.fromEntries(checklist.items.map((i) => [i.code, i.points]));
  const sample = [
    ...new Map(before.map((i) => [`${i.actions}|${i.stars !== null}|${i.selfTotal !== null}`, i])).values(),
  ];
  let sent = 0;
  for (const item of sample) {
    const at = `${base}/star-checklists/${checklist.id}/branches/${item.branch.code}`;
    if (!item.actions.includes('self-score')) {
      await refused(u, 'put', at, { scores });
      sent++;
    }
    if (!item.actions.includes('review')) {
      // Stars before a 自评 are a refused value (422, "尚未自评"), not a refused role.
      await refused(u, 'post', `${at}/review`, { stars: 5 }, item.selfTotal === null ? [422] : []);
      sent++;
    }
  }
  const after = await ratings();
  const shape = (items: Rating[]) => JSON.stringify(items.map((i) => [i.branch.code, i.selfTotal, i.stars]));
  assert(shape(after) === shape(before), `${u.name}: a refused 对标定级 decision changed the ratings`);
  return { rows: keys.length, refused: sent };
}

interface Flag {
  personId: number;
  name: string;
  actions: string[];
}
interface Lapse {
  id: number;
  personId: number;
  status: string;
  votedOn: string;
  actions: string[];
}

/** Every row of the 离团 tab's two 自行脱团 tables on screen shows its buttons exactly for the server's actions. */
async function lapseButtonsMatch(server: Server, u: User, page: Page, org: string) {
  const base = `${server.baseUrl}/api/membership`;
  const flags = (await getJson<{ items: Flag[] }>(u.context.request, `${base}/lapses/flags?org=${org}`))
    .items;
  const lapses = (await getJson<{ items: Lapse[] }>(u.context.request, `${base}/lapses?org=${org}`)).items;
  const check = async (
    testId: string,
    items: { key: number; actions: string[] }[],
    button: string,
    action: string,
  ) => {
    const table = byTestId(page, testId);
    const keys = await table
      .locator('tr[data-row-key]')
      .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-row-key'))));
    for (const key of keys) {
      const item = items.find((i) => i.key === key);
      assert(item, `${u.name}: ${testId} shows ${key}, the server does not list it`);
      const shown = await buttonShown(row(table, key), button);
      assert(
        shown === item.actions.includes(action),
        `${u.name}, ${testId} ${key}: ${button} shown ${shown}; the server offers [${item.actions}]`,
      );
    }
    return keys.length;
  };
  return {
    flags: await check(
      'lapse-flags',
      flags.map((f) => ({ key: f.personId, actions: f.actions })),
      '支部表决脱团',
      'propose',
    ),
    lapses: await check(
      'lapses',
      lapses.map((l) => ({ key: l.id, actions: l.actions })),
      '批准',
      'decide',
    ),
    flagItems: flags,
    lapseItems: lapses,
  };
}

async function openDepartures(server: Server, page: Page, org: string) {
  await page.goto(`${server.baseUrl}/admin/membership?tab=departures&org=${org}`);
  await byTestId(page, 'departures-tab').waitFor();
  // The tab's four lists have answered (the 自行脱团 one shows no loading mask to wait for).
  await page.waitForLoadState('networkidle');
}

export const membershipRoleJourneys: Journey[] = [
  {
    name: 'roles: on 对标定级 and 自行脱团 the branch secretary and the county admin are shown exactly the decisions the server accepts',
    async run({ server, browser, screenshot, log }) {
      const secretary = await user(browser, server, 'branch_sec');
      const county = await user(browser, server, 'donghu_admin');
      try {
        const shot = (u: User) => (name: string) => screenshot(name, u.page);
        const secretaryStars = await starsMatch(server, secretary, secretary.page, shot(secretary));
        const countyStars = await starsMatch(server, county, county.page, shot(county));
        log(
          `对标定级: branch_sec ${secretaryStars.rows} rows, ${secretaryStars.refused} refusals; donghu_admin ${countyStars.rows} rows, ${countyStars.refused} refusals`,
        );
        assert(secretaryStars.refused > 0, 'the secretary is refused the stars of his own branch');

        let lapseRefusals = 0;
        const refuse = async (...args: Parameters<typeof refused>) => {
          await refused(...args);
          lapseRefusals++;
        };
        // A member of the secretary's branch with nothing on file for years: flagged for 自行脱团.
        const suffix = String(Date.now() % 100_000_000).padStart(8, '0');
        const created = await county.context.request.post(`${server.baseUrl}/api/people`, {
          headers: { 'x-csrf-token': county.csrfToken },
          data: {
            idType: 'passport',
            idNumber: `L${suffix}`,
            name: `久未联系${suffix.slice(-3)}`,
            gender: '男',
            birthDate: '2000-03-04',
            politicalStatus: 'league_member',
            orgCode: secretary.org,
            joinedOn: '2015-05-04',
          },
        });
        assert(created.ok(), `the member was not created: ${created.status()} ${await created.text()}`);
        const { id: personId, name } = (await created.json()) as { id: number; name: string };

        // The secretary votes him out on screen; the vote cannot be sent twice, nor approved by his branch.
        const sp = secretary.page;
        await openDepartures(server, sp, secretary.org);
        const flagRow = row(byTestId(sp, 'lapse-flags'), personId);
        await button(flagRow, '支部表决脱团').click();
        await expectText(sp.locator('.ant-message'), (t) => t.includes('待上级批准'), 'the vote is recorded');
        await button(flagRow, '支部表决脱团').waitFor({ state: 'detached' });
        await openDepartures(server, sp, secretary.org);
        const mine = await lapseButtonsMatch(server, secretary, sp, secretary.org);
        const lapse = mine.lapseItems.find((l) => l.personId === personId && l.status === 'voted');
        assert(lapse, `the vote on ${name} waits for the committee`);
        assert((await row(byTestId(sp, 'lapses'), lapse.id).count()) === 1, 'the waiting vote is listed');
        await screenshot('roles-06-branch_sec-lapse-voted', sp);
        const lapsesUrl = `${server.baseUrl}/api/membership/lapses`;
        // His cases as the county sees them: a refused decision leaves them as they were.
        const casesOf = async () =>
          (await getJson<{ items: Lapse[] }>(county.context.request, `${lapsesUrl}?org=${county.org}`)).items
            .filter((l) => l.personId === personId)
            .map((l) => l.status)
            .join();
        await refuse(secretary, 'post', lapsesUrl, { personId, votedOn: lapse.votedOn });
        await refuse(secretary, 'post', `${lapsesUrl}/${lapse.id}/decide`, { approve: true });
        assert((await casesOf()) === 'voted', `refusals changed his cases: ${await casesOf()}`);

        // The county decides: 批准 / 不批准 on that vote, no second vote for the member.
        const cp = county.page;
        await openDepartures(server, cp, county.org);
        const theirs = await lapseButtonsMatch(server, county, cp, county.org);
        assert(
          theirs.lapseItems.find((l) => l.id === lapse.id)?.actions.includes('decide'),
          'the county may decide the vote',
        );
        assert(
          !theirs.flagItems.find((f) => f.personId === personId)?.actions.includes('propose'),
          'no second vote while one waits',
        );
        await refuse(county, 'post', lapsesUrl, { personId, votedOn: lapse.votedOn });
        assert((await casesOf()) === 'voted', `a refused second vote changed his cases: ${await casesOf()}`);
        const lapseRow = row(byTestId(cp, 'lapses'), lapse.id);
        await lapseRow.scrollIntoViewIfNeeded();
        await screenshot('roles-07-donghu_admin-lapse-to-decide', cp);
        await button(lapseRow, '不批准').click();
        await expectText(cp.locator('.ant-message'), (t) => t.includes('已办结'), 'the decision is recorded');
        await button(lapseRow, '批准').waitFor({ state: 'detached' });
        assert((await casesOf()) === 'rejected', `the vote is not approved: ${await casesOf()}`);
        await refuse(county, 'post', `${lapsesUrl}/${lapse.id}/decide`, { approve: true });
        assert((await casesOf()) === 'rejected', `a second decision changed the case: ${await casesOf()}`);
        await openDepartures(server, cp, county.org);
        const after = await lapseButtonsMatch(server, county, cp, county.org);
        log(
          `自行脱团: branch_sec ${mine.flags} flags, ${mine.lapses} cases; donghu_admin ${after.flags} flags, ${after.lapses} cases; ${lapseRefusals} refusals`,
        );
      } finally {
        await secretary.context.close();
        await county.context.close();
      }
    },
  },
];
