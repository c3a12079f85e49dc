import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import type { Session } from '../../test/app.ts';
import { buildCounty, buildPerson } from '../../test/county-factories.ts';
import { DIALECTS, type TestContext } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { type CountyApp, countyApp } from '../../test/worlds/county-app.ts';
import { ID_NOT_YOURS } from '../people/people.service.ts';
import { maskForDisclosure } from './aid.disclosure.ts';

const STUDENTS = ['张小明', '欧阳娜娜', '李雷'];

for (const dialect of DIALECTS) {
  describe(`student aid: balances, receipts and the public disclosure (${dialect})`, () => {
    let world: CountyApp;
    let ctx: TestContext;
    let sut: App;
    let officer: Session;
    let idNumbers: string[];

    beforeAll(async () => {
      world = await countyApp(dialect, { username: 'zx', roles: ['aid_officer'] });
      ({ ctx, sut, session: officer } = world);
      await buildCounty(ctx, 'SL-B', '419902');
      idNumbers = [];
      for (const name of STUDENTS)
        idNumbers.push((await buildPerson(ctx, { name, orgCode: 'SL-A-T1-V1' })).idNumber);
    });
    afterAll(() => world.dispose());

    const post = (url: string, payload: object) => world.post(url, payload);
    const grant = (i: number, amount: number, orgCode = 'SL-A-T1') =>
      post('/api/aid/grants', {
        idNumber: idNumbers[i],
        amount,
        grantedOn: '2023-09-01',
        program: '助学',
        orgCode,
        reason: '家庭经济困难',
        school: '县第一中学',
      });

    it('numbers the receipts of donations and prints them', async () => {
      const a = await post('/api/aid/donations', {
        donor: '同心食品有限公司',
        donorKind: '单位',
        amount: 1000,
        donatedOn: '2023-03-01',
        program: '助学',
        orgCode: 'SL-A',
      });
      const b = await post('/api/aid/donations', {
        donor: '王建国',
        donorKind: '个人',
        amount: 500.5,
        donatedOn: '2023-04-01',
        program: '助学',
        orgCode: 'SL-A-T1',
      });
      expect(a.statusCode, a.body).toBe(201);
      expect(a.json()).toMatchObject({ code: 'SL-A-JZ0001', receiptNo: 'SL-A-2023-00001' });
      expect(b.json()).toMatchObject({ code: 'SL-A-T1-JZ0001', receiptNo: 'SL-A-T1-2023-00001' });
      const receipt = await sut.inject({
        method: 'GET',
        url: `/api/aid/donations/${a.json().id}/receipt`,
        headers: { cookie: officer.cookie },
      });
      expect(receipt.statusCode).toBe(200);
      expect(receipt.headers['content-type']).toContain('text/html');
      expect(receipt.body).toContain('SL-A-2023-00001');
      expect(receipt.body).toContain('¥1000.00');
      // 大写金额, the day it was issued (Beijing) and 经办人, the officer who entered it (issue 17, item 15).
      expect(receipt.body).toContain('人民币壹仟元整');
      expect(receipt.body).toContain('经办人：zx');
      const issuedOn = /开具日期：(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(receipt.body);
      expect(issuedOn, '开具日期').not.toBeNull();
      const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
      const shown = `${issuedOn![1]}-${issuedOn![2]!.padStart(2, '0')}-${issuedOn![3]!.padStart(2, '0')}`;
      // The day the donation was entered (a moment ago: either side of a Beijing midnight).
      expect([beijing(Date.now()), beijing(Date.now() - 60_000)]).toContain(shown);
      const second = await sut.inject({
        method: 'GET',
        url: `/api/aid/donations/${b.json().id}/receipt`,
        headers: { cookie: officer.cookie },
      });
      expect(second.body).toContain('人民币伍佰元零伍角整');
    });

    it('numbers an imported donation’s receipt the first time it is printed, once', async () => {
      const org = await ctx.db
        .selectFrom('orgs')
        .select(['id', 'path'])
        .where('code', '=', 'SL-A')
        .executeTakeFirstOrThrow();
      const now = new Date().toISOString();
      const { id } = await ctx.db
        .insertInto('donations')
        .values({
          code: 'SL-A-IMP01',
          donor: '导入单位',
          donor_kind: '单位',
          amount_fen: 0.5 * 100,
          donated_on: '2023-05-01',
          program: '其他',
          note: null,
          receipt_no: null,
          org_id: org.id,
          org_path: org.path,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const print = () =>
        sut.inject({
          method: 'GET',
          url: `/api/aid/donations/${id}/receipt`,
          headers: { cookie: officer.cookie },
        });
      const first = (await print()).body;
      expect(first).toContain('SL-A-2023-00002');
      expect(first).toContain('人民币伍角整');
      expect(first).toContain('经办人：zx');
      const audits = async () =>
        (
          await ctx.db
            .selectFrom('audit_log')
            .select('id')
            .where('summary', 'like', '开具捐赠收据%')
            .execute()
        ).length;
      expect(await audits()).toBe(1);
      expect((await print()).body).toContain('SL-A-2023-00002');
      expect(await audits()).toBe(1);
    });

    it('refuses a grant that would overdraw the programme, with a Chinese reason, and changes nothing', async () => {
      expect((await grant(0, 1200)).statusCode).toBe(201);
      const before = await dumpTables(ctx, ['grants', 'audit_log']);
      const over = await grant(1, 300.51);
      expect(over.statusCode).toBe(422);
      expect(over.json().error.message).toBe(
        'SL-A县团委「助学」项目结余不足：当前结余 300.5 元，本次发放 300.51 元，发放后将为负数，不能发放',
      );
      expect(await dumpTables(ctx, ['grants', 'audit_log'])).toEqual(before);
      const exact = await grant(1, 300.5);
      expect(exact.statusCode, exact.body).toBe(201);
      expect(exact.json().balance).toBe(0);
      expect((await grant(2, 0.01)).statusCode).toBe(422);
      // Another programme of the same county holds nothing yet.
      const other = await post('/api/aid/grants', {
        idNumber: idNumbers[2],
        amount: 1,
        grantedOn: '2023-09-01',
        program: '心理健康',
        orgCode: 'SL-A',
        reason: '心理援助',
        school: '县第一中学',
      });
      expect(other.statusCode).toBe(422);
    });

    it('shows each county committee its balance per programme', async () => {
      const res = await sut.inject({
        method: 'GET',
        url: `/api/aid/balances?org=SL-A&program=${encodeURIComponent('助学')}`,
        headers: { cookie: officer.cookie },
      });
      expect(res.json().items).toEqual([
        {
          org: { code: 'SL-A', name: 'SL-A县团委' },
          program: '助学',
          raised: 1500.5,
          granted: 1500.5,
          balance: 0,
        },
      ]);
      const list = await sut.inject({
        method: 'GET',
        url: '/api/aid/beneficiaries?org=SL-A&from=2023-01-01&to=2023-12-31',
        headers: { cookie: officer.cookie },
      });
      expect(list.json().total).toBe(2);
      const donors = await sut.inject({
        method: 'GET',
        url: `/api/aid/donors?org=SL-A&program=${encodeURIComponent('助学')}`,
        headers: { cookie: officer.cookie },
      });
      expect(donors.json().items).toMatchObject([
        { donor: '同心食品有限公司', donorKind: '单位', donations: 1, amount: 1000 },
        { donor: '王建国', donorKind: '个人', donations: 1, amount: 500.5 },
      ]);
      expect(list.json().items[0]).toMatchObject({
        school: '县第一中学',
        reason: '家庭经济困难',
        amount: 1200,
      });
      // The student only by name and masked number (BeneficiaryListReply, GrantListReply).
      const student = {
        id: expect.any(Number),
        name: expect.any(String),
        idNumberMasked: expect.any(String),
      };
      expect(Object.keys(list.json().items[0].student).sort()).toEqual(['id', 'idNumberMasked', 'name']);
      expect(list.json().items[0]).toMatchObject({ student, grants: 1, lastGrantedOn: expect.any(String) });
      const grants = await sut.inject({
        method: 'GET',
        url: '/api/aid/grants?org=SL-A&from=2023-01-01&to=2023-12-31',
        headers: { cookie: officer.cookie },
      });
      expect(grants.json()).toMatchObject({ total: 2, amount: 1500.5, students: 2 });
      expect(grants.json().items[0]).toEqual({
        id: expect.any(Number),
        code: expect.any(String),
        student,
        amount: 1200,
        grantedOn: expect.any(String),
        program: '助学',
        reason: '家庭经济困难',
        school: '县第一中学',
        org: { code: expect.any(String), name: expect.any(String) },
      });
      const donations = await sut.inject({
        method: 'GET',
        url: '/api/aid/donations?org=SL-A&from=2023-01-01&to=2023-12-31',
        headers: { cookie: officer.cookie },
      });
      expect(donations.json().items[0]).toMatchObject({
        donor: expect.any(String),
        donorKind: expect.any(String),
        receiptNo: expect.stringMatching(/^SL-A/),
        org: { code: expect.any(String), name: expect.any(String) },
      });
    });

    it('publishes a disclosure page that never shows a whole name', async () => {
      const res = await sut.inject({
        method: 'GET',
        url: '/disclosure/aid?org=SL-A&from=2023-01-01&to=2023-12-31',
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      for (const name of [...STUDENTS, '王建国']) expect(res.body).not.toContain(name);
      expect(res.body).toContain('张*明');
      expect(res.body).toContain('欧**娜');
      expect(res.body).toContain('王*国');
      expect(res.body).toContain('同心食品有限公司');
      expect(res.body).toContain('1500.50');
      for (const id of idNumbers) expect(res.body).not.toContain(id.slice(0, 6) + id.slice(6, 14));
      expect(maskForDisclosure('李')).toBe('*');
      expect(maskForDisclosure('李雷')).toBe('李*');
      const missing = await sut.inject({
        method: 'GET',
        url: '/disclosure/aid?org=NOPE&from=2023-01-01&to=2023-12-31',
      });
      expect(missing.statusCode).toBe(404);
      const bad = await sut.inject({
        method: 'GET',
        url: '/disclosure/aid?org=SL-A&from=2023-12-31&to=2023-01-01',
      });
      expect(bad.statusCode).toBe(422);
    });

    it('keeps each county to its own subtree', async () => {
      const foreign = await grant(0, 1, 'SL-B-T1');
      expect(foreign.statusCode).toBe(403);
      const res = await sut.inject({
        method: 'GET',
        url: '/api/aid/donations?org=SL-B',
        headers: { cookie: officer.cookie },
      });
      expect(res.statusCode).toBe(403);
    });

    it('grants to the student picked in the lookup and refuses one of another county, changing nothing (issue 17, items 8 and 12)', async () => {
      const mine = await buildPerson(ctx, { name: '选中学生', orgCode: 'SL-A-T1-V1' });
      const theirs = await buildPerson(ctx, { name: '外县学生', orgCode: 'SL-B-T1-V1' });
      await post('/api/aid/donations', {
        donor: '选人测试捐赠',
        donorKind: '个人',
        amount: 100,
        donatedOn: '2023-08-01',
        program: '助学',
        orgCode: 'SL-A',
      });
      const body = {
        amount: 10,
        grantedOn: '2023-09-02',
        program: '助学',
        orgCode: 'SL-A-T1',
        reason: '家庭经济困难',
        school: '县第二中学',
      };
      const before = await dumpTables(ctx, ['grants', 'audit_log']);
      // The officer reads no roll: an id is refused whoever it names, and another county's student is not found.
      for (const id of [theirs.id, mine.id]) {
        const refused = await post('/api/aid/grants', { ...body, personId: id });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error.message).toBe(ID_NOT_YOURS);
        expect(refused.body).not.toMatch(/外县学生|选中学生/);
      }
      expect((await post('/api/people/lookup', { q: '外县学生' })).json().items).toEqual([]);
      expect(await dumpTables(ctx, ['grants', 'audit_log'])).toEqual(before);
      const [found] = (await post('/api/people/lookup', { q: '选中学生' })).json().items;
      const granted = await post('/api/aid/grants', { ...body, personRef: found.ref });
      expect(granted.statusCode, granted.body).toBe(201);
      const list = await sut.inject({
        method: 'GET',
        url: '/api/aid/grants?org=SL-A&from=2023-01-01&to=2023-12-31',
        headers: { cookie: officer.cookie },
      });
      expect(list.json().items.map((g: { student: { name: string } }) => g.student.name)).toContain(
        '选中学生',
      );
    });
  });
}
