import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonthsToMonth, today } from '../../lib/dates.ts';
import { DIALECTS } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { buildPerson } from '../../test/factories.ts';
import { useMembershipWorld } from '../../test/worlds/membership.ts';

for (const dialect of DIALECTS) {
  describe(`团费 and 团籍注册、教育评议 (${dialect})`, () => {
    const w = useMembershipWorld(dialect);

    it('sets the monthly dues from the rule at the bracket edges, in fen', async () => {
      const p = await buildPerson(w.ctx, { name: '缴费甲', orgCode: 'SL-A-B1' });
      const basis = (body: object) => w.put(w.jia, `/api/membership/dues/bases/${p.id}`, body);
      for (const [income, fen] of [
        ['1999.99', 300],
        ['2000', 400],
        ['2000.00', 400],
        ['5499', 1000],
        ['5500', 1100],
        ['9999.99', 1900],
        ['10000', 2000],
        ['10000.01', 2000],
        ['35000', 2000],
      ] as const) {
        const res = await basis({ category: 'salaried', monthlyIncome: income });
        expect(res.statusCode, income).toBe(200);
        expect(res.json().amountFen, income).toBe(fen);
      }
      expect((await basis({ category: 'student' })).json().amountFen).toBe(20);
      expect((await basis({ category: 'farmer', monthlyIncome: '9000' })).json()).toMatchObject({
        amountFen: 20,
        monthlyIncomeFen: null,
      });
      const before = await dumpTables(w.ctx, ['dues_bases']);
      const bad = await basis({ category: 'salaried', monthlyIncome: '3000.555' });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.message).toBe('金额最多保留2位小数');
      expect((await basis({ category: 'salaried' })).json().error.message).toBe('工薪团员请填写月净收入');
      expect(await dumpTables(w.ctx, ['dues_bases'])).toEqual(before);
      expect(
        (await w.put(w.yi, `/api/membership/dues/bases/${p.id}`, { category: 'student' })).statusCode,
      ).toBe(404);
    });

    it('records payments singly or in a batch, refuses a month paid twice whole, and lists arrears', async () => {
      const joined = `${addMonthsToMonth(today().slice(0, 7), -2)}-01`;
      const a = await buildPerson(w.ctx, { name: '缴费乙', orgCode: 'SL-A-B2', joinedOn: joined });
      const b = await buildPerson(w.ctx, { name: '缴费丙', orgCode: 'SL-A-B2', joinedOn: joined });
      await w.put(w.jia, `/api/membership/dues/bases/${a.id}`, {
        category: 'salaried',
        monthlyIncome: '6000',
      });
      const month = joined.slice(0, 7);
      const paidOn = today();
      const noBasis = await w.post(w.jia, '/api/membership/dues/payments', {
        branchCode: 'SL-A-B2',
        month,
        paidOn,
        items: [{ personId: a.id }, { personId: b.id }],
      });
      expect(noBasis.statusCode).toBe(422);
      expect(noBasis.json().error.message).toContain('缴费丙 尚未核定团费标准');
      const batch = await w.post(w.jia, '/api/membership/dues/payments', {
        branchCode: 'SL-A-B2',
        month,
        paidOn,
        items: [{ personId: a.id }, { personId: b.id, amountFen: 20 }],
      });
      expect(batch.statusCode).toBe(201);
      expect(batch.json()).toEqual({ recorded: 2, totalFen: 1220 });
      const before = await dumpTables(w.ctx, ['dues_payments']);
      const again = await w.post(w.jia, '/api/membership/dues/payments', {
        branchCode: 'SL-A-B2',
        month,
        paidOn,
        items: [{ personId: a.id }],
      });
      expect(again.statusCode).toBe(409);
      const outsider = await buildPerson(w.ctx, { name: '外支部', orgCode: 'SL-A-B1' });
      const wrong = await w.post(w.jia, '/api/membership/dues/payments', {
        branchCode: 'SL-A-B2',
        month: addMonthsToMonth(month, 1),
        paidOn,
        items: [{ personId: a.id }, { personId: outsider.id, amountFen: 20 }],
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.details.problems[0]).toMatchObject({
        row: 2,
        reason: expect.stringContaining('不是 甲县二村团支部 的在册团员'),
      });
      expect(await dumpTables(w.ctx, ['dues_payments'])).toEqual(before);

      const arrears = (
        await w.get(w.jia, `/api/membership/dues/arrears?org=SL-A-B2&year=${month.slice(0, 4)}`)
      ).json();
      const ofA = arrears.items.find((i: { personId: number }) => i.personId === a.id);
      // Joined two months ago, paid the first month: last month is owed; this month is not yet due.
      const expected = [addMonthsToMonth(month, 1)].filter((m) => m.startsWith(month.slice(0, 4)));
      if (expected.length > 0)
        expect(ofA).toMatchObject({
          unpaidMonths: expected,
          amountFen: 1200,
          owedFen: 1200 * expected.length,
        });
      const month2 = (await w.get(w.jia, `/api/membership/dues?org=SL-A-B2&month=${month}`)).json();
      // The response schema serialises only what it declares: every field the admin reads is there.
      expect(month2.month).toBe(month);
      expect(month2.items.find((i: { personId: number }) => i.personId === a.id)).toEqual({
        personId: a.id,
        name: '缴费乙',
        branch: { code: 'SL-A-B2', name: '甲县二村团支部' },
        category: 'salaried',
        amountFen: 1200,
        paidFen: 1200,
        paidOn,
      });
      expect(arrears.year).toBe(Number(month.slice(0, 4)));
      for (const item of arrears.items)
        expect(Object.keys(item).sort()).toEqual(
          ['amountFen', 'branch', 'name', 'owedFen', 'personId', 'unpaidMonths'].sort(),
        );
      const file = await w.get(
        w.jia,
        `/api/membership/dues/arrears/export?org=SL-A-B2&year=${month.slice(0, 4)}`,
      );
      expect(file.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe('姓名');
    });

    describe('a campaign of 团籍注册 and 教育评议', () => {
      let campaign: number;
      const members: number[] = [];
      beforeAll(async () => {
        for (let i = 0; i < 10; i++)
          members.push((await buildPerson(w.ctx, { name: `评议${i}`, orgCode: 'SL-B-B1' })).id);
        const res = await w.post(w.yi, '/api/membership/campaigns', {
          orgCode: 'SL-B',
          year: 2026,
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
        });
        expect(res.statusCode).toBe(201);
        campaign = res.json().id;
      });
      const ratings = (grades: string[], attended: number) =>
        members.map((personId, i) => ({ personId, grade: grades[i] ?? 'qualified', attended: i < attended }));
      const save = (items: object[]) =>
        w.put(w.yi, `/api/membership/campaigns/${campaign}/branches/SL-B-B1`, {
          meetingOn: '2026-06-01',
          items,
        });

      it('refuses a second campaign of the year, its own or one above', async () => {
        expect(
          (
            await w.post(w.yi, '/api/membership/campaigns', {
              orgCode: 'SL-B',
              year: 2026,
              startsOn: '2026-01-01',
              endsOn: '2026-12-31',
            })
          ).statusCode,
        ).toBe(409);
        const city = await w.post(w.yi, '/api/membership/campaigns', {
          orgCode: 'SL',
          year: 2026,
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
        });
        expect(city.statusCode).toBe(403);
      });

      it('caps 优秀 at 30% and asks more than two thirds present; nothing is saved otherwise', async () => {
        const before = await dumpTables(w.ctx, ['member_evaluations']);
        const four = await save(ratings(['excellent', 'excellent', 'excellent', 'excellent'], 10));
        expect(four.statusCode).toBe(422);
        expect(four.json().error.message).toContain('评为优秀的 4 人超过团员总数 10 人的30%（最多 3 人）');
        const few = await save(ratings(['excellent'], 6));
        expect(few.statusCode).toBe(422);
        expect(few.json().error.message).toContain('参会 6 人，未超过团员总数 10 人的三分之二');
        const partial = await save(ratings([], 10).slice(0, 9));
        expect(partial.json().error.message).toContain('还有 1 名团员未评议');
        expect(await dumpTables(w.ctx, ['member_evaluations'])).toEqual(before);
      });

      it('registers those rated 基本合格 or better and reports progress per branch', async () => {
        const ok = await save(
          ratings(['excellent', 'excellent', 'excellent', 'basically_qualified', 'unqualified'], 7),
        );
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toEqual({ rated: 10, excellent: 3, registered: 9, attended: 7 });
        const progress = (await w.get(w.yi, `/api/membership/campaigns/${campaign}/progress`)).json();
        expect(progress.totals).toMatchObject({
          branches: 1,
          branchesDone: 1,
          members: 10,
          rated: 10,
          registered: 9,
        });
        expect(progress.items[0]).toMatchObject({
          branch: { code: 'SL-B-B1' },
          excellent: 3,
          attended: 7,
          done: true,
        });
        const detail = (await w.get(w.yi, `/api/membership/campaigns/${campaign}/branches/SL-B-B1`)).json();
        expect(detail.excellentCap).toBe(3);
        expect(detail).toMatchObject({
          campaign: { id: campaign, year: 2026 },
          branch: { code: 'SL-B-B1', name: '乙县机关团支部' },
        });
        expect(Object.keys(detail.items[0]).sort()).toEqual(
          ['attended', 'grade', 'idNumberMasked', 'name', 'personId', 'registered'].sort(),
        );
        expect(progress.campaign).toEqual(
          (await w.get(w.yi, '/api/membership/campaigns?org=SL-B'))
            .json()
            .items.find((c: { id: number }) => c.id === campaign),
        );
        expect(progress.campaign).toMatchObject({ startsOn: expect.any(String), endsOn: expect.any(String) });
        expect(detail.items.find((i: { personId: number }) => i.personId === members[4])).toMatchObject({
          grade: 'unqualified',
          registered: false,
        });
        // Saving again replaces the branch's grades.
        expect((await save(ratings([], 10))).json()).toMatchObject({ registered: 10, excellent: 0 });
        const life = (await w.get(w.yi, `/api/membership/people/${members[0]}/life`)).json();
        expect(life.evaluations).toEqual([
          {
            year: 2026,
            grade: 'qualified',
            registered: true,
            meetingOn: '2026-06-01',
            branch: '乙县机关团支部',
          },
        ]);
        // A member who joined after the meeting is not evaluated this time.
        const late = await buildPerson(w.ctx, { name: '新团员', orgCode: 'SL-B-B1', joinedOn: '2026-07-01' });
        const withLate = await save([
          ...ratings([], 10),
          { personId: late.id, grade: 'qualified', attended: true },
        ]);
        expect(withLate.statusCode).toBe(422);
        expect(withLate.json().error.message).toContain('新团员 2026-07-01 入团，晚于评议大会');
        expect((await save(ratings([], 10))).statusCode).toBe(200);
        // The form lists the roster the save checks: by the meeting's date, with the cap of that roster.
        const form = (
          await w.get(w.yi, `/api/membership/campaigns/${campaign}/branches/SL-B-B1?meetingOn=2026-06-01`)
        ).json();
        expect(form.items.map((i: { personId: number }) => i.personId)).toEqual(members);
        expect(form).toMatchObject({
          meetingOn: '2026-06-01',
          excellentCap: 3,
          joinedAfter: [{ personId: late.id, name: '新团员', joinedOn: '2026-07-01' }],
        });
        const later = (
          await w.get(w.yi, `/api/membership/campaigns/${campaign}/branches/SL-B-B1?meetingOn=2026-07-01`)
        ).json();
        expect(later.items).toHaveLength(11);
        expect(later).toMatchObject({ excellentCap: 3, joinedAfter: [] });
        // Without a date the form opens on the meeting recorded.
        expect(
          (await w.get(w.yi, `/api/membership/campaigns/${campaign}/branches/SL-B-B1`)).json().meetingOn,
        ).toBe('2026-06-01');
        // Another county neither sees the campaign nor rates in it.
        expect((await w.get(w.jia, `/api/membership/campaigns/${campaign}/progress`)).statusCode).toBe(404);
        expect((await w.get(w.jia, '/api/membership/campaigns')).json().items).toEqual([]);
      });
    });
  });
}
