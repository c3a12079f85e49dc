import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { buildChildRegion, buildCounty } from '../../test/county-factories.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';

for (const dialect of DIALECTS) {
  describe(`venues: youth homes and township coverage (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildCounty(ctx);
      await buildChildRegion(ctx, '419901001', 'township', '419901', '一镇');
      await buildChildRegion(ctx, '419901002', 'township', '419901', '二镇');
      await buildChildRegion(ctx, '419901003', 'township', '419901', '三镇');
      await buildChildRegion(ctx, '419901001001', 'village', '419901001', '一镇一村');
      await buildChildRegion(ctx, '419901003001', 'village', '419901003', '三镇一村');
      admin = await login(sut, 'sl-a-admin', 'correct-horse-battery');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const create = (payload: object) =>
      sut.inject({ method: 'POST', url: '/api/venues', headers: admin.headers, payload });
    const coverage = async (to = '2023-12-31') =>
      (
        await sut.inject({
          method: 'GET',
          url: `/api/venues/coverage?org=SL-A&to=${to}`,
          headers: { cookie: admin.cookie },
        })
      ).json();

    it('counts a youth home in a village for its township', async () => {
      const village = await create({
        name: '一村青年之家',
        kind: 'youth_home',
        regionCode: '419901001001',
        orgCode: 'SL-A-T1-V1',
        openedOn: '2022-06-01',
      });
      expect(village.statusCode, village.body).toBe(201);
      // A 青翼家园 is not a youth home; a closed youth home does not count.
      await create({
        name: '三镇青翼家园',
        kind: 'qingyi_home',
        regionCode: '419901003',
        orgCode: 'SL-A',
        openedOn: '2022-01-01',
      });
      const closed = await create({
        name: '三镇一村青年之家',
        kind: 'youth_home',
        regionCode: '419901003001',
        orgCode: 'SL-A',
        openedOn: '2021-01-01',
        status: 'closed',
      });
      expect(closed.statusCode).toBe(201);
      const c = await coverage();
      expect(c).toMatchObject({ townships: 3, covered: 1, coverage: 0.3333 });
      expect(c.items).toEqual([
        { code: '419901001', name: '一镇', youthHomes: 1, covered: true },
        { code: '419901002', name: '二镇', youthHomes: 0, covered: false },
        { code: '419901003', name: '三镇', youthHomes: 0, covered: false },
      ]);
      // Before it opened, it covered nothing.
      expect((await coverage('2022-05-31')).covered).toBe(0);
      const reopened = await sut.inject({
        method: 'PATCH',
        url: `/api/venues/${closed.json().id}`,
        headers: admin.headers,
        payload: { status: 'active' },
      });
      expect(reopened.statusCode).toBe(200);
      expect((await coverage()).covered).toBe(2);
      const report = await sut.inject({
        method: 'GET',
        url: '/api/reports/answer-sheet?org=SL-A&from=2023-01-01&to=2023-12-31',
        headers: { cookie: admin.cookie },
      });
      expect(report.json().indicators).toMatchObject({
        'venue.townships': 3,
        'venue.townships_covered': 2,
        'venue.youth_homes': 2,
        'venue.qingyi': 1,
      });
    });

    it('refuses a venue placed at county level, and lists with filters', async () => {
      const county = await create({
        name: '县青年之家',
        kind: 'youth_home',
        regionCode: '419901',
        orgCode: 'SL-A',
      });
      expect(county.statusCode).toBe(422);
      expect(county.json().error.message).toBe('阵地所在地应为乡镇（街道）或村（社区）');
      const list = await sut.inject({
        method: 'GET',
        url: '/api/venues?org=SL-A&kind=youth_home&status=active',
        headers: { cookie: admin.cookie },
      });
      expect(list.json().total).toBe(2);
      // The reply declares its fields (issue 12): what the admin's table shows, nothing else.
      expect(list.json().items[0]).toEqual({
        id: expect.any(Number),
        code: expect.stringMatching(/^SL-A/),
        name: '一村青年之家',
        kind: 'youth_home',
        openedOn: '2022-06-01',
        status: 'active',
        region: { code: '419901001001', name: '一镇一村', level: 'village' },
        org: { code: 'SL-A-T1-V1', name: expect.any(String) },
      });
    });
  });
}
