import type { Page } from 'playwright-core';
import { assert, byTestId, expectText, type Journey, signIn, textOf } from './harness.ts';

/**
 * Issue 15, reminders in the admin: a user sets where his reminders go (通知设置, from the user menu), and a
 * county administrator reads his reach's outbox (消息发送记录) and sends a failed message again. The demo gives
 * every staff account an e-mail address and dh_school an SMS whose text of yesterday failed for good
 * (src/demo/notifications.ts).
 */
async function openFromUserMenu(page: Page, item: string) {
  await byTestId(page, 'user-menu').click();
  await page.getByRole('menuitem', { name: item }).click();
}

export const notificationJourneys: Journey[] = [
  {
    name: 'notifications: a user changes his 通知设置 — masked contacts, SMS added, WeChat off, saved',
    async run({ server, browser, screenshot }) {
      const page = await signIn(browser, server.baseUrl, 'branch_sec');
      await openFromUserMenu(page, '通知设置');
      await page.waitForURL(/\/admin\/notifications\/settings$/);
      // His demo address, masked: never whole on the page.
      await expectText(
        byTestId(page, 'notify-contact-email'),
        (t) => t === 'br***@demo.example',
        'masked e-mail',
      );
      assert(
        !(await textOf(page.locator('body'))).includes('branch_sec@demo.example'),
        'no address shown whole',
      );
      assert(await byTestId(page, 'notify-save').isDisabled(), 'nothing to save before a change');

      await byTestId(page, 'notify-edit-sms').click();
      await byTestId(page, 'notify-input-sms').fill('139 0000 0002');
      await byTestId(page, 'notify-todo_digest:wechat').click();
      await byTestId(page, 'notify-save').click();
      await expectText(
        byTestId(page, 'notify-contact-sms'),
        (t) => t === '139****0002',
        'the new mobile, masked',
      );
      await page.getByText('通知设置已保存').waitFor();
      await screenshot('15-notification-settings', page);

      // Kept: a fresh page shows the same.
      await page.reload();
      await expectText(byTestId(page, 'notify-contact-sms'), (t) => t === '139****0002', 'kept after reload');
      assert(!(await byTestId(page, 'notify-todo_digest:wechat').isChecked()), 'WeChat stays off');
      assert(await byTestId(page, 'notify-todo_digest:sms').isChecked(), 'SMS is on for the digest');
      // The daily digest switched off turns every channel off.
      await byTestId(page, 'notify-kind-todo_digest').click();
      for (const channel of ['email', 'wechat', 'sms'])
        assert(
          !(await byTestId(page, `notify-todo_digest:${channel}`).isChecked()),
          `${channel} off with the digest`,
        );
      await byTestId(page, 'notify-save').click();
      await page.getByText('通知设置已保存').first().waitFor();
      await page.reload();
      await byTestId(page, 'notify-kinds').waitFor();
      assert(
        (await byTestId(page, 'notify-kind-todo_digest').getAttribute('aria-checked')) === 'false',
        'the digest stays off',
      );
      await page.context().close();
    },
  },
  {
    name: 'notifications: an admin sees the outbox of his reach and resends a failed message',
    async run({ server, browser, screenshot }) {
      const page = await signIn(browser, server.baseUrl, 'donghu_admin');
      await openFromUserMenu(page, '消息发送记录');
      await page.waitForURL(/\/admin\/notifications\/outbox$/);
      const table = byTestId(page, 'outbox-table');
      const failed = table.locator('tr', { hasText: 'dh_school' }).filter({ hasText: '失败' });
      await failed.first().waitFor();
      const row = await expectText(failed.first(), (t) => t.includes('短信'), 'the failed SMS');
      assert(row.includes('短信网关无应答') && row.includes('6'), `its attempts and last error: ${row}`);
      // Only titles: no message body, no address.
      const all = await textOf(table);
      assert(!all.includes('请登录查看') && !/@demo\.example|1390000/.test(all), 'no body or address shown');
      await screenshot('15-outbox', page);

      const button = failed.first().getByRole('button', { name: '重新发送' });
      const id = (await button.getAttribute('data-testid'))?.replace('outbox-resend-', '');
      assert(id, 'the resend button names its message');
      await button.click();
      await page.getByText('已重新排入发送').waitFor();
      // Waiting again, or already sent by the minute's sender job; either way no longer 失败, and no button.
      const again = table.locator(`tr[data-row-key="${id}"]`);
      await expectText(again, (t) => /待发送|发送中|已发送/.test(t), 'the message is queued again');
      assert((await again.getByRole('button', { name: '重新发送' }).count()) === 0, 'no second resend');
      await screenshot('15-outbox-resent', page);
      await page.context().close();
    },
  },
];
