import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/db.ts';
import { buildPerson } from '../../test/factories.ts';
import { useAdmissionWorld } from '../../test/worlds/admission.ts';

for (const dialect of DIALECTS) {
  describe(`league school (${dialect})`, () => {
    const w = useAdmissionWorld(dialect);
    const { get, post, put } = w;

    it('sets up a school with its honorary principal and teachers by kind', async () => {
      const created = await post(w.school, '/api/schools', {
        code: 'SL-A-M1-TX',
        name: '甲县一中团校',
        orgCode: 'SL-A-M1',
        honoraryPrincipal: '李校长',
        establishedOn: '2023-01-18',
      });
      expect(created.statusCode, created.body).toBe(201);
      const bad = await post(w.school, '/api/schools/SL-A-M1-TX/teachers', { name: '赵老师', kind: '校外' });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.message).toContain('教员类型应为');
      const added = await post(w.school, '/api/schools/SL-A-M1-TX/teachers', {
        name: '赵老师',
        kind: '团干部',
      });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({
        honoraryPrincipal: '李校长',
        teachers: [{ name: '赵老师', kind: '团干部' }],
      });
      expect(
        (await post(w.secretary, '/api/schools', { code: 'X-TX', name: '越权', orgCode: 'SL-A-M1-C1' }))
          .statusCode,
      ).toBe(403);
      expect((await get(w.countyB, '/api/schools/SL-A-M1-TX')).statusCode).toBe(404);
      expect((await get(w.school, '/api/schools?org=SL-A-M1')).json().items).toHaveLength(1);
    });

    it('lets a branch secretary record attendance in a class held above, for his own people only', async () => {
      const mine = await buildPerson(w.ctx, {
        orgCode: 'SL-A-M1-C1',
        name: '本班学生',
        politicalStatus: 'masses',
        birthDate: '2011-01-01',
        joinedOn: null,
      });
      const theirs = await buildPerson(w.ctx, {
        orgCode: 'SL-A-M1-C2',
        name: '邻班学生',
        politicalStatus: 'masses',
        birthDate: '2011-01-01',
        joinedOn: null,
      });
      const classes = (await get(w.secretary, '/api/classes'))
        .json()
        .items.map((c: { code: string }) => c.code);
      expect(classes).toContain(w.classes[0]);
      const ok = await put(w.secretary, `/api/classes/${w.classes[0]}/attendance`, {
        records: [{ personId: mine.id, result: 'passed' }],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().attendance).toEqual([expect.objectContaining({ name: '本班学生', result: 'passed' })]);
      // The class detail declares its fields (issue 12): an attendee is his id, name, masked number and result.
      const detail = (await get(w.secretary, `/api/classes/${w.classes[0]}`)).json();
      expect(detail.attendance).toEqual([
        {
          personId: mine.id,
          name: '本班学生',
          idNumberMasked: expect.stringMatching(/^\d{4}\*{12}[\dX]{2}$/),
          result: 'passed',
        },
      ]);
      expect(detail).toMatchObject({
        code: w.classes[0],
        heldOn: expect.any(String),
        org: { code: expect.any(String) },
      });
      const out = await put(w.secretary, `/api/classes/${w.classes[0]}/attendance`, {
        records: [{ personId: theirs.id, result: 'passed' }],
      });
      expect(out.statusCode).toBe(422);
      expect(out.json().error.message).toContain('不在您的管理范围内');
      await put(w.secretary, `/api/classes/${w.classes[1]}/attendance`, {
        records: [{ personId: mine.id, result: 'failed' }],
      });
      await put(w.secretary, `/api/classes/${w.classes[2]}/attendance`, {
        records: [{ personId: mine.id, result: 'passed' }],
      });
      const hours = (await post(w.secretary, '/api/classes/hours', { personId: mine.id })).json();
      expect(hours.totalHours).toBe(4);
      expect(hours.items).toHaveLength(3);
      // Re-recording changes the result rather than adding a row.
      await put(w.secretary, `/api/classes/${w.classes[1]}/attendance`, {
        records: [{ personId: mine.id, result: 'passed' }],
      });
      expect((await post(w.secretary, '/api/classes/hours', { personId: mine.id })).json().totalHours).toBe(
        6,
      );
      expect((await get(w.countyB, `/api/classes/${w.classes[0]}`)).statusCode).toBe(404);
      const audit = await w.ctx.db
        .selectFrom('audit_log')
        .select('summary')
        .where('entity', '=', 'attendance')
        .execute();
      expect(audit.length).toBeGreaterThanOrEqual(4);
    });

    it('exports the attendance register of the caller’s people only', async () => {
      const res = await get(w.secretary, '/api/classes/attendance/export');
      expect(res.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows: string[] = [];
      workbook.worksheets[0]!.eachRow((row) => {
        rows.push((row.values as unknown[]).slice(1).join('|'));
      });
      expect(rows[0]).toBe('课程编号|课程名称|上课日期|学时|姓名|证件号码|考核结果');
      expect(rows.some((r) => r.includes('本班学生') && r.endsWith('合格'))).toBe(true);
      expect(rows.some((r) => r.includes('邻班学生'))).toBe(false);
      expect((await get(w.countyB, '/api/classes/attendance/export?org=SL-A-M1')).statusCode).toBe(403);
    });

    it('refuses class hours with more than one decimal and classes in the future', async () => {
      const res = await post(w.school, '/api/classes', {
        code: 'SL-A-M1-K99',
        title: '团课',
        orgCode: 'SL-A-M1',
        heldOn: '2026-04-01',
        hours: 1.25,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toBe('学时至多一位小数');
      const future = await post(w.school, '/api/classes', {
        code: 'SL-A-M1-K98',
        title: '团课',
        orgCode: 'SL-A-M1',
        heldOn: '2099-01-01',
        hours: 1,
      });
      expect(future.json().error.message).toBe('上课日期不能晚于今天');
    });
  });
}
