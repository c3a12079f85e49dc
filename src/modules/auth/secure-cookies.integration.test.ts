import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildUser } from '../../test/factories.ts';

/** Issue 12 (low): session cookies are Secure by default wherever the site is served over HTTPS. */
for (const dialect of DIALECTS) {
  describe(`Secure session cookies (${dialect})`, () => {
    let ctx: TestContext;
    const apps: App[] = [];

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      await buildUser(ctx, { username: 'clerk', orgCode: 'SL-A' });
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      await ctx.dispose();
    });

    /** Logs in through an app built with the configuration changes; the Secure flag of each cookie set. */
    async function secureFlags(
      config: Partial<TestContext['config']>,
      request: { headers?: Record<string, string>; remoteAddress?: string } = {},
    ): Promise<boolean[]> {
      const saved = ctx.config;
      ctx.config = { ...saved, ...config };
      const app = await buildTestApp(ctx);
      apps.push(app);
      const res = await app
        .inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'clerk', password: 'correct-horse-battery' },
          ...request,
        })
        .finally(() => {
          ctx.config = saved;
        });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.map((c) => c.name).sort()).toEqual(['tuanwu_csrf', 'tuanwu_session']);
      return res.cookies.map((c) => c.secure === true);
    }

    it('are Secure by default when TUANWU_PUBLIC_URL is https', async () => {
      expect(await secureFlags({ secureCookies: 'auto', publicUrl: 'https://tuanwu.example.cn' })).toEqual([
        true,
        true,
      ]);
    });

    it('are Secure when the request came over https through the trusted proxy', async () => {
      const flags = await secureFlags(
        { secureCookies: 'auto', trustProxy: '10.0.0.0/8' },
        { remoteAddress: '10.0.0.9', headers: { 'x-forwarded-proto': 'https' } },
      );
      expect(flags).toEqual([true, true]);
    });

    it('believe X-Forwarded-Proto from nobody else, and stay plain on plain-http development', async () => {
      expect(
        await secureFlags(
          { secureCookies: 'auto', trustProxy: false },
          { remoteAddress: '203.0.113.5', headers: { 'x-forwarded-proto': 'https' } },
        ),
      ).toEqual([false, false]);
      expect(await secureFlags({ secureCookies: 'auto', publicUrl: 'http://localhost:3000' })).toEqual([
        false,
        false,
      ]);
    });

    it('follow TUANWU_SECURE_COOKIES when it is set either way', async () => {
      expect(await secureFlags({ secureCookies: true })).toEqual([true, true]);
      expect(await secureFlags({ secureCookies: false, publicUrl: 'https://tuanwu.example.cn' })).toEqual([
        false,
        false,
      ]);
    });
  });
}
