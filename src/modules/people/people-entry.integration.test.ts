import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson, buildUser, TEST_PASSWORD } from '../../test/factories.ts';

/** Issue 17, item 7: 证件类型, what the number gives of sex and birth, and a duplicate that says what to do. */
for (const dialect of DIALECTS) {
  describe(`person entry (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let clerk: Session;
    const create = (payload: object, s: Session = clerk) =>
      sut.inject({ method: 'POST', url: '/api/people', headers: s.headers, payload });
    const base = { name: '录入甲', politicalStatus: 'masses' };

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, { code: 'SL-A', parentCode: null, kind: 'committee', level: 'county' });
      await buildOrg(ctx, { code: 'SL-B', parentCode: null, kind: 'committee', level: 'county' });
      await buildUser(ctx, { username: 'jia-clerk', orgCode: 'SL-A', roles: ['org_admin'] });
      clerk = await login(sut, 'jia-clerk', TEST_PASSWORD);
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('takes sex and birth date from a 港澳台居民居住证 number, and refuses one typed as 居民身份证', async () => {
      const permit = makeIdNumber('820000', '2004-07-08', 21);
      const wrongType = await create({ ...base, idNumber: permit });
      expect(wrongType.statusCode).toBe(422);
      expect(wrongType.json().error.message).toContain('请将证件类型选为“港澳台居民居住证”');
      const disagree = await create({
        ...base,
        idType: 'hkmt_residence_permit',
        idNumber: permit,
        gender: '女',
      });
      expect(disagree.json().error.details.problems[0]).toMatchObject({
        column: 'gender',
        reason: '性别与证件号码不符（证件号码为男性）',
      });
      const res = await create({ ...base, idType: 'hkmt_residence_permit', idNumber: permit });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        gender: '男',
        idType: 'hkmt_residence_permit',
        idNumberMasked: `8200************${permit.slice(-2)}`,
      });
      const row = await ctx.db
        .selectFrom('people')
        .selectAll()
        .where('id', '=', res.json().id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ birth_date: '2004-07-08', id_type: 'hkmt_residence_permit' });
      expect(row.id_number_enc).not.toContain(permit);
      expect(ctx.cipher.decrypt(row.id_number_enc)).toBe(permit);
    });

    it('keeps a passport encrypted and masked; sex and birth date must then be typed', async () => {
      const missing = await create({ ...base, idType: 'passport', idNumber: 'E12345678' });
      expect(missing.statusCode).toBe(422);
      expect(missing.json().error.details.problems.map((p: { column: string }) => p.column)).toEqual([
        'gender',
        'birthDate',
      ]);
      const bad = await create({
        ...base,
        idType: 'passport',
        idNumber: 'E1-2',
        gender: '女',
        birthDate: '2001-01-01',
      });
      expect(bad.json().error.message).toBe('护照号码应为5至17位字母或数字');
      const res = await create({
        ...base,
        idType: 'passport',
        idNumber: 'e12345678',
        gender: '女',
        birthDate: '2001-01-01',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        gender: '女',
        idType: 'passport',
        idNumberMasked: 'E************78',
      });
      expect(res.body).not.toContain('12345678');
      const audit = await ctx.db.selectFrom('audit_log').select('summary').execute();
      expect(JSON.stringify(audit)).not.toContain('E12345678');
      // The record's own sex and birth date stand for the number when it is changed.
      const changed = await sut.inject({
        method: 'PATCH',
        url: `/api/people/${res.json().id}`,
        headers: clerk.headers,
        payload: { workplace: '某大学' },
      });
      expect(changed.statusCode, changed.body).toBe(200);
    });

    it('tells a duplicate in reach who it is, and one elsewhere only to start a transfer-in', async () => {
      const mine = await buildPerson(ctx, { name: '本县乙', orgCode: 'SL-A' });
      const theirs = await buildPerson(ctx, { name: '外县丙', orgCode: 'SL-B' });
      const here = await create({ ...base, idNumber: mine.idNumber });
      expect(here.statusCode).toBe(409);
      expect(here.json().error).toMatchObject({
        code: 'PERSON_EXISTS',
        details: { existing: { personId: mine.id }, problems: [{ column: 'idNumber' }] },
      });
      expect(here.json().error.message).toContain('本县乙');
      const there = await create({ ...base, idNumber: theirs.idNumber });
      expect(there.statusCode).toBe(409);
      expect(there.json().error.details.existing).toEqual({ personId: null });
      expect(there.json().error.message).toContain('发起转入');
      expect(there.body).not.toContain('外县丙');
      expect(there.body).not.toContain('SL-B');
    });
  });
}
