import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson, buildRegion, buildUser, TEST_PASSWORD } from '../../test/factories.ts';

const PASSWORD = 'young-pass-1';
const REFUSED = '无法完成注册：请核对姓名和证件号码；已有账号的请直接登录，仍有疑问请联系所在团组织';

for (const dialect of DIALECTS) {
  describe(`volunteer self-registration (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let organiser: Session;
    let countyB: Session;
    let address = 0;
    // Each call from its own address, so the per-address budget never hides the per-identity one.
    // Most of these young people are under 18: their guardian consents unless a test says otherwise.
    const register = (payload: Record<string, unknown>, app: App = sut) =>
      app.inject({
        method: 'POST',
        url: '/public/volunteering/register',
        remoteAddress: `10.0.0.${++address}`,
        payload: {
          orgCode: 'SL',
          password: PASSWORD,
          privacyAccepted: true,
          guardianName: '钱大山',
          guardianPhone: '13700000001',
          guardianConsent: true,
          ...payload,
        },
      });
    const loginAs = (username: string, password: string) =>
      sut.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildRegion(ctx, '419900', 'city');
      await buildOrg(ctx, {
        code: 'SL',
        parentCode: null,
        kind: 'committee',
        level: 'city',
        regionCode: '419900',
      });
      await buildOrg(ctx, { code: 'SL-A', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildOrg(ctx, { code: 'SL-A-T1', parentCode: 'SL-A', level: 'township' });
      await buildOrg(ctx, { code: 'SL-B', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildUser(ctx, {
        username: 'jia-org',
        orgCode: 'SL-A',
        roles: ['org_admin', 'volunteer_organiser'],
      });
      await buildUser(ctx, { username: 'yi-admin', orgCode: 'SL-B', roles: ['org_admin'] });
      organiser = await login(sut, 'jia-org', TEST_PASSWORD);
      countyB = await login(sut, 'yi-admin', TEST_PASSWORD);
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it("opens a pending account in the person's own org, whatever org the link names, until an organiser confirms", async () => {
      const idNumber = makeIdNumber('419901', '2011-03-03', 31);
      const person = await buildPerson(ctx, { idNumber, name: '钱小青', orgCode: 'SL-A-T1' });
      const res = await register({ idNumber, name: '钱小青', phone: '13900000031' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('pending');
      const user = await ctx.db
        .selectFrom('users')
        .innerJoin('orgs', 'orgs.id', 'users.org_id')
        .select(['users.status', 'users.person_id', 'orgs.code'])
        .where('users.username', '=', '13900000031')
        .executeTakeFirstOrThrow();
      expect(user).toEqual({ status: 'pending', person_id: null, code: 'SL-A-T1' });

      // Name + identity number alone sign nobody in; the right password hears why, a wrong one does not.
      const early = await loginAs('13900000031', PASSWORD);
      expect(early.statusCode).toBe(403);
      expect(early.json().error.message).toBe('账号待组织者确认，确认后即可登录');
      const wrong = await loginAs('13900000031', 'Wrong-pass-123');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.message).toBe('用户名或密码错误');

      const list = (
        await sut.inject({
          method: 'GET',
          url: '/api/volunteering/registrations?status=pending',
          headers: { cookie: organiser.cookie },
        })
      ).json().items;
      const mine = list.find((r: { name: string }) => r.name === '钱小青');
      expect(mine).toMatchObject({ orgCode: 'SL-A-T1', phone: '139****0031' });
      const otherCounty = await sut.inject({
        method: 'POST',
        url: `/api/volunteering/registrations/${mine.id}/confirm`,
        headers: countyB.headers,
      });
      expect(otherCounty.statusCode).toBe(404);
      const ok = await sut.inject({
        method: 'POST',
        url: `/api/volunteering/registrations/${mine.id}/confirm`,
        headers: organiser.headers,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().personId).toBe(person.id);
      expect((await loginAs('13900000031', PASSWORD)).statusCode).toBe(200);
    });

    it('asks everyone to accept the privacy notice and one under 18 for his guardian; stores and audits the consent (issue 17 item 9)', async () => {
      const beijingToday = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const year = Number(beijingToday.slice(0, 4));
      // 17 today, whatever the date: born the day after his 18th birthday would be.
      const minorBirth = `${year - 17}-${beijingToday.slice(5, 10) === '02-29' ? '02-28' : beijingToday.slice(5)}`;
      const minorId = makeIdNumber('419901', minorBirth, 61);
      await buildPerson(ctx, { idNumber: minorId, name: '周小满', orgCode: 'SL-A-T1' });
      const adultId = makeIdNumber('419901', `${year - 20}-01-01`, 62);
      await buildPerson(ctx, { idNumber: adultId, name: '吴成年', orgCode: 'SL-A-T1' });
      const accounts = async () =>
        (
          await ctx.db
            .selectFrom('users')
            .select('id')
            .where('username', 'in', ['13900000061', '13900000062'])
            .execute()
        ).length;
      const problem = (res: {
        json(): { error: { message: string; details: { problems: { column: string }[] } } };
      }) => [res.json().error.details.problems[0]!.column, res.json().error.message];

      const noNotice = await register({
        idNumber: minorId,
        name: '周小满',
        phone: '13900000061',
        privacyAccepted: false,
      });
      expect(noNotice.statusCode).toBe(422);
      expect(problem(noNotice)).toEqual(['privacyAccepted', '请阅读并勾选同意《个人信息保护告知》后再注册']);
      const noGuardian = await register({
        idNumber: minorId,
        name: '周小满',
        phone: '13900000061',
        guardianName: '',
        guardianPhone: '',
        guardianConsent: false,
      });
      expect(noGuardian.statusCode).toBe(422);
      expect(problem(noGuardian)).toEqual(['guardianName', '未满18周岁须填写监护人真实姓名']);
      const noConsent = await register({
        idNumber: minorId,
        name: '周小满',
        phone: '13900000061',
        guardianConsent: false,
      });
      expect(problem(noConsent)).toEqual([
        'guardianConsent',
        '未满18周岁须经监护人同意：请监护人阅读告知后勾选同意',
      ]);
      const badPhone = await register({
        idNumber: minorId,
        name: '周小满',
        phone: '13900000061',
        guardianPhone: '123',
      });
      expect(problem(badPhone)[0]).toBe('guardianPhone');
      expect(await accounts()).toBe(0); // refused forms change nothing

      const minor = await register({
        idNumber: minorId,
        name: '周小满',
        phone: '13900000061',
        guardianName: '周大海',
        guardianPhone: '13700000061',
      });
      expect(minor.statusCode, minor.body).toBe(201);
      // An adult needs no guardian: what the form sends for one is not kept.
      const adult = await register({ idNumber: adultId, name: '吴成年', phone: '13900000062' });
      expect(adult.statusCode, adult.body).toBe(201);
      const rows = await ctx.db
        .selectFrom('volunteer_registrations')
        .select(['name', 'guardian_name', 'guardian_phone', 'guardian_consent_at', 'privacy_accepted_at'])
        .where('name', 'in', ['周小满', '吴成年'])
        .orderBy('name')
        .execute();
      const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
      expect(byName.周小满).toMatchObject({ guardian_name: '周大海', guardian_phone: '13700000061' });
      expect(byName.周小满!.guardian_consent_at).not.toBeNull();
      expect(byName.吴成年).toMatchObject({
        guardian_name: null,
        guardian_phone: null,
        guardian_consent_at: null,
      });
      expect(byName.吴成年!.privacy_accepted_at).not.toBeNull();

      const audit = await ctx.db
        .selectFrom('audit_log')
        .select('summary')
        .where('entity', '=', 'volunteer_registration')
        .where('summary', 'like', '%周小满%')
        .executeTakeFirstOrThrow();
      expect(audit.summary).toContain('监护人 周*海（137****0061）已同意');
      expect(audit.summary).not.toContain('13700000061');

      const list = (
        await sut.inject({
          method: 'GET',
          url: '/api/volunteering/registrations?status=pending',
          headers: { cookie: organiser.cookie },
        })
      ).json().items;
      expect(list.find((r: { name: string }) => r.name === '周小满')).toMatchObject({
        guardianName: '周大海',
        guardianPhone: '137****0061',
      });
      expect(list.find((r: { name: string }) => r.name === '吴成年')).toMatchObject({ guardianName: null });
    });

    it('gives one answer to every refusal: wrong name, unknown number, a login already there, a phone in use', async () => {
      const onFile = makeIdNumber('419901', '2010-01-01', 41);
      await buildPerson(ctx, { idNumber: onFile, name: '孙在册', orgCode: 'SL-A-T1' });
      const linked = makeIdNumber('419901', '2009-02-02', 42);
      await buildPerson(ctx, { idNumber: linked, name: '李有号', orgCode: 'SL-A-T1' });
      const staff = await sut.inject({
        method: 'POST',
        url: '/api/users',
        headers: organiser.headers,
        payload: {
          username: 'li-youhao',
          password: 'Staff-pass-2026',
          displayName: '李有号',
          orgCode: 'SL-A-T1',
          roles: ['branch_secretary'],
          idNumber: linked,
        },
      });
      expect(staff.statusCode, staff.body).toBe(201);
      const attempts = [
        { idNumber: onFile, name: '冒名者', phone: '13900000041' },
        { idNumber: makeIdNumber('419901', '2008-08-08', 43), name: '周无档', phone: '13900000043' },
        { idNumber: linked, name: '李有号', phone: '13900000042' },
        { idNumber: onFile, name: '孙在册', phone: '13900000031' },
      ];
      const answers = [];
      for (const a of attempts) {
        const res = await register(a);
        answers.push({ status: res.statusCode, body: res.json() });
      }
      for (const a of answers) {
        expect(a).toEqual({
          status: 422,
          body: { error: { code: 'REGISTRATION_REFUSED', message: REFUSED } },
        });
      }
      const made = await ctx.db
        .selectFrom('users')
        .select('username')
        .where('username', 'in', ['13900000041', '13900000042', '13900000043'])
        .execute();
      expect(made).toEqual([]);
    });

    it('counts attempts per identity number in the database, across addresses and processes', async () => {
      const idNumber = makeIdNumber('419901', '2012-12-12', 51);
      await buildPerson(ctx, { idNumber, name: '吴真名', orgCode: 'SL-A-T1' });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push(
          (await register({ idNumber, name: `猜名${'一二三四五'[i]}`, phone: `1390000005${i}` })).statusCode,
        );
      }
      // A second server on the same database spends the same budget: the right name is now refused too.
      const other = await buildTestApp(ctx);
      const sixth = await register({ idNumber, name: '吴真名', phone: '13900000059' }, other);
      await other.close();
      expect(codes).toEqual([422, 422, 422, 422, 422]);
      expect(sixth.statusCode).toBe(429);
      expect(sixth.json().error.message).toMatch(/^尝试次数过多，请\d+分钟后再试$/);
      expect(
        await ctx.db.selectFrom('users').select('id').where('username', '=', '13900000059').execute(),
      ).toEqual([]);
    });
  });
}
