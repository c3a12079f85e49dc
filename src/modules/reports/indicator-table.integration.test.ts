import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { INDICATORS } from './indicators.ts';

const PERIOD = 'org=IT-A&from=2022-01-01&to=2023-12-31';

/** Issue 16 item 3: what the routes answer is the indicator table's, key for key and column for column. */
for (const dialect of DIALECTS) {
  describe(`the report's routes read the indicator table (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, {
        code: 'IT-A',
        name: '表县团委',
        parentCode: null,
        kind: 'committee',
        level: 'county',
      });
      await buildUser(ctx, { username: 'table-admin', orgCode: 'IT-A', roles: ['org_admin'] });
      admin = await login(sut, 'table-admin', TEST_PASSWORD);
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const get = (url: string) => sut.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });

    it('answers the sheet, the cards, and each drill-down and export with the entries of the table', async () => {
      const sheet = (await get(`/api/reports/answer-sheet?${PERIOD}`)).json();
      expect(Object.keys(sheet.indicators)).toEqual(INDICATORS.map((i) => i.key));
      const cards = (await get('/api/reports/indicators')).json().items;
      expect(cards.map((c: { key: string; label: string }) => [c.key, c.label])).toEqual(
        INDICATORS.map((i) => [i.key, i.label]),
      );
      for (const i of INDICATORS) {
        const titles = i.records.columns.map((c) => c.title);
        const page = (await get(`/api/reports/records?${PERIOD}&indicator=${i.key}`)).json();
        expect([page.label, page.columns], i.key).toEqual([i.label, i.records.columns]);
        const file = await get(`/api/reports/records/export?${PERIOD}&indicator=${i.key}`);
        expect(file.statusCode, i.key).toBe(200);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
        const header = book.worksheets[0]!.getRow(1).values as unknown[];
        expect(header.slice(1), i.key).toEqual(titles);
      }
    });
  });
}
