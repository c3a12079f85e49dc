import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildUser } from '../../test/factories.ts';

for (const dialect of DIALECTS) {
  describe(`auth (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildUser(ctx, { username: 'clerk', orgCode: 'SL-A' });
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('logs in with the right password and answers /me with the session', async () => {
      const session = await login(sut, 'clerk', 'correct-horse-battery');
      const me = await sut.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: session.cookie },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json().user).toMatchObject({ username: 'clerk', org: { code: 'SL-A' } });
      expect(me.json().user.permissions).toContain('person.reveal');
    });

    it('refuses a wrong password with 401 in Chinese and records the failure', async () => {
      const res = await sut.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'clerk', password: 'nope' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: '用户名或密码错误' } });
      const failures = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'login_failed')
        .execute();
      expect(failures).toHaveLength(1);
    });

    it('answers 401 to an anonymous API call', async () => {
      const res = await sut.inject({ method: 'GET', url: '/api/people' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe('请先登录');
    });

    it('refuses a write without the CSRF token', async () => {
      const session = await login(sut, 'clerk', 'correct-horse-battery');
      const res = await sut.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: session.cookie },
      });
      expect(res.statusCode).toBe(403);
      const ok = await sut.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
      expect(ok.statusCode).toBe(204);
      const after = await sut.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: session.cookie },
      });
      expect(after.statusCode).toBe(401);
    });

    it('rate-limits repeated logins with 429', async () => {
      const limited = await buildTestApp(ctx, { loginRateLimit: 3 });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'clerk', password: 'x' },
        });
        codes.push(res.statusCode);
      }
      await limited.close();
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    });

    it('keeps the audit log append-only', async () => {
      await expect(ctx.db.updateTable('audit_log').set({ summary: 'x' }).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(ctx.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    });
  });
}
