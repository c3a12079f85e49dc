import { readFileSync } from 'node:fs';
import { assert, byTestId, expectText, type Journey, optionsOf, pickOption, signIn } from './harness.ts';

export const importJourneys: Journey[] = [
  {
    name: 'import: a people file with a wrong check digit is refused with the errors listed',
    async run({ server, page, screenshot, sample }) {
      const file = sample('invalid/people-bad-checksum.csv');
      await page.goto(`${server.baseUrl}/admin/imports`);
      const kind = byTestId(page, 'import-kind');
      await kind.waitFor();
      await pickOption(kind, /^人员信息$/);
      await expectText(kind, (t) => t.includes('人员信息'), 'the kind select should show 人员信息');
      await expectText(byTestId(page, 'import-columns'), (t) => t.includes('证件号码'), 'people columns');

      await page.locator('input[type="file"]').setInputFiles(file);
      await byTestId(page, 'import-start').click();
      const errors = byTestId(page, 'import-errors');
      await errors.waitFor();
      const text = await expectText(
        errors,
        (t) => t.includes('身份证号校验位错误'),
        'errors should list 身份证号校验位错误',
      );
      assert(/(^|\s)2(\s|$)/m.test(text), 'the check-digit error should be on row 2');
      assert(text.includes('性别与证件号码不符'), 'row 3: 性别 disagrees with the identity number');
      await expectText(byTestId(page, 'import-refused'), (t) => t.includes('错误'), 'refused banner');
      await screenshot('06-import-refused');

      // The clerk takes the list away to work through beside her spreadsheet.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        byTestId(page, 'import-outcome').getByRole('button', { name: '下载清单（CSV）' }).first().click(),
      ]);
      const saved = await download.path();
      const csv = readFileSync(saved, 'utf8');
      assert(
        download.suggestedFilename() === 'people-bad-checksum-错误清单.csv',
        `the list is named after the file, not ${download.suggestedFilename()}`,
      );
      assert(
        csv.startsWith('\uFEFF行号,列,值,原因\r\n'),
        'the list opens in Excel: BOM, Chinese header, CRLF',
      );
      assert(
        csv.includes('2,证件号码,411424200501010011,身份证号校验位错误'),
        'the list holds the check-digit error of row 2',
      );
    },
  },
  {
    name: 'import: a branch secretary is offered only the kinds his role may write, and no 数据导入 without any',
    async run({ server, browser, screenshot }) {
      const page = await signIn(browser, server.baseUrl, 'branch_sec');
      try {
        const { user } = (await (await page.request.get(`${server.baseUrl}/api/auth/me`)).json()) as {
          user: { importKinds: string[] };
        };
        const listed = (await (await page.request.get(`${server.baseUrl}/api/imports/kinds`)).json()) as {
          items: { kind: string; label: string }[];
        };
        assert(
          JSON.stringify(listed.items.map((k) => k.kind)) === JSON.stringify(user.importKinds),
          `/kinds lists ${listed.items.map((k) => k.kind)} but me.importKinds is ${user.importKinds}`,
        );
        for (const never of ['regions', 'orgs', 'schools', 'funds', 'volunteer-hours', 'grants'])
          assert(!user.importKinds.includes(never), `a branch secretary may not import ${never}`);
        assert(user.importKinds.includes('people'), 'a branch secretary imports his people');

        // Through the menu, as he would: the entry is there, and the select offers exactly his kinds.
        const menu = page.locator('.ant-layout-sider .ant-menu');
        await menu.locator('.ant-menu-item').filter({ hasText: '数据导入' }).first().click();
        const kind = byTestId(page, 'import-kind');
        await kind.waitFor();
        await expectText(kind, (t) => t.includes(listed.items[0]!.label), 'the first of his kinds is chosen');
        await kind.click();
        const options = await optionsOf(kind);
        await options.first().waitFor();
        const shown = (await options.allInnerTexts()).map((t) => t.trim());
        const expected = listed.items.map((k) => k.label);
        assert(
          JSON.stringify(shown) === JSON.stringify(expected),
          `the select offers ${shown.join('、')}; his kinds are ${expected.join('、')}`,
        );
        await screenshot('imports-branch_sec-kinds', page);
        await page.keyboard.press('Escape');

        // A role holding the import right but no kind's permission (the server's me says so): no menu entry,
        // and the page itself answers 无权访问 rather than an empty select.
        await page.route('**/api/auth/me', async (route) => {
          const response = await route.fetch();
          const body = (await response.json()) as { user: { importKinds: string[] } };
          await route.fulfill({ response, json: { ...body, user: { ...body.user, importKinds: [] } } });
        });
        await page.goto(`${server.baseUrl}/admin/imports`);
        await page.getByText('无权访问').waitFor();
        const entries = await menu.locator('.ant-menu-item').allInnerTexts();
        assert(
          entries.length > 0 && !entries.some((t) => t.includes('数据导入')),
          `menu: ${entries.join('、')}`,
        );
        await screenshot('imports-no-kinds-refused', page);
      } finally {
        await page.context().close();
      }
    },
  },
];
