import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { login } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson, buildRegion, buildUser } from '../../test/factories.ts';

/** DESIGN.md: neither identity numbers nor phones go into logs or audit details in clear. */
for (const dialect of DIALECTS) {
  describe(`personal data kept out of the audit log and the request log (${dialect})`, () => {
    let ctx: TestContext;
    let sut: Awaited<ReturnType<typeof buildApp>>;
    const logged: string[] = [];
    const ID = '41142420050101001X';
    const PHONE = '13912344568';
    const NEW_PHONE = '13700001234';
    const PHONE_USERNAME = '13611112222';

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      const stream = new PassThrough();
      stream.on('data', (chunk: Buffer) => logged.push(chunk.toString()));
      sut = await buildApp({ ctx, logger: { stream }, loginRateLimit: 10_000 });
      await buildRegion(ctx, '419901', 'county');
      await buildOrg(ctx, { code: 'SL', parentCode: null, kind: 'committee', level: 'city' });
      await buildOrg(ctx, { code: 'SL-A', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildPerson(ctx, { orgCode: 'SL-A', name: '张三明', idNumber: ID, phone: PHONE });
      await buildUser(ctx, { username: 'a-admin', orgCode: 'SL-A', roles: ['org_admin'] });
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('stores searches, new phones and phone-number usernames masked, and logs no query in clear', async () => {
      const admin = await login(sut, 'a-admin', 'correct-horse-battery');
      const get = (url: string) => sut.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
      const found = await get(`/api/people?org=SL-A&q=${ID}`);
      expect(found.json().total).toBe(1);
      expect((await get(`/api/people/export?org=SL-A&q=${PHONE}`)).statusCode).toBe(200);
      expect(
        (
          await get(
            `/api/people/export?org=SL-A&q=${encodeURIComponent('４１１４２４２００５０１０１００１Ｘ')}`,
          )
        ).statusCode,
      ).toBe(200);
      const personId = found.json().items[0].id;
      const changed = await sut.inject({
        method: 'PATCH',
        url: `/api/people/${personId}`,
        headers: admin.headers,
        payload: { phone: NEW_PHONE },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      const created = await sut.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: {
          username: PHONE_USERNAME,
          password: 'Long-enough-pass-2026',
          displayName: '手机号用户',
          orgCode: 'SL-A',
          roles: ['branch_secretary'],
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      await login(sut, PHONE_USERNAME, 'Long-enough-pass-2026');
      await sut.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: ID, password: 'wrong' },
      });

      const rows = await ctx.db.selectFrom('audit_log').selectAll().execute();
      const stored = JSON.stringify(rows);
      for (const secret of [ID, PHONE, NEW_PHONE, PHONE_USERNAME, '４１１４２４２００５０１０１００１Ｘ'])
        expect(stored).not.toContain(secret);
      expect(stored).toContain('4114************1X');
      expect(stored).toContain('137****1234');
      expect(stored).toContain('136****2222');
      // The log's own filter finds a phone-number user by the name he logs in with.
      const sys = await buildUser(ctx, { username: 'root', orgCode: 'SL', roles: ['system_admin'] });
      expect(sys).toBeTruthy();
      const root = await login(sut, 'root', 'correct-horse-battery');
      const byUser = await sut.inject({
        method: 'GET',
        url: `/api/audit?username=${PHONE_USERNAME}`,
        headers: { cookie: root.cookie },
      });
      expect(byUser.statusCode, byUser.body).toBe(200);
      // His one sign-in above is his whole record.
      expect(byUser.json().items.map((i: { action: string }) => i.action)).toEqual(['login']);

      const log = logged.join('');
      expect(log).toContain('/api/people?org=SL-A&q=4114************1X');
      for (const secret of [ID, PHONE, PHONE_USERNAME]) expect(log).not.toContain(secret);
    });
  });
}
