import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { makeIdNumber } from '../src/lib/id-number.ts';
import { assert, byTestId, expectText, type Journey, signIn, textOf } from './harness.ts';
import { organiserApi } from './volunteering.spec.ts';

const PHONE = { width: 390, height: 844 };

/** A number no earlier run has used: the sequence and birth day move with the clock. */
function freshIdNumber(region: string, salt: number): string {
  const n = Math.floor(Date.now() / 1000) + salt;
  const day = String((n % 28) + 1).padStart(2, '0');
  return makeIdNumber(region, `1999-0${(n % 9) + 1}-${day}`, n % 1000);
}

async function openNewPerson(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/admin/people`);
  await page.getByRole('button', { name: /新增人员/ }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '新增人员' });
  await dialog.waitFor();
  return dialog;
}

async function total(page: Page): Promise<number> {
  const text = await expectText(
    page.locator('.ant-card-head-title').filter({ hasText: /共 \d+ 人/ }),
    (t) => /共 \d+ 人/.test(t),
    'the list total',
  );
  return Number(/共 (\d+) 人/.exec(text)![1]);
}

/**
 * Issue 17, items 7 and 8: a clerk enters a person and the number fills 性别 and 出生日期; a duplicate says what to
 * do next (open the record, or 发起转入 for one registered elsewhere, naming no one); the volunteer organiser
 * confirms a registrant with the 确认 his screen shows, and his people list holds his volunteers only, with no
 * action he may not take.
 */
export const entryJourneys: Journey[] = [
  {
    name: 'person entry: the number fills sex and birth date, a duplicate says what to do; the organiser sees only what he may do',
    async run({ server, browser, screenshot }) {
      const idNumber = freshIdNumber('419801', 0);
      const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
      const sex = Number(idNumber[16]) % 2 === 1 ? '男' : '女';
      const name = `录入${idNumber.slice(-4)}`;

      // The clerk of 东湖县 enters a person: the number fills sex and birth date as it is typed.
      const clerk = await signIn(browser, server.baseUrl, 'donghu_admin');
      const county = await clerk.evaluate(() =>
        fetch('/api/auth/me').then((r) => r.json() as Promise<{ user: { org: { code: string } } }>),
      );
      const dialog = await openNewPerson(clerk, server.baseUrl);
      await byTestId(clerk, 'person-id-number').fill(idNumber);
      await expectText(
        byTestId(clerk, 'person-gender'),
        (t) => t.includes(sex),
        'sex filled from the number',
      );
      const birthValue = await byTestId(clerk, 'person-birth-date').locator('input').inputValue();
      assert(birthValue === birth, `birth date filled from the number: ${birthValue}, expected ${birth}`);
      await dialog.getByLabel('姓名').fill(name);
      await dialog.getByLabel('政治面貌').click();
      await clerk.locator('.ant-select-dropdown:visible .ant-select-item-option[title="群众"]').click();
      await screenshot('17-7-entry-filled', clerk);
      // A wrong sex is refused beside the field, and the message goes once the field changes.
      await byTestId(clerk, 'person-gender').click();
      await clerk
        .locator(
          `.ant-select-dropdown:visible .ant-select-item-option[title="${sex === '男' ? '女' : '男'}"]`,
        )
        .click();
      await dialog.getByRole('button', { name: /新\s?增/ }).click();
      await expectText(dialog, (t) => t.includes('性别与证件号码不符'), 'a sex that contradicts the number');
      await byTestId(clerk, 'person-gender').click();
      await clerk.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${sex}"]`).click();
      await expectText(dialog, (t) => !t.includes('性别与证件号码不符'), 'the stale message cleared');
      await dialog.getByRole('button', { name: /新\s?增/ }).click();
      await clerk.waitForURL(/\/admin\/people\/\d+/);
      await expectText(
        clerk.locator('.ant-card').first(),
        (t) => t.includes(name),
        'the new person’s record',
      );
      await clerk.context().close();

      // Another county holds a person; entering him in 东湖县 says he is registered elsewhere, names no one.
      const xiling = await browser.newContext({ locale: 'zh-CN' });
      const other = await organiserApi(xiling.request, server.baseUrl, 'xiling_admin', DEMO_PASSWORD);
      const elsewhere = freshIdNumber('419802', 7);
      await other.post('/api/people', { idNumber: elsewhere, name: '西岭外县人', politicalStatus: 'masses' });
      await xiling.close();

      // On a phone: the same number again opens the record; the other county's asks for a transfer-in.
      const phone = await signIn(browser, server.baseUrl, 'donghu_admin', PHONE);
      for (const [number, expected, action] of [
        [idNumber, name, '打开档案'],
        [elsewhere, '发起转入', '去发起转入'],
      ] as const) {
        const form = await openNewPerson(phone, server.baseUrl);
        await byTestId(phone, 'person-id-number').fill(number);
        await form.getByLabel('姓名').fill('重复录入');
        await form.getByLabel('政治面貌').click();
        await phone.locator('.ant-select-dropdown:visible .ant-select-item-option[title="群众"]').click();
        await form.getByRole('button', { name: /新\s?增/ }).click();
        const notice = byTestId(phone, 'person-duplicate');
        const text = await expectText(
          notice,
          (t) => t.includes(expected),
          `the duplicate notice for ${expected}`,
        );
        assert(!text.includes('西岭外县人'), 'the other county’s person is named');
        await notice.getByText(action).waitFor();
        await screenshot(
          number === idNumber ? '17-7-duplicate-here-phone' : '17-7-duplicate-elsewhere-phone',
          phone,
        );
        if (number === elsewhere) {
          await notice.getByText(action).click();
          await phone.waitForURL(/tab=transfers/);
        } else {
          await phone.keyboard.press('Escape');
        }
      }
      await phone.context().close();

      // The person registers as a volunteer; the organiser confirms him with the 确认 his screen shows.
      const young = await browser.newContext({ locale: 'zh-CN' });
      const mobile = `137${idNumber.slice(-8, -1).replace(/X/g, '0')}${sex === '男' ? 1 : 2}`;
      const reg = await young.request.post(`${server.baseUrl}/public/volunteering/register`, {
        data: { orgCode: county.user.org.code, idNumber, name, phone: mobile, password: 'Young-pass-17' },
      });
      assert(reg.ok(), `registration: ${reg.status()} ${await reg.text()}`);
      await young.close();

      const organiser = await signIn(browser, server.baseUrl, 'volunteer_org');
      await organiser.goto(`${server.baseUrl}/admin/volunteering`);
      await organiser.getByRole('tab', { name: '注册审核' }).click();
      const row = organiser.getByRole('row', { name: new RegExp(name) });
      await row.getByRole('button', { name: /确\s?认/ }).click();
      await expectText(row, (t) => t.includes('已确认'), 'the registrant confirmed by the organiser');
      await screenshot('17-8-organiser-confirmed', organiser);

      // His people list: his volunteers, not the county's roll; no action he may not take.
      await organiser.goto(`${server.baseUrl}/admin/people`);
      const mine = await total(organiser);
      const nav = await textOf(organiser.locator('.ant-menu').first());
      assert(!nav.includes('团员管理'), 'the organiser is offered 团员管理');
      assert(
        (await organiser.getByRole('button', { name: /新增人员/ }).count()) === 0,
        '新增人员 shown to the organiser',
      );
      assert((await byTestId(organiser, 'people-export').count()) === 0, '导出 shown to the organiser');
      await byTestId(organiser, 'people-q').locator('input').fill(name);
      await byTestId(organiser, 'people-q').locator('input').press('Enter');
      await expectText(
        byTestId(organiser, 'people-table'),
        (t) => t.includes(name),
        'his confirmed volunteer listed',
      );
      await screenshot('17-8-organiser-people', organiser);
      await organiser.context().close();

      const staff = await signIn(browser, server.baseUrl, 'donghu_admin');
      await staff.goto(`${server.baseUrl}/admin/people`);
      const all = await total(staff);
      assert(mine < all / 10, `the organiser reads ${mine} of the county's ${all} people`);
      await staff.context().close();
    },
  },
];
