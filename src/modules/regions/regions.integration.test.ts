import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../../db/create-db.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildRegion, buildUser } from '../../test/factories.ts';
import { insertRegion } from './regions.repository.ts';

for (const dialect of DIALECTS) {
  describe(`regions (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      const county = await buildRegion(ctx, '419901', 'county');
      const now = nowIso();
      await insertRegion(ctx.db, {
        code: '419901001',
        name: '城关镇',
        level: 'township',
        parent_id: county,
        path: `/${county}/?`,
        created_at: now,
        updated_at: now,
      });
      const user = await buildUser(ctx, { orgCode: 'SL-A', roles: ['org_admin'] });
      admin = await login(sut, user.username, user.password);
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const get = (url: string) => sut.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });

    it('answers the user’s own region, then its children, with every field the admin reads', async () => {
      const own = await get('/api/regions');
      expect(own.statusCode).toBe(200);
      expect(own.json()).toEqual({
        items: [{ code: '419901', name: '区划419901', level: 'county', parentCode: null }],
      });
      const children = await get('/api/regions?parent=419901');
      expect(children.json()).toEqual({
        items: [{ code: '419901001', name: '城关镇', level: 'township', parentCode: '419901' }],
      });
    });
  });
}
