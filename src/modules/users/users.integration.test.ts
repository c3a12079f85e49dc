import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson, buildUser } from '../../test/factories.ts';

for (const dialect of DIALECTS) {
  describe(`users linked to a person (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;
    let own: { id: number; idNumber: string };
    let other: { id: number; idNumber: string };

    const create = (body: object) =>
      sut.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: body });
    const base = {
      password: 'long-enough-password',
      displayName: '王老师',
      orgCode: 'SL-A',
      roles: ['counsellor'],
    };

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, { code: 'SL-B', parentCode: null, kind: 'committee', level: 'county' });
      own = await buildPerson(ctx, { orgCode: 'SL-A', name: '王咨询' });
      other = await buildPerson(ctx, { orgCode: 'SL-B', name: '李外县' });
      const user = await buildUser(ctx, { orgCode: 'SL-A', roles: ['org_admin'] });
      admin = await login(sut, user.username, user.password);
    });

    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('links a new login to a registered person of the admin’s subtree', async () => {
      const res = await create({ ...base, username: 'counsellor-wang', idNumber: own.idNumber });
      expect(res.statusCode).toBe(201);
      const row = await ctx.db
        .selectFrom('users')
        .select('person_id')
        .where('username', '=', 'counsellor-wang')
        .executeTakeFirstOrThrow();
      expect(row.person_id).toBe(own.id);
    });

    it('refuses a second login for the same person, naming the first', async () => {
      const res = await create({ ...base, username: 'counsellor-wang2', idNumber: own.idNumber });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain('counsellor-wang');
    });

    it('answers a person of another county as unregistered, and creates nothing', async () => {
      const res = await create({ ...base, username: 'intruder', idNumber: other.idNumber });
      expect(res.statusCode).toBe(422);
      expect(JSON.stringify(res.json())).toContain('未在您管理的组织中登记');
      const unknown = await create({
        ...base,
        username: 'intruder',
        idNumber: makeIdNumber('419901', '2001-01-01', 999),
      });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.body).toBe(res.body);
      expect(
        await ctx.db.selectFrom('users').where('username', '=', 'intruder').selectAll().execute(),
      ).toEqual([]);
    });

    it('refuses an identity number with a wrong check digit', async () => {
      const wrong = `${own.idNumber.slice(0, 17)}${own.idNumber[17] === '0' ? '1' : '0'}`;
      const res = await create({ ...base, username: 'typo', idNumber: wrong });
      expect(res.statusCode).toBe(422);
      expect(JSON.stringify(res.json())).toContain('校验位');
    });
  });
}
