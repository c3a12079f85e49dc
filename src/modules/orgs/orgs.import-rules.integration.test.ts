import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { multipartFile } from '../../test/dump.ts';
import { buildOrg, buildRegion, buildUser } from '../../test/factories.ts';

const HEADER = '组织编码,组织名称,组织类型,组织层级,上级组织编码,所属领域,所在区划编码';

/** Issue 12 (low): the org API's rules against look-alike committees and a rewritten own root, in the import too. */
for (const dialect of DIALECTS) {
  describe(`org import: look-alike names and the admin's own root (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let county: Session;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildRegion(ctx, '419900', 'city');
      await buildRegion(ctx, '419901', 'county');
      await buildOrg(ctx, {
        code: 'SL',
        name: '示例市团委',
        parentCode: null,
        kind: 'committee',
        level: 'city',
      });
      await buildOrg(ctx, {
        code: 'SL-A',
        name: '甲县团委',
        parentCode: 'SL',
        kind: 'committee',
        level: 'county',
      });
      await buildOrg(ctx, {
        code: 'SL-A-T1',
        name: '甲县一镇团工委',
        parentCode: 'SL-A',
        kind: 'working_committee',
        level: 'township',
      });
      await buildUser(ctx, { username: 'jia-admin', orgCode: 'SL-A', roles: ['org_admin'] });
      county = await login(sut, 'jia-admin', 'correct-horse-battery');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const importOrgs = (rows: string[]) => {
      const file = multipartFile('orgs.csv', Buffer.from(`${HEADER}\n${rows.join('\n')}\n`));
      return sut.inject({
        method: 'POST',
        url: '/api/imports/orgs',
        headers: { ...county.headers, ...file.headers },
        payload: file.payload,
      });
    };
    const orgs = () => ctx.db.selectFrom('orgs').selectAll().orderBy('id').execute();

    it('refuses a new org or a renaming that passes for a committee of his level or above', async () => {
      const before = await orgs();
      const res = await importOrgs([
        'SL-A-FAKE,乙县团委,团委,乡镇,SL-A,乡镇街道,419901',
        'SL-A-FAKE2,共青团示例市委员会,团委,乡镇,SL-A,乡镇街道,419901',
        'SL-A-T1,河南省团委,团工委,乡镇,SL-A,乡镇街道,419901',
      ]);
      expect(res.statusCode, res.body).toBe(422);
      const errors = res.json().error.details.errors as { row: number; column: string; reason: string }[];
      expect(errors.map((e) => [e.row, e.column])).toEqual([
        [2, '组织名称'],
        [3, '组织名称'],
        [4, '组织名称'],
      ]);
      expect(errors[0]!.reason).toBe('组织名称不能冒用本级或上级团委的名称，请以本组织的实际名称登记');
      expect(await orgs()).toEqual(before);
    });

    it("refuses to change his own root's level, kind or name", async () => {
      const before = await orgs();
      const res = await importOrgs(['SL-A,甲县团委,团委,市,SL,乡镇街道,419901']);
      expect(res.statusCode, res.body).toBe(422);
      const reasons = (res.json().error.details.errors as { reason: string }[]).map((e) => e.reason);
      expect(reasons).toContain('不能修改本组织的层级，请由上级组织办理');
      expect(await orgs()).toEqual(before);
    });

    it('still imports the township committees and school branches a county founds', async () => {
      const res = await importOrgs([
        'SL-A-TOWN,城关镇团委,团委,乡镇,SL-A,乡镇街道,419901',
        'SL-A-SCH,县一中团委,团委,基层,SL-A,中学,419901',
      ]);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ inserted: 2, errorCount: 0 });
    });
  });
}
