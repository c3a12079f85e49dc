import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildUser } from '../../test/factories.ts';

/** Issue 17, item 6: the receiving organisation is found by name, within the caller's own county. */
for (const dialect of DIALECTS) {
  describe(`transfer destinations (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
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
      await buildOrg(ctx, { code: 'SL-A-T1', name: '城关镇团委', parentCode: 'SL-A', kind: 'committee' });
      await buildOrg(ctx, { code: 'SL-A-T1-B1', name: '城关镇东街村团支部', parentCode: 'SL-A-T1' });
      await buildOrg(ctx, { code: 'SL-A-T2', name: '河口镇团委', parentCode: 'SL-A', kind: 'committee' });
      await buildOrg(ctx, { code: 'SL-A-T2-B1', name: '河口镇东街村团支部', parentCode: 'SL-A-T2' });
      await buildOrg(ctx, {
        code: 'SL-B',
        name: '乙县团委',
        parentCode: 'SL',
        kind: 'committee',
        level: 'county',
      });
      await buildOrg(ctx, { code: 'SL-B-B1', name: '乙县东街村团支部', parentCode: 'SL-B' });
      await buildUser(ctx, { username: 'b1-sec', orgCode: 'SL-A-T1-B1', roles: ['branch_secretary'] });
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('finds the county’s branches by name for a branch secretary, and none of another county', async () => {
      const s = await login(sut, 'b1-sec', 'correct-horse-battery');
      const res = await sut.inject({
        method: 'GET',
        url: `/api/membership/transfers/destinations?q=${encodeURIComponent('东街')}`,
        headers: { cookie: s.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        within: { code: 'SL-A', name: '甲县团委' },
        items: [
          { code: 'SL-A-T1-B1', name: '城关镇东街村团支部', kind: 'branch', parentName: '城关镇团委' },
          { code: 'SL-A-T2-B1', name: '河口镇东街村团支部', kind: 'branch', parentName: '河口镇团委' },
        ],
      });
      const percent = await sut.inject({
        method: 'GET',
        url: `/api/membership/transfers/destinations?q=${encodeURIComponent('%')}`,
        headers: { cookie: s.cookie },
      });
      expect(percent.json().items).toEqual([]);
    });
  });
}
