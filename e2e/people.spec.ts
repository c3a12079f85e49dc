import { assert, byTestId, expectText, type Journey, textOf } from './harness.ts';

const MASKED = /\d{4}\*{12}\d[\dX]/g;
const WHOLE = /(?<![\d*])\d{17}[\dX](?![\d*])/;

export const peopleJourneys: Journey[] = [
  {
    name: 'people: identity numbers are masked and the list pages',
    async run({ server, page, screenshot }) {
      await page.goto(`${server.baseUrl}/admin/people`);
      const table = byTestId(page, 'people-table');
      const rows = table.locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      const body = table.locator('tbody');
      const first = await textOf(body);
      const rowCount = await rows.count();
      const masked: string[] = first.match(MASKED) ?? [];
      assert(
        masked.length === rowCount,
        `expected ${rowCount} masked identity numbers, found ${masked.length}`,
      );
      assert(!WHOLE.test(first), 'a whole identity number is shown in the list');

      const totalText = await textOf(page.locator('.ant-pagination-total-text'));
      const total = Number(/共\s*(\d+)\s*条/.exec(totalText)?.[1]);
      assert(total > rowCount, `expected more people than one page (total ${total}, page ${rowCount})`);
      assert(rowCount === 20, `a page should hold 20 people, it holds ${rowCount}`);
      await screenshot('04-people');

      await page.locator('.ant-pagination-item-2').click();
      await page.waitForURL(/[?&]page=2/);
      const second = await expectText(
        body,
        (t) => t !== first && (t.match(MASKED) ?? []).length > 0,
        'page 2 should show other people',
      );
      const onBoth = (second.match(MASKED) ?? []).filter((id) => masked.includes(id));
      assert(onBoth.length < masked.length, 'page 2 shows the same people as page 1');
      assert(!WHOLE.test(second), 'a whole identity number is shown on page 2');
      await page.locator('.ant-pagination-item-active').filter({ hasText: '2' }).waitFor();
      await screenshot('05-people-page-2');
    },
  },
];
