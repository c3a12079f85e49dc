import { assert, byTestId, expectText, type Journey, textOf } from './harness.ts';

const CHARTS = [
  'chart-volunteer',
  'chart-admissions',
  'chart-org-domains',
  'chart-township-coverage',
  'chart-aid',
];

export const reportJourneys: Journey[] = [
  {
    name: 'dashboard: the five leads with charts, and a figure opens the records behind it',
    async run({ server, context, page, screenshot }) {
      // Runs on its own too (E2E_ONLY): sign in through the API, as the login journey has been tested.
      const login = await context.request.post(`${server.baseUrl}/api/auth/login`, {
        data: { username: server.login.username, password: server.login.password },
      });
      assert(login.ok(), `login via the API failed: ${login.status()}`);
      await page.goto(`${server.baseUrl}/admin/`);
      await byTestId(page, 'dashboard').waitFor();
      for (const lead of ['党建引领', '组织引领', '创新引领', '服务引领', '活动引领']) {
        await expectText(byTestId(page, 'dashboard'), (t) => t.includes(lead), `the dashboard names ${lead}`);
      }
      // ECharts draws into a canvas once it has data and a size; a chart without data for the period says so.
      // The demo always has organisations by domain: once that chart is drawn, the others have loaded too.
      await byTestId(page, 'chart-org-domains').locator('canvas').first().waitFor({ timeout: 20_000 });
      let drawn = 0;
      for (const chart of CHARTS) {
        const canvas = byTestId(page, chart).locator('canvas').first();
        if ((await canvas.count()) === 0) continue;
        const size = await canvas.boundingBox();
        assert(
          size && size.width > 100 && size.height > 100,
          `${chart} is drawn too small: ${JSON.stringify(size)}`,
        );
        drawn++;
      }
      assert(drawn >= 2, `at least the organisation and coverage charts should be drawn, saw ${drawn}`);
      const figure = byTestId(page, 'figure-member.total').first();
      const shown = await expectText(figure, (t) => /\d/.test(t), 'the member figure has a number');
      const members = Number(shown.replace(/[^\d]/g, ''));
      assert(members > 0, `the demo county has members, the card says ${shown}`);
      await screenshot('20-dashboard');

      await figure.click();
      await page.waitForURL(/\/admin\/reports\/records\?/);
      await expectText(
        byTestId(page, 'drilldown-title'),
        (t) => t.includes('团员') && t.replace(/[^\d]/g, '').includes(String(members)),
        `the records page is about the ${members} members`,
      );
      const rows = byTestId(page, 'drilldown-table').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      const first = await textOf(rows.first());
      assert(/\*{4,}/.test(first), `identity numbers are shown masked in the records, saw ${first}`);
      assert((await rows.count()) > 1, 'the records page lists the members');
      await screenshot('21-dashboard-records');
    },
  },
];
