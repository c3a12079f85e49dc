import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../test/db.ts';
import { buildUser } from '../test/factories.ts';
import type { App } from './app.ts';

for (const dialect of DIALECTS) {
  describe(`client address and X-Forwarded-For (${dialect})`, () => {
    let ctx: TestContext;
    const apps: App[] = [];
    const failedLogin = (app: App, forwardedFor: string, username = 'clerk') =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.0.0.9',
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { username, password: 'not-the-password' },
      });
    const lastFailureIp = async () =>
      (
        await ctx.db
          .selectFrom('audit_log')
          .select('ip')
          .where('action', '=', 'login_failed')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
      ).ip;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      await buildUser(ctx, { username: 'clerk', orgCode: 'SL-A' });
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      await ctx.dispose();
    });

    it('ignores a forged X-Forwarded-For by default: the audit log and the login limit see the peer', async () => {
      const app = await buildTestApp(ctx, { loginRateLimit: 3 });
      apps.push(app);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await failedLogin(app, `203.0.113.${i}`, `u${i}`)).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      expect(await lastFailureIp()).toBe('10.0.0.9');
    });

    it('believes the header only from the configured proxy', async () => {
      ctx.config.trustProxy = '10.0.0.0/8';
      const app = await buildTestApp(ctx);
      apps.push(app);
      ctx.config.trustProxy = false;
      await failedLogin(app, '198.51.100.23');
      expect(await lastFailureIp()).toBe('198.51.100.23');
    });
  });
}
