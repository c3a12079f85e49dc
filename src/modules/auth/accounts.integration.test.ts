import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.ts';

const NEW_PASSWORD = 'New-Password-2026';

for (const dialect of DIALECTS) {
  describe(`account lifecycle (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;
    let adminB: Session;
    const ids: Record<string, number> = {};

    const call = (s: Session | null, method: 'GET' | 'POST', url: string, payload?: object) =>
      sut.inject({
        method,
        url,
        headers: s ? (method === 'GET' ? { cookie: s.cookie } : s.headers) : {},
        ...(payload ? { payload } : {}),
      });
    const tryLogin = (username: string, password: string) =>
      sut.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const audited = async (action: string, entityId: number) =>
      (
        await ctx.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', action)
          .where('entity_id', '=', String(entityId))
          .execute()
      ).length;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, { code: 'SL-B', parentCode: null, kind: 'committee', level: 'county' });
      for (const [username, roles] of [
        ['jia-admin', ['org_admin']],
        ['self', ['school_staff']],
        ['clerk', ['school_staff']],
        ['leaver', ['school_staff']],
        ['xl', ['counsellor']],
      ] as const) {
        ids[username] = (await buildUser(ctx, { username, orgCode: 'SL-A', roles: [...roles] })).id;
      }
      await buildUser(ctx, { username: 'yi-admin', orgCode: 'SL-B', roles: ['org_admin'] });
      admin = await login(sut, 'jia-admin', TEST_PASSWORD);
      adminB = await login(sut, 'yi-admin', TEST_PASSWORD);
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('changes his own password with the current one, ending his other sessions', async () => {
      const here = await login(sut, 'self', TEST_PASSWORD);
      const elsewhere = await login(sut, 'self', TEST_PASSWORD);
      const wrong = await call(here, 'POST', '/api/auth/password', {
        currentPassword: 'not-it',
        newPassword: NEW_PASSWORD,
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.message).toBe('当前密码不正确');
      const weak = await call(here, 'POST', '/api/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'aaaaaaaa',
      });
      expect(weak.statusCode).toBe(422);
      const ok = await call(here, 'POST', '/api/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
      });
      expect(ok.statusCode, ok.body).toBe(204);
      expect((await call(here, 'GET', '/api/auth/me')).statusCode).toBe(200);
      expect((await call(elsewhere, 'GET', '/api/auth/me')).statusCode).toBe(401);
      expect((await tryLogin('self', TEST_PASSWORD)).statusCode).toBe(401);
      expect((await tryLogin('self', NEW_PASSWORD)).statusCode).toBe(200);
      expect(await audited('password_change', ids.self!)).toBe(1);
    });

    it('lets an admin in reach reset a password: sessions end, the next login must change it first', async () => {
      const before = await login(sut, 'clerk', TEST_PASSWORD);
      expect(
        (await call(adminB, 'POST', `/api/users/${ids.clerk}/password`, { newPassword: NEW_PASSWORD }))
          .statusCode,
      ).toBe(404);
      const reset = await call(admin, 'POST', `/api/users/${ids.clerk}/password`, {
        newPassword: NEW_PASSWORD,
      });
      expect(reset.statusCode, reset.body).toBe(204);
      expect((await call(before, 'GET', '/api/auth/me')).statusCode).toBe(401);
      const res = await tryLogin('clerk', NEW_PASSWORD);
      expect(res.statusCode).toBe(200);
      expect(res.json().mustChangePassword).toBe(true);
      const after = await login(sut, 'clerk', NEW_PASSWORD);
      const blocked = await call(after, 'GET', '/api/orgs/tree');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.message).toBe('管理员已重置您的密码，请先修改密码');
      const changed = await call(after, 'POST', '/api/auth/password', {
        currentPassword: NEW_PASSWORD,
        newPassword: 'Own-choice-2026!',
      });
      expect(changed.statusCode).toBe(204);
      expect((await call(after, 'GET', '/api/auth/me')).json().mustChangePassword).toBe(false);
      expect(await audited('password_reset', ids.clerk!)).toBe(1);
      // A counsellor's login is the system admin's to reset: the county admin would read the notes through it.
      const counsellor = await call(admin, 'POST', `/api/users/${ids.xl}/password`, {
        newPassword: NEW_PASSWORD,
      });
      expect(counsellor.statusCode).toBe(403);
    });

    it('disables an account at once (sessions end, login refused with a clear message) and enables it again', async () => {
      const session = await login(sut, 'leaver', TEST_PASSWORD);
      expect((await call(admin, 'POST', `/api/users/${ids['jia-admin']}/disable`)).statusCode).toBe(403);
      expect((await call(adminB, 'POST', `/api/users/${ids.leaver}/disable`)).statusCode).toBe(404);
      expect((await call(admin, 'POST', `/api/users/${ids.leaver}/disable`)).statusCode).toBe(204);
      expect((await call(session, 'GET', '/api/auth/me')).statusCode).toBe(401);
      const refused = await tryLogin('leaver', TEST_PASSWORD);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toBe('账号已停用，请联系管理员');
      expect((await tryLogin('leaver', 'Wrong-guess-2026')).json().error.message).toBe('用户名或密码错误');
      const list = (await call(admin, 'GET', '/api/users')).json().items;
      expect(list.find((u: { username: string }) => u.username === 'leaver').status).toBe('disabled');
      expect((await call(admin, 'POST', `/api/users/${ids.leaver}/enable`)).statusCode).toBe(204);
      expect((await tryLogin('leaver', TEST_PASSWORD)).statusCode).toBe(200);
      expect(await audited('disable', ids.leaver!)).toBe(1);
      expect(await audited('enable', ids.leaver!)).toBe(1);
    });

    it('is run from the command line too: user passwd reads the password from stdin, user disable|enable', async () => {
      const saved = { secret: process.env.TUANWU_SECRET, dir: process.env.TUANWU_DATA_DIR };
      Object.assign(process.env, { TUANWU_SECRET: ctx.config.secret, TUANWU_DATA_DIR: ctx.config.dataDir });
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      const err = vi.spyOn(console, 'error').mockImplementation(() => {});
      const run = (args: string[], input = '') =>
        main([...args, '--db', ctx.config.databaseUrl], Readable.from([input]));
      try {
        await buildUser(ctx, { username: 'console', orgCode: 'SL-A', roles: ['school_staff'] });
        expect(await run(['user', 'passwd', 'console'], 'Operator-set-2026\n')).toBe(0);
        expect((await tryLogin('console', 'Operator-set-2026')).statusCode).toBe(200);
        expect(await run(['user', 'disable', 'console'])).toBe(0);
        expect((await tryLogin('console', 'Operator-set-2026')).statusCode).toBe(403);
        expect(await run(['user', 'enable', 'console'])).toBe(0);
        expect((await tryLogin('console', 'Operator-set-2026')).statusCode).toBe(200);
      } finally {
        log.mockRestore();
        err.mockRestore();
        for (const [k, v] of [
          ['TUANWU_SECRET', saved.secret],
          ['TUANWU_DATA_DIR', saved.dir],
        ] as const) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    });

    it('ends a session 12 hours after sign-in however busy it was', async () => {
      const session = await login(sut, 'jia-admin', TEST_PASSWORD);
      expect((await call(session, 'GET', '/api/auth/me')).statusCode).toBe(200);
      const thirteenHoursAgo = new Date(Date.now() - 13 * 3_600_000).toISOString();
      await ctx.db
        .updateTable('sessions')
        .set({ created_at: thirteenHoursAgo })
        .where('user_id', '=', ids['jia-admin']!)
        .execute();
      expect((await call(session, 'GET', '/api/auth/me')).statusCode).toBe(401);
    });
  });
}
