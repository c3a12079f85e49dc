import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { assert, expectText, type Journey, signIn } from './harness.ts';
import { organiserApi } from './volunteering.spec.ts';

/** Issue 17, item 2: a student's application is accepted on screen and the placement marked 完成. */
export const internshipJourneys: Journey[] = [
  {
    name: 'internships: the committee accepts an application and marks the placement 完成',
    async run({ server, browser, screenshot }) {
      const student = await browser.newContext({ locale: 'zh-CN' });
      const me = await organiserApi(student.request, server.baseUrl, 'student', DEMO_PASSWORD);
      const open = await me.get<{ items: { id: number; title: string; applied: boolean }[] }>(
        '/api/internships/open',
      );
      const post = open.items.find((p) => !p.applied);
      assert(post, 'the demo student should have an open post to apply for');
      await me.post('/api/internships/my-applications', { postId: post.id, statement: '希望到基层锻炼' });
      await student.close();

      const page = await signIn(browser, server.baseUrl, 'city_admin');
      await page.goto(`${server.baseUrl}/admin/services`);
      await page.getByRole('tab', { name: '实习' }).click();
      const postRow = page
        .locator('[data-testid="internship-post-table"]')
        .getByRole('row', { name: new RegExp(post.title) });
      await postRow.getByRole('button', { name: '报名处理' }).click();
      const drawer = page.getByRole('dialog').filter({ hasText: '报名处理' });
      const application = drawer.getByRole('row', { name: /希望到基层锻炼/ });
      await expectText(application, (t) => t.includes('已报名'), 'the application is listed as pending');
      await screenshot('17-2-applications', page);
      await application
        .getByRole('button', { name: /录\s?用/ })
        .first()
        .click();
      await expectText(application, (t) => t.includes('已录用'), 'the application shows 已录用');
      await drawer
        .getByRole('button', { name: /Close|关闭/ })
        .click()
        .catch(() => page.keyboard.press('Escape'));
      const placement = page
        .locator('[data-testid="placement-table"]')
        .getByRole('row', { name: new RegExp(post.title) })
        .filter({ hasText: '已录用' })
        .first();
      await placement
        .getByRole('button', { name: /完\s?成/ })
        .first()
        .click();
      await expectText(
        page.locator('.ant-message'),
        (t) => t.includes('已标记为已完成'),
        'the placement is completed',
      );
      await screenshot('17-2-placement-completed', page);
      await page.context().close();
    },
  },
];
