import { assert, byTestId, expectText, type Journey, signIn, textOf } from './harness.ts';

/** Issue 17, item 1: a branch secretary completes his branch's 教育评议 in the form as it opens. */
export const registrationJourneys: Journey[] = [
  {
    name: 'registration: a branch secretary completes his branch’s 教育评议 (phone)',
    async run({ server, browser, screenshot }) {
      const page = await signIn(browser, server.baseUrl, 'branch_sec', { width: 390, height: 844 });
      await page.goto(`${server.baseUrl}/admin/membership?tab=registration`);
      const tab = byTestId(page, 'registration-tab');
      await expectText(tab, (t) => t.includes('城关镇吴湾村团支部'), 'the progress should list his branch');
      await tab
        .getByRole('row', { name: /城关镇吴湾村团支部/ })
        .getByRole('button', { name: /评\s?议/ })
        .click();
      const drawer = page.getByRole('dialog').filter({ hasText: '教育评议 ·' });
      // The cap line shows (最多 0 人) before the roster has come: wait for the roster's first row.
      await drawer.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      const cap = await expectText(
        drawer,
        (t) => /最多 \d+ 人/.test(t) && t.includes('参会'),
        'the form should show the 优秀 cap',
      );
      const listed = await drawer.locator('.ant-table-tbody tr.ant-table-row').count();
      assert(listed > 0, 'the form should list the members evaluated');
      const max = Number(/最多 (\d+) 人/.exec(cap)![1]);
      assert(max === Math.floor(listed * 0.3), `the cap ${max} should be 30% of the ${listed} listed`);
      // The demo branch took in members after the meeting: the form says so and leaves them out.
      await expectText(
        drawer,
        (t) => t.includes('晚于评议大会入团，不参加本次评议'),
        'the form should name those who joined after the meeting',
      );
      await screenshot('17-1-registration-form-phone', page);
      await drawer.getByRole('button', { name: /保\s?存/ }).click();
      await expectText(
        page.locator('.ant-message'),
        (t) => /已保存，注册 \d+ 人/.test(t),
        'saving the form as it opened should be accepted',
      );
      const row = tab.getByRole('row', { name: /城关镇吴湾村团支部/ });
      await expectText(row, (t) => t.includes('已完成'), 'the branch should show 已完成');
      assert((await textOf(row)).includes(String(listed)), 'the branch row should count the members rated');
      await screenshot('17-1-registration-done-phone', page);
      await page.context().close();
    },
  },
];
