import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageOn, today } from '../../lib/dates.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson, buildRegion, buildUser } from '../../test/factories.ts';

interface Item {
  id: number;
  name: string;
  idNumberMasked: string;
  politicalStatus: string;
  phoneMasked: string | null;
  org?: { code: string; name: string } | null;
}

const MASKED = /^\d{4}\*{12}\d[\dX]$/;

for (const dialect of DIALECTS) {
  describe(`people (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;
    let secretary: Session;
    let countyB: Session;
    /** Every identity number in the database, in plain. */
    const numbers: string[] = [];
    let zhang: { id: number; idNumber: string };
    let bPerson: { id: number; idNumber: string };

    const get = (session: Session, url: string) =>
      sut.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
    const post = (session: Session, url: string, payload?: object) =>
      sut.inject({ method: 'POST', url, headers: session.headers, payload });
    const expectNoWholeNumber = (body: string) => {
      for (const n of numbers) expect(body).not.toContain(n);
    };

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildRegion(ctx, '419901', 'county');
      await buildOrg(ctx, { code: 'SL', parentCode: null, kind: 'committee', level: 'city' });
      await buildOrg(ctx, { code: 'SL-A', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildOrg(ctx, {
        code: 'SL-A-T1',
        parentCode: 'SL-A',
        kind: 'working_committee',
        level: 'township',
      });
      await buildOrg(ctx, { code: 'SL-B', parentCode: 'SL', kind: 'committee', level: 'county' });
      for (let i = 0; i < 22; i++) {
        const p = await buildPerson(ctx, { orgCode: 'SL-A-T1', name: `团员${String(i).padStart(2, '0')}` });
        numbers.push(p.idNumber);
      }
      for (let i = 0; i < 3; i++) {
        const p = await buildPerson(ctx, { orgCode: 'SL-A', name: `群众${i}`, politicalStatus: 'masses' });
        numbers.push(p.idNumber);
      }
      zhang = await buildPerson(ctx, {
        orgCode: 'SL-A-T1',
        name: '张三明',
        phone: '13912344568',
        idNumber: '41142420050101001X',
      });
      numbers.push(zhang.idNumber);
      bPerson = await buildPerson(ctx, { orgCode: 'SL-B', name: '张二县' });
      numbers.push(bPerson.idNumber);
      await buildUser(ctx, { username: 'a-admin', orgCode: 'SL-A', roles: ['org_admin'] });
      await buildUser(ctx, { username: 'a-secretary', orgCode: 'SL-A', roles: ['branch_secretary'] });
      await buildUser(ctx, { username: 'b-admin', orgCode: 'SL-B', roles: ['org_admin'] });
      admin = await login(sut, 'a-admin', 'correct-horse-battery');
      secretary = await login(sut, 'a-secretary', 'correct-horse-battery');
      countyB = await login(sut, 'b-admin', 'correct-horse-battery');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('lists the subtree with identity numbers and phones masked, never whole', async () => {
      const res = await get(admin, '/api/people?org=SL-A&pageSize=500');
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Item[]; total: number };
      expect(body.total).toBe(26);
      expect(body.items).toHaveLength(26);
      for (const item of body.items) expect(item.idNumberMasked).toMatch(MASKED);
      const z = body.items.find((i) => i.name === '张三明')!;
      expect(z).toMatchObject({ idNumberMasked: '4114************1X', phoneMasked: '139****4568' });
      // The response schema serialises only what it declares: every field the admin's list reads is there.
      expect(Object.keys(z).sort()).toEqual(
        [
          'age',
          'gender',
          'id',
          'idNumberMasked',
          'idType',
          'joinedOn',
          'memberNo',
          'name',
          'org',
          'phoneMasked',
          'politicalStatus',
        ].sort(),
      );
      expect(z.org).toMatchObject({ code: expect.any(String), name: expect.any(String) });
      // Age, never the birth date: beside the mask it would be the whole number (DESIGN.md).
      for (const item of body.items) expect(item).not.toHaveProperty('birthDate');
      expect(z).toHaveProperty('age', ageOn('2005-01-01', today()));
      expect(body.items.some((i) => i.name === '张二县')).toBe(false);
      expectNoWholeNumber(res.body);
      expect(res.body).not.toContain('13912344568');
      // Nor in the detail, nor in the default list of his own org.
      const detail = await get(admin, `/api/people/${zhang.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ name: '张三明', idNumberMasked: '4114************1X' });
      for (const field of [
        'ethnicity',
        'education',
        'workplace',
        'createdAt',
        'updatedAt',
        'phoneMasked',
        'age',
      ])
        expect(detail.json(), field).toHaveProperty(field);
      expect(detail.json().createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      for (const field of ['idNumber', 'idNumberEnc', 'idNumberHash', 'scopePath', 'phone'])
        expect(detail.json(), field).not.toHaveProperty(field);
      expect(detail.json()).not.toHaveProperty('birthDate');
      expect(detail.body).not.toContain('2005-01-01');
      expectNoWholeNumber(detail.body);
      const own = await get(secretary, '/api/people');
      expect(own.json().total).toBe(26);
      expectNoWholeNumber(own.body);
    });

    it('searches by name, by phone and by the whole identity number', async () => {
      const byName = await get(admin, `/api/people?q=${encodeURIComponent('三明')}`);
      expect(byName.json().items.map((i: Item) => i.name)).toEqual(['张三明']);
      const byPrefix = await get(admin, `/api/people?q=${encodeURIComponent('张')}`);
      // SL-B's 张二县 is not found from SL-A.
      expect(byPrefix.json().items.map((i: Item) => i.name)).toEqual(['张三明']);
      const byPhone = await get(admin, '/api/people?q=13912344568');
      expect(byPhone.json().items.map((i: Item) => i.id)).toEqual([zhang.id]);
      const byPhoneTail = await get(admin, '/api/people?q=4568');
      expect(byPhoneTail.json().items.map((i: Item) => i.id)).toEqual([zhang.id]);
      const byNumber = await get(admin, `/api/people?q=${zhang.idNumber}`);
      expect(byNumber.json()).toMatchObject({ total: 1, items: [{ id: zhang.id }] });
      expectNoWholeNumber(byNumber.body);
      const lowerX = await get(admin, `/api/people?q=${zhang.idNumber.toLowerCase()}`);
      expect(lowerX.json().items.map((i: Item) => i.id)).toEqual([zhang.id]);
      const other = await get(admin, `/api/people?q=${numbers[3]}`);
      expect(other.json().total).toBe(1);
      expect(other.json().items[0].name).toBe('团员03');
      // A number of the other county is not found, and a near miss finds no one.
      expect((await get(admin, `/api/people?q=${bPerson.idNumber}`)).json().total).toBe(0);
      expect((await get(admin, '/api/people?q=nobody')).json()).toMatchObject({ total: 0, items: [] });
      // The text is matched literally: % and _ are no wildcards.
      for (const q of ['%', '_', '张_明', '%三%']) {
        expect((await get(admin, `/api/people?q=${encodeURIComponent(q)}`)).json().total, q).toBe(0);
      }
      // Full-width input, as a Chinese input method types it, finds the same.
      const fullWidth = [...zhang.idNumber]
        .map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0))
        .join('');
      expect(
        (await get(admin, `/api/people?q=${encodeURIComponent(fullWidth)}`))
          .json()
          .items.map((i: Item) => i.id),
      ).toEqual([zhang.id]);
      expect(
        (await get(admin, `/api/people?q=${encodeURIComponent('１３９１２３４４５６８')}`)).json().total,
      ).toBe(1);
    });

    it('filters by political status', async () => {
      const res = await get(admin, '/api/people?org=SL-A&politicalStatus=masses');
      expect(res.json().total).toBe(3);
      expect(res.json().items.every((i: Item) => i.politicalStatus === 'masses')).toBe(true);
      const members = await get(admin, '/api/people?org=SL-A-T1&politicalStatus=league_member&pageSize=100');
      expect(members.json().total).toBe(23);
      const bad = await get(admin, '/api/people?politicalStatus=emperor');
      expect(bad.statusCode).toBe(422);
    });

    it('pages with a stable total and no overlap', async () => {
      const pages: Item[][] = [];
      for (const page of [1, 2, 3]) {
        const res = await get(admin, `/api/people?org=SL-A&pageSize=10&page=${page}`);
        expect(res.json()).toMatchObject({ total: 26, page, pageSize: 10 });
        pages.push(res.json().items);
      }
      expect(pages.map((p) => p.length)).toEqual([10, 10, 6]);
      const ids = pages.flat().map((i) => i.id);
      expect(new Set(ids).size).toBe(26);
      const beyond = await get(admin, '/api/people?org=SL-A&pageSize=10&page=4');
      expect(beyond.json()).toMatchObject({ total: 26, items: [] });
    });

    it('reveals the whole number only with the permission, and audits each showing', async () => {
      const refused = await post(secretary, `/api/people/${zhang.id}/reveal-id`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toBe('无权执行此操作：您的角色没有该权限');
      expect(refused.body).not.toContain(zhang.idNumber);
      const outside = await post(countyB, `/api/people/${zhang.id}/reveal-id`);
      expect(outside.statusCode).toBe(404);
      expect(outside.body).not.toContain(zhang.idNumber);
      expect(
        await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'reveal').execute(),
      ).toEqual([]);

      const res = await post(admin, `/api/people/${zhang.id}/reveal-id`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ idNumber: '41142420050101001X' });
      const entries = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'reveal')
        .execute();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        entity: 'person',
        entity_id: String(zhang.id),
        username: 'a-admin',
        org_code: 'SL-A-T1',
      });
      expect(entries[0]!.summary).toContain('4114************1X');
      expect(JSON.stringify(entries[0])).not.toContain(zhang.idNumber);
      await post(admin, `/api/people/${zhang.id}/reveal-id`);
      expect(
        await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'reveal').execute(),
      ).toHaveLength(2);
    });

    it('creates a person, validating the identity number and the fields that depend on it', async () => {
      const base = {
        name: '新人',
        politicalStatus: 'league_member',
        orgCode: 'SL-A-T1',
        joinedOn: '2021-05-04',
      };
      const badCheck = await post(admin, '/api/people', { ...base, idNumber: '411424200501010011' });
      expect(badCheck.statusCode).toBe(422);
      expect(badCheck.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: '身份证号校验位错误',
      });
      const badDate = await post(admin, '/api/people', { ...base, idNumber: '411424202302300012' });
      expect(badDate.statusCode).toBe(422);
      expect(badDate.json().error.message).toBe('身份证号中的出生日期不是有效日期');

      const male = makeIdNumber('419901', '2004-04-04', 101);
      const gender = await post(admin, '/api/people', { ...base, idNumber: male, gender: '女' });
      expect(gender.statusCode).toBe(422);
      expect(gender.json().error.message).toBe('性别与证件号码不符（证件号码为男性）');
      expect(gender.json().error.details.problems).toEqual([
        expect.objectContaining({ column: 'gender', value: '女' }),
      ]);
      const birth = await post(admin, '/api/people', { ...base, idNumber: male, birthDate: '2004-04-05' });
      expect(birth.statusCode).toBe(422);
      expect(birth.json().error.message).toMatch(/出生日期与证件号码不符/);
      const noOrg = await post(admin, '/api/people', { ...base, idNumber: male, orgCode: null });
      expect(noOrg.statusCode).toBe(422);
      expect(noOrg.json().error.message).toBe('共青团员必须填写所在团组织编码');
      const phone = await post(admin, '/api/people', { ...base, idNumber: male, phone: '12345' });
      expect(phone.statusCode).toBe(422);
      expect(phone.json().error.message).toBe('手机号码应为以1开头的11位数字');
      expect(await ctx.db.selectFrom('people').select('id').where('name', '=', '新人').execute()).toEqual([]);

      const created = await post(admin, '/api/people', {
        ...base,
        idNumber: male.toLowerCase(),
        gender: '男',
        phone: '13800001111',
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        name: '新人',
        gender: '男',
        age: ageOn('2004-04-04', today()),
        idNumberMasked: `${male.slice(0, 4)}************${male.slice(16)}`,
        org: { code: 'SL-A-T1' },
      });
      expect(created.body).not.toContain(male);
      numbers.push(male);
      const row = await ctx.db
        .selectFrom('people')
        .selectAll()
        .where('id', '=', created.json().id)
        .executeTakeFirstOrThrow();
      expect(ctx.cipher.decrypt(row.id_number_enc)).toBe(male);
      const [entry] = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'create')
        .where('entity', '=', 'person')
        .execute();
      expect(entry).toMatchObject({ entity_id: String(row.id), username: 'a-admin' });

      const duplicate = await post(admin, '/api/people', { ...base, idNumber: male });
      expect(duplicate.statusCode).toBe(409);
      // In reach, the duplicate names the record to open instead (issue 17, item 7).
      expect(duplicate.json().error).toMatchObject({
        code: 'PERSON_EXISTS',
        details: { existing: { personId: row.id } },
      });
      // Also when the number belongs to another county's person: a conflict, without telling whose.
      const elsewhere = await post(admin, '/api/people', {
        ...base,
        idNumber: bPerson.idNumber,
        gender: null,
      });
      expect(elsewhere.statusCode).toBe(409);
      expect(elsewhere.body).not.toContain('张二县');
      expect(elsewhere.json().error.details.existing).toEqual({ personId: null });
    });

    it("refuses to put a person into another county's org", async () => {
      const idNumber = makeIdNumber('419901', '2004-04-04', 102);
      const res = await post(admin, '/api/people', {
        idNumber,
        name: '越界',
        politicalStatus: 'league_member',
        orgCode: 'SL-B',
        joinedOn: '2021-05-04',
      });
      expect(res.statusCode).toBe(403);
      const patch = await sut.inject({
        method: 'PATCH',
        url: `/api/people/${zhang.id}`,
        headers: admin.headers,
        payload: { orgCode: 'SL-B' },
      });
      expect(patch.statusCode).toBe(403);
      const bPatch = await sut.inject({
        method: 'PATCH',
        url: `/api/people/${zhang.id}`,
        headers: countyB.headers,
        payload: { name: '改名' },
      });
      expect(bPatch.statusCode).toBe(404);
      const row = await ctx.db
        .selectFrom('people')
        .selectAll()
        .where('id', '=', zhang.id)
        .executeTakeFirstOrThrow();
      expect(row.name).toBe('张三明');
    });

    it('shows the phone masked in the detail; the whole number only through an audited reveal, in reach', async () => {
      const detail = await get(secretary, `/api/people/${zhang.id}`);
      expect(detail.json()).not.toHaveProperty('phone');
      expect(detail.json().phoneMasked).toBe('139****4568');
      expect(detail.body).not.toContain('13912344568');
      const revealed = await post(secretary, `/api/people/${zhang.id}/reveal-phone`);
      expect(revealed.statusCode).toBe(200);
      expect(revealed.json()).toEqual({ phone: '13912344568' });
      const entry = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'reveal')
        .where('summary', 'like', '%手机号码%')
        .executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ username: 'a-secretary', entity_id: String(zhang.id) });
      expect(JSON.stringify(entry)).not.toContain('13912344568');
      expect([403, 404]).toContain((await post(countyB, `/api/people/${zhang.id}/reveal-phone`)).statusCode);
    });

    it('exports an xlsx with masked numbers and audits the export', async () => {
      const res = await get(admin, `/api/people/export?org=SL-A-T1&q=${encodeURIComponent('张三明')}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/spreadsheetml/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      // Any 证件类型 can stand in the column (issue 17): it says 证件号码, and 证件类型 names the document.
      expect(header).not.toContain('身份证号');
      const col = header.indexOf('证件号码') + 1;
      expect(col).toBeGreaterThan(0);
      expect(sheet.rowCount).toBe(2);
      expect(sheet.getRow(2).getCell(col).value).toBe('4114************1X');
      expect(sheet.getRow(2).getCell(header.indexOf('证件类型') + 1).value).toBe('居民身份证');
      expect(header).not.toContain('出生日期');
      expect(sheet.getRow(2).getCell(header.indexOf('年龄') + 1).value).toBe(ageOn('2005-01-01', today()));
      expect(sheet.getRow(2).getCell(header.indexOf('手机号码') + 1).value).toBe('139****4568');

      const all = await get(admin, '/api/people/export?org=SL-A');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(all.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      wb.worksheets[0]!.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(String(cell.value));
        });
      });
      expect(wb.worksheets[0]!.rowCount).toBe(28);
      const text = cells.join('\n');
      for (const n of numbers) expect(text).not.toContain(n);
      expect(res.rawPayload.includes(Buffer.from(zhang.idNumber))).toBe(false);

      const entries = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'export')
        .orderBy('id')
        .execute();
      expect(entries).toHaveLength(2);
      expect(entries[0]).toMatchObject({ entity: 'person', username: 'a-admin', org_code: 'SL-A-T1' });
      expect(entries[0]!.summary).toMatch(/导出.*1 条/);
      expect(entries[1]!.summary).toMatch(/导出.*27 条/);

      const outside = await get(countyB, '/api/people/export?org=SL-A');
      expect(outside.statusCode).toBe(403);
      expect(
        await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'export').execute(),
      ).toHaveLength(2);
    });

    it('keeps no identity number in plain anywhere in the database', async () => {
      const rows = await ctx.db.selectFrom('people').selectAll().execute();
      expect(rows).toHaveLength(numbers.length);
      for (const row of rows) {
        const plain = ctx.cipher.decrypt(row.id_number_enc);
        expect(numbers).toContain(plain);
        expect(row.id_number_hash).toBe(ctx.cipher.lookupHash(plain));
        expect(row.id_number_masked).toMatch(MASKED);
      }
      const audit = await ctx.db.selectFrom('audit_log').selectAll().execute();
      const everything = JSON.stringify([rows, audit]);
      for (const n of numbers) {
        expect(everything).not.toContain(n);
        expect(everything.toLowerCase()).not.toContain(n.toLowerCase());
      }
    });
  });
}
