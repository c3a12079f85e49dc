import { assert, byTestId, type Journey } from './harness.ts';

export const mobileJourneys: Journey[] = [
  {
    name: 'phone: the people page fits a 390 px wide screen',
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
          data: { username: server.login.username, password: server.login.password },
        });
        assert(login.ok(), `login via the API failed: ${login.status()}`);
        const page = await context.newPage();
        await page.goto(`${server.baseUrl}/admin/people`);
        const table = byTestId(page, 'people-table');
        await table.locator('tbody tr.ant-table-row').first().waitFor();
        const width = (await page.evaluate(
          '({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })',
        )) as { scroll: number; inner: number };
        assert(
          width.scroll <= width.inner + 1,
          `the page scrolls sideways on a phone: ${width.scroll}px wide in a ${width.inner}px window`,
        );
        const box = await table.boundingBox();
        assert(box && box.x >= 0 && box.x + box.width <= 391, `the table sticks out: ${JSON.stringify(box)}`);
        await screenshot('07-phone-people', page);
      } finally {
        await context.close();
      }
    },
  },
];
