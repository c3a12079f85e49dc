import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import { buildPerson } from '../../test/county-factories.ts';
import { DIALECTS } from '../../test/db.ts';
import { type CountyApp, countyApp } from '../../test/worlds/county-app.ts';

const PASSWORD = 'young-pass-1';
const REFUSED = '无法完成注册：请核对姓名和证件号码；已有账号的请直接登录，仍有疑问请联系所在团组织';

/** A birth date that makes one `years` old today (Beijing), whatever the date. */
function bornYearsAgo(years: number): string {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const monthDay = today.slice(5) === '02-29' ? '02-28' : today.slice(5);
  return `${Number(today.slice(0, 4)) - years}-${monthDay}`;
}

/**
 * Self-registration with any 证件类型 (issue 17 items 7 and 9): a passport holder types 性别 and 出生日期, which
 * must be those on file; the guardian rule follows the birth date whatever the document.
 */
for (const dialect of DIALECTS) {
  describe(`volunteer self-registration by 证件类型 (${dialect})`, () => {
    let app: CountyApp;
    let address = 0;
    const register = (payload: Record<string, unknown>) =>
      app.sut.inject({
        method: 'POST',
        url: '/public/volunteering/register',
        remoteAddress: `10.1.0.${++address}`,
        payload: { orgCode: 'SL-A', password: PASSWORD, privacyAccepted: true, ...payload },
      });
    const problem = (res: Awaited<ReturnType<typeof register>>) => {
      const error = res.json().error;
      return [error.details?.problems?.[0]?.column, error.message];
    };
    const asOrganiser = (method: 'GET' | 'POST', url: string) =>
      app.sut.inject({ method, url, headers: app.session.headers });

    beforeAll(async () => {
      app = await countyApp(dialect, { username: 'jia-org', roles: ['org_admin', 'volunteer_organiser'] });
    });
    afterAll(async () => {
      await app?.dispose();
    });

    it('lets a passport holder on file register with his 性别 and 出生日期, masks and seals the number, and links him on confirmation', async () => {
      const person = await buildPerson(app.ctx, {
        idType: 'passport',
        idNumber: 'E12345653',
        name: '林安娜',
        gender: '女',
        birthDate: '1999-06-01',
        orgCode: 'SL-A-T1',
      });
      const missing = await register({
        idType: 'passport',
        idNumber: 'E12345653',
        name: '林安娜',
        phone: '13900000101',
      });
      expect(missing.statusCode).toBe(422);
      expect(missing.json().error.message).toBe('持护照登记须填写性别；持护照登记须填写出生日期');

      const res = await register({
        idType: 'passport',
        idNumber: 'e1234 5653',
        name: '林安娜',
        gender: '女',
        birthDate: '1999-06-01',
        phone: '13900000101',
      });
      expect(res.statusCode, res.body).toBe(201);
      const row = await app.ctx.db
        .selectFrom('volunteer_registrations')
        .select([
          'id',
          'id_type',
          'id_number_masked',
          'id_number_enc',
          'gender',
          'birth_date',
          'guardian_name',
        ])
        .where('phone', '=', '13900000101')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        id_type: 'passport',
        id_number_masked: 'E************53',
        gender: '女',
        birth_date: '1999-06-01',
        guardian_name: null,
      });
      expect(row.id_number_enc).not.toContain('E12345653');
      expect(app.ctx.cipher.decrypt(row.id_number_enc)).toBe('E12345653');
      const audit = await app.ctx.db
        .selectFrom('audit_log')
        .select('summary')
        .where('entity', '=', 'volunteer_registration')
        .where('summary', 'like', '%林安娜%')
        .executeTakeFirstOrThrow();
      expect(audit.summary).toContain('护照 E************53');

      const listed = (await asOrganiser('GET', '/api/volunteering/registrations?status=pending'))
        .json()
        .items.find((r: { name: string }) => r.name === '林安娜');
      expect(listed).toMatchObject({ idType: 'passport', idNumberMasked: 'E************53' });
      const ok = await asOrganiser('POST', `/api/volunteering/registrations/${row.id}/confirm`);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().personId).toBe(person.id);
      const login = await app.sut.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: '13900000101', password: PASSWORD },
      });
      expect(login.statusCode).toBe(200);
    });

    it('asks a passport holder under 18 for his guardian, by the birth date he types', async () => {
      const birthDate = bornYearsAgo(16);
      await buildPerson(app.ctx, {
        idType: 'passport',
        idNumber: 'G76543210',
        name: '林小宇',
        gender: '男',
        birthDate,
        orgCode: 'SL-A-T1',
      });
      const payload = {
        idType: 'passport',
        idNumber: 'G76543210',
        name: '林小宇',
        gender: '男',
        birthDate,
        phone: '13900000102',
      };
      const alone = await register(payload);
      expect(alone.statusCode).toBe(422);
      expect(problem(alone)).toEqual(['guardianName', '未满18周岁须填写监护人真实姓名']);
      const withGuardian = await register({
        ...payload,
        guardianName: '林大海',
        guardianPhone: '13700000102',
        guardianConsent: true,
      });
      expect(withGuardian.statusCode, withGuardian.body).toBe(201);
      const row = await app.ctx.db
        .selectFrom('volunteer_registrations')
        .select(['guardian_name', 'guardian_consent_at'])
        .where('phone', '=', '13900000102')
        .executeTakeFirstOrThrow();
      expect(row.guardian_name).toBe('林大海');
      expect(row.guardian_consent_at).not.toBeNull();
    });

    it('refuses, in Chinese, a 性别 or 出生日期 that the number contradicts', async () => {
      const idNumber = makeIdNumber('419901', '2000-02-02', 11); // odd sequence: 男
      await buildPerson(app.ctx, { idNumber, name: '赵一男', orgCode: 'SL-A-T1' });
      const base = { idNumber, name: '赵一男', phone: '13900000103' };
      const sex = await register({ ...base, gender: '女' });
      expect(sex.statusCode).toBe(422);
      expect(problem(sex)).toEqual(['gender', '性别与证件号码不符（证件号码为男性）']);
      const born = await register({ ...base, birthDate: '2000-02-03' });
      expect(problem(born)).toEqual(['birthDate', '出生日期与证件号码不符（证件号码为 2000-02-02）']);
      const permit = await register({ ...base, idType: 'hkmt_residence_permit' });
      expect(problem(permit)[0]).toBe('idNumber');
      expect(permit.json().error.message).toContain('港澳台居民居住证号码应以81');
      expect(
        await app.ctx.db.selectFrom('users').select('id').where('username', '=', '13900000103').execute(),
      ).toEqual([]);
      // Filled from the number (as the form does), they pass.
      const right = await register({ ...base, gender: '男', birthDate: '2000-02-02' });
      expect(right.statusCode, right.body).toBe(201);
    });

    it('refuses with the one answer a second registration of the same passport, and 性别 or 出生日期 unlike those on file', async () => {
      await buildPerson(app.ctx, {
        idType: 'passport',
        idNumber: 'P9988776',
        name: '韩梅梅',
        gender: '女',
        birthDate: '1998-01-01',
        orgCode: 'SL-A-T1',
      });
      const base = { idType: 'passport', idNumber: 'P9988776', name: '韩梅梅' };
      // Not the person on file: her 出生日期 or 性别 differ, whoever types them.
      const answers = [
        await register({ ...base, gender: '女', birthDate: '1990-01-01', phone: '13900000111' }),
        await register({ ...base, gender: '男', birthDate: '1998-01-01', phone: '13900000112' }),
      ];
      const first = await register({ ...base, gender: '女', birthDate: '1998-01-01', phone: '13900000113' });
      expect(first.statusCode, first.body).toBe(201);
      answers.push(await register({ ...base, gender: '女', birthDate: '1998-01-01', phone: '13900000114' }));
      for (const a of answers)
        expect({ status: a.statusCode, body: a.json() }).toEqual({
          status: 422,
          body: { error: { code: 'REGISTRATION_REFUSED', message: REFUSED } },
        });
      const made = await app.ctx.db
        .selectFrom('users')
        .select('username')
        .where('username', 'in', ['13900000111', '13900000112', '13900000114'])
        .execute();
      expect(made).toEqual([]);
    });

    it('files a confirmed passport holder who is no longer on file with his 证件类型, 性别 and 出生日期', async () => {
      const person = await buildPerson(app.ctx, {
        idType: 'passport',
        idNumber: 'K1234567',
        name: '欧阳雪',
        gender: '女',
        birthDate: '1995-05-05',
        orgCode: 'SL-A-T1',
      });
      const res = await register({
        idType: 'passport',
        idNumber: 'K1234567',
        name: '欧阳雪',
        gender: '女',
        birthDate: '1995-05-05',
        phone: '13900000121',
      });
      expect(res.statusCode, res.body).toBe(201);
      // Removed from file between registering and the organiser's confirmation: confirming files him again.
      await app.ctx.db.deleteFrom('people').where('id', '=', person.id).execute();
      const id = (
        await app.ctx.db
          .selectFrom('volunteer_registrations')
          .select('id')
          .where('phone', '=', '13900000121')
          .executeTakeFirstOrThrow()
      ).id;
      const ok = await asOrganiser('POST', `/api/volunteering/registrations/${id}/confirm`);
      expect(ok.statusCode, ok.body).toBe(200);
      const filed = await app.ctx.db
        .selectFrom('people')
        .select(['id_type', 'id_number_masked', 'gender', 'birth_date'])
        .where('id', '=', ok.json().personId)
        .executeTakeFirstOrThrow();
      expect(filed).toEqual({
        id_type: 'passport',
        id_number_masked: 'K************67',
        gender: '女',
        birth_date: '1995-05-05',
      });
    });
  });
}
