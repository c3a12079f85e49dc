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
      password: 'Long-enough-2026',
      displayName: '王老师',
      orgCode: 'SL-A',
      roles: ['school_staff'],
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
      expect(res.json()).toEqual({ id: expect.any(Number) });
    });

    it('links a login to a passport holder by his passport number (issue 17 item 7)', async () => {
      const holder = await buildPerson(ctx, {
        orgCode: 'SL-A',
        name: '护照咨询',
        idType: 'passport',
        idNumber: 'E13572468',
      });
      const res = await create({ ...base, username: 'passport-holder', idNumber: 'e13572468' });
      expect(res.statusCode, res.body).toBe(201);
      const row = await ctx.db
        .selectFrom('users')
        .select('person_id')
        .where('username', '=', 'passport-holder')
        .executeTakeFirstOrThrow();
      expect(row.person_id).toBe(holder.id);
    });

    it('lists the accounts of the subtree with what the admin shows, never a password hash', async () => {
      const res = await sut.inject({ method: 'GET', url: '/api/users', headers: admin.headers });
      expect(res.statusCode).toBe(200);
      const wang = res.json().items.find((u: { username: string }) => u.username === 'counsellor-wang');
      expect(wang).toEqual({
        id: expect.any(Number),
        username: 'counsellor-wang',
        displayName: '王老师',
        org: { code: 'SL-A', name: expect.any(String) },
        roles: ['school_staff'],
        status: 'active',
      });
      expect(res.body).not.toMatch(/scrypt|password|hash/i);
      expect(res.body).not.toContain(own.idNumber);
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

for (const dialect of DIALECTS) {
  describe(`granting the confidential roles (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let county: Session;
    let system: Session;
    let clerkId: number;

    const as = (s: Session, method: 'POST' | 'PUT', url: string, payload: object) =>
      sut.inject({ method, url, headers: s.headers, payload });
    const grants = () =>
      ctx.db
        .selectFrom('audit_log')
        .select(['action', 'summary'])
        .where('action', '=', 'grant_confidential')
        .execute();

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      const admin = await buildUser(ctx, { username: 'county-admin', orgCode: 'SL-A', roles: ['org_admin'] });
      const root = await buildUser(ctx, { username: 'root', orgCode: 'SL-A', roles: ['system_admin'] });
      clerkId = (await buildUser(ctx, { username: 'clerk', orgCode: 'SL-A', roles: ['school_staff'] })).id;
      county = await login(sut, admin.username, admin.password);
      system = await login(sut, root.username, root.password);
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('keeps the county admin from creating a counsellor or a supervisor, himself included', async () => {
      for (const role of ['counsellor', 'counselling_supervisor']) {
        const res = await as(county, 'POST', '/api/users', {
          username: `self-${role}`,
          password: 'Strong-pass-2026',
          displayName: '县团委管理员',
          orgCode: 'SL-A',
          roles: ['school_staff', role],
        });
        expect(res.statusCode, role).toBe(403);
        expect(res.json().error.message).toBe('授予心理咨询师或心理督导角色须由系统管理员办理');
      }
      expect(
        await ctx.db.selectFrom('users').select('id').where('username', 'like', 'self-%').execute(),
      ).toEqual([]);
      expect(await grants()).toEqual([]);
    });

    it('keeps him from adding those roles to an existing user, but lets him change the others', async () => {
      const refused = await as(county, 'PUT', `/api/users/${clerkId}/roles`, {
        roles: ['school_staff', 'counselling_supervisor'],
      });
      expect(refused.statusCode).toBe(403);
      const ok = await as(county, 'PUT', `/api/users/${clerkId}/roles`, { roles: ['aid_officer'] });
      expect(ok.statusCode, ok.body).toBe(200);
      const roles = await ctx.db
        .selectFrom('user_roles')
        .select('role')
        .where('user_id', '=', clerkId)
        .execute();
      expect(roles.map((r) => r.role)).toEqual(['aid_officer']);
    });

    it('lets the system admin grant them, each grant audited as a confidential grant', async () => {
      const created = await as(system, 'POST', '/api/users', {
        username: 'xl-new',
        password: 'Strong-pass-2026',
        displayName: '新咨询师',
        orgCode: 'SL-A',
        roles: ['counsellor'],
      });
      expect(created.statusCode, created.body).toBe(201);
      const changed = await as(system, 'PUT', `/api/users/${clerkId}/roles`, {
        roles: ['aid_officer', 'counselling_supervisor'],
      });
      expect(changed.statusCode, changed.body).toBe(200);
      const entries = await grants();
      expect(entries).toHaveLength(2);
      expect(entries[0]!.summary).toContain('心理咨询师');
      expect(entries[1]!.summary).toContain('心理督导');
    });
  });
}
