import { readFileSync } from 'node:fs';
import { assert, byTestId, expectText, type Journey, pickOption } from './harness.ts';

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
      await expectText(byTestId(page, 'import-columns'), (t) => t.includes('身份证号'), 'people columns');

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
      assert(text.includes('性别与身份证号不符'), 'row 3: 性别 disagrees with the identity number');
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
        csv.includes('2,身份证号,411424200501010011,身份证号校验位错误'),
        'the list holds the check-digit error of row 2',
      );
    },
  },
];
