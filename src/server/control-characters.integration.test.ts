import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session } from '../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../test/db.ts';
import { buildUser } from '../test/factories.ts';
import type { App } from './app.ts';

/** A NUL, which PostgreSQL refuses in text (22P05) and SQLite silently stores (issue 13, defect 10). */
const NUL = '\u0000';

for (const dialect of DIALECTS) {
  describe(`control characters in requests (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildUser(ctx, { username: 'admin', orgCode: 'SL-A', roles: ['org_admin'] });
      admin = await login(sut, 'admin', 'correct-horse-battery');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const orgCount = async () => (await ctx.db.selectFrom('orgs').select('id').execute()).length;

    it('a NUL in a body field is a Chinese 400 naming the field, and nothing is stored', async () => {
      const before = await orgCount();
      const res = await sut.inject({
        method: 'POST',
        url: '/api/orgs',
        headers: admin.headers,
        payload: {
          code: 'SL-A-T9',
          parentCode: 'SL-A',
          name: `坏${NUL}名字`,
          kind: 'branch',
          level: 'grassroots',
          domain: '农村',
          regionCode: '419901',
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'CONTROL_CHARACTER' });
      expect(res.json().error.message).toBe('「name」含有不允许的控制字符（如 NUL），请删除后重试');
      expect(await orgCount()).toBe(before);
    });

    it('a control character deep in a body (an array of objects) is found too', async () => {
      const res = await sut.inject({
        method: 'POST',
        url: '/api/orgs',
        headers: admin.headers,
        payload: { code: 'X', extra: [{ note: `a${'\u001b'}b` }] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('「extra.0.note」');
    });

    it('line breaks and tabs in a body stay allowed', async () => {
      const res = await sut.inject({
        method: 'POST',
        url: '/api/orgs',
        headers: admin.headers,
        payload: {
          code: 'SL-A-T8',
          parentCode: 'SL-A',
          name: '第一行\r\n第二行\t',
          kind: 'branch',
          level: 'grassroots',
          domain: '农村',
          regionCode: '419901',
        },
      });
      expect(res.statusCode).not.toBe(400);
      expect(res.statusCode).toBeLessThan(500);
    });

    it('a NUL in a query value or a route parameter is a 400, not a 500', async () => {
      const query = await sut.inject({
        method: 'GET',
        url: `/api/people?q=${encodeURIComponent(`张${NUL}`)}`,
        headers: admin.headers,
      });
      expect(query.statusCode).toBe(400);
      expect(query.json().error.message).toContain('「q」');
      const param = await sut.inject({ method: 'GET', url: '/api/orgs/SL%00A', headers: admin.headers });
      expect(param.statusCode).toBe(400);
      expect(param.json().error.message).toContain('「code」');
    });

    it('an anonymous route refuses it too (login)', async () => {
      const res = await sut.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `admin${NUL}`, password: 'x' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('CONTROL_CHARACTER');
    });
  });
}
