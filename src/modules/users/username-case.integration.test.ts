import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildUser } from '../../test/factories.ts';

/** Issue 12 (low): `ADMIN` beside `admin` — one account per name whatever its case. */
for (const dialect of DIALECTS) {
  describe(`usernames regardless of case (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildUser(ctx, { username: 'county-admin', orgCode: 'SL-A', roles: ['org_admin'] });
      await buildUser(ctx, { username: 'Clerk.Wang', orgCode: 'SL-A', roles: ['school_staff'] });
      admin = await login(sut, 'county-admin', 'correct-horse-battery');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('signs in whatever case the name is typed in, as the account’s own name', async () => {
      for (const typed of ['clerk.wang', 'CLERK.WANG', 'Clerk.Wang']) {
        const res = await sut.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: typed, password: 'correct-horse-battery' },
        });
        expect(res.statusCode, typed).toBe(200);
        expect(res.json().user.username).toBe('Clerk.Wang');
      }
    });

    it('refuses to create a case variant of an existing name, in Chinese, and creates nothing', async () => {
      const before = await ctx.db.selectFrom('users').select('id').execute();
      for (const username of ['clerk.wang', 'COUNTY-ADMIN']) {
        const res = await sut.inject({
          method: 'POST',
          url: '/api/users',
          headers: admin.headers,
          payload: {
            username,
            password: 'long-enough-password-1',
            displayName: '冒名',
            orgCode: 'SL-A',
            roles: ['school_staff'],
          },
        });
        expect(res.statusCode, username).toBe(409);
        expect(res.json().error.message).toMatch(/用户名.*已被使用/);
      }
      expect(await ctx.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
    });

    it('holds in the database too: a unique index on lower(username)', async () => {
      await expect(buildUser(ctx, { username: 'CLERK.wang', orgCode: 'SL-A' })).rejects.toThrow();
    });
  });
}
