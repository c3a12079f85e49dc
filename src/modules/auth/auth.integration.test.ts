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

    it('counts failed logins per address in the database: two servers spend one budget', async () => {
      const one = await buildTestApp(ctx, { loginRateLimit: 3 });
      const two = await buildTestApp(ctx, { loginRateLimit: 3 });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await (i % 2 ? two : one).inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '192.0.2.7',
          payload: { username: `nobody${i}`, password: 'x' },
        });
        codes.push(res.statusCode);
      }
      await one.close();
      await two.close();
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    });

    it('backs off a username after repeated failures from any address, even for the right password', async () => {
      await buildUser(ctx, { username: 'target', orgCode: 'SL-A' });
      const attempt = (password: string, n: number) =>
        sut.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: `198.51.100.${n}`,
          payload: { username: 'target', password },
        });
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await attempt('wrong-guess', i)).statusCode);
      expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
      const right = await attempt('correct-horse-battery', 9);
      expect(right.statusCode).toBe(429);
      expect(right.json().error).toEqual({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^尝试次数过多/),
      });
    });

    it('keeps the audit log append-only', async () => {
      await expect(ctx.db.updateTable('audit_log').set({ summary: 'x' }).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(ctx.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    });
  });
}
