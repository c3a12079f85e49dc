import { assert, byTestId, type Journey, textOf } from './harness.ts';

export const loginJourneys: Journey[] = [
  {
    name: 'login: anonymous visitor is sent to the login page; a wrong password is refused in Chinese',
    async run({ server, page, screenshot }) {
      await page.goto(`${server.baseUrl}/admin/`);
      await page.waitForURL(/\/admin\/login/);
      await byTestId(page, 'login-form').waitFor();
      await page.getByPlaceholder('用户名', { exact: true }).fill(server.login.username);
      await page.getByPlaceholder('密码', { exact: true }).fill('not-the-password');
      await byTestId(page, 'login-submit').click();
      const error = byTestId(page, 'login-error');
      await error.waitFor();
      const text = await textOf(error);
      assert(/[\u4e00-\u9fff]/.test(text), `the login error should be Chinese, got ${JSON.stringify(text)}`);
      await screenshot('01-login-refused');
    },
  },
  {
    name: 'login: the admin signs in and sees the workbench',
    async run({ server, page, screenshot }) {
      await page.getByPlaceholder('密码', { exact: true }).fill(server.login.password);
      await byTestId(page, 'login-submit').click();
      await byTestId(page, 'user-menu').waitFor();
      assert(!/\/login/.test(page.url()), `still on the login page: ${page.url()}`);
      await byTestId(page, 'org-scope').waitFor();
      await screenshot('02-home');
    },
  },
];
