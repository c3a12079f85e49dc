import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, requestsAs, type Session } from '../../test/app.ts';
import {
  buildChildRegion,
  buildCounty,
  buildPerson,
  buildUser,
  linkUserToPerson,
} from '../../test/county-factories.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';

const SECRET_NOTE = '来访者自述长期失眠，与父母关系紧张，提到轻生念头';
const PASSWORD = 'correct-horse-battery';

async function xlsxText(body: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) => row.eachCell((c) => void cells.push(String(c.value))));
  return cells.join('\n');
}

for (const dialect of DIALECTS) {
  describe(`counselling: notes only for their counsellor and the supervisor (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;
    let system: Session;
    let counsellor: Session;
    let otherCounsellor: Session;
    let supervisor: Session;
    let consultationId: number;
    let counsellorIdNumber: string;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildCounty(ctx);
      await buildChildRegion(ctx, '419901001', 'township', '419901');
      await buildChildRegion(ctx, '419901001001', 'village', '419901001');
      const c1 = await buildPerson(ctx, { name: '咨询师甲', orgCode: 'SL-A' });
      const c2 = await buildPerson(ctx, { name: '咨询师乙', orgCode: 'SL-A' });
      counsellorIdNumber = c1.idNumber;
      const u1 = await buildUser(ctx, { username: 'xl-jia', orgCode: 'SL-A', roles: ['counsellor'] });
      const u2 = await buildUser(ctx, { username: 'xl-yi', orgCode: 'SL-A', roles: ['counsellor'] });
      await linkUserToPerson(ctx, u1.id, c1.id);
      await linkUserToPerson(ctx, u2.id, c2.id);
      await buildUser(ctx, { username: 'xl-dd', orgCode: 'SL-A', roles: ['counselling_supervisor'] });
      await buildUser(ctx, { username: 'root', orgCode: 'SL-A', roles: ['system_admin'] });
      admin = await login(sut, 'sl-a-admin', PASSWORD);
      system = await login(sut, 'root', PASSWORD);
      counsellor = await login(sut, 'xl-jia', PASSWORD);
      otherCounsellor = await login(sut, 'xl-yi', PASSWORD);
      supervisor = await login(sut, 'xl-dd', PASSWORD);
      for (const p of [c1, c2]) {
        const res = await sut.inject({
          method: 'POST',
          url: '/api/counselling/counsellors',
          headers: admin.headers,
          payload: {
            idNumber: p.idNumber,
            orgCode: 'SL-A',
            certificate: '心理咨询师（三级）',
            certificateNo: `XL${p.id}`,
            joinedOn: '2023-01-01',
          },
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      const created = await sut.inject({
        method: 'POST',
        url: '/api/counselling/consultations',
        headers: counsellor.headers,
        payload: {
          heldOn: '2023-05-06',
          clientRef: 'LF001',
          channel: '面询',
          risk: 'high',
          orgCode: 'SL-A-T1',
          notes: SECRET_NOTE,
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      consultationId = created.json().id;
      expect(created.json().code).toBe('SL-A-T1-GA00001');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const get = (s: Session, url: string) => requestsAs(sut).get(s, url);

    it('registers a counsellor picked by personId or named by any 证件类型; people stay closed to the counselling roles', async () => {
      const picked = await buildPerson(ctx, { name: '咨询师丙', orgCode: 'SL-A' });
      const passport = await buildPerson(ctx, {
        name: '咨询师丁',
        orgCode: 'SL-A',
        idType: 'passport',
        idNumber: 'G2468013',
      });
      const register = (s: Session, who: Record<string, unknown>) =>
        sut.inject({
          method: 'POST',
          url: '/api/counselling/counsellors',
          headers: s.headers,
          payload: {
            ...who,
            orgCode: 'SL-A',
            certificate: '心理咨询师（三级）',
            certificateNo: `XL-${JSON.stringify(who)}`,
            joinedOn: '2024-01-01',
          },
        });
      const both = await register(admin, { personId: picked.id, idNumber: passport.idNumber });
      expect(both.statusCode).toBe(422);
      expect((await register(admin, { personId: picked.id })).statusCode).toBe(201);
      // The supervisor reads no people list (DESIGN.md): he names the counsellor by his document's number.
      const byPassport = await register(supervisor, { idNumber: 'g2468013' });
      expect(byPassport.statusCode, byPassport.body).toBe(201);
      const names = (await get(admin, '/api/counselling/counsellors?org=SL-A'))
        .json()
        .items.map((c: { name: string }) => c.name);
      expect(names).toEqual(expect.arrayContaining(['咨询师丙', '咨询师丁']));
      expect(passport.id).toBeGreaterThan(0);
      // The person picker's search answers the counselling roles as it answers anyone without person.read.
      for (const s of [counsellor, supervisor]) {
        const search = await sut.inject({
          method: 'POST',
          url: '/api/people/search',
          headers: s.headers,
          payload: { q: '咨询师' },
        });
        expect(search.statusCode).toBe(403);
      }
    });

    it('stores the notes encrypted', async () => {
      const row = await ctx.db
        .selectFrom('consultations')
        .select('notes_enc')
        .where('id', '=', consultationId)
        .executeTakeFirstOrThrow();
      expect(row.notes_enc).not.toContain('失眠');
      expect(ctx.cipher.decrypt(row.notes_enc!)).toBe(SECRET_NOTE);
    });

    it('shows the notes to the counsellor and the supervisor, and audits each reading', async () => {
      for (const [who, session] of [
        ['xl-jia', counsellor],
        ['xl-dd', supervisor],
      ] as const) {
        const res = await get(session, `/api/counselling/consultations/${consultationId}`);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ notesReadable: true, notes: SECRET_NOTE, clientRef: 'LF001' });
        const audit = await ctx.db
          .selectFrom('audit_log')
          .selectAll()
          .where('username', '=', who)
          .where('action', '=', 'reveal')
          .execute();
        expect(audit).toHaveLength(1);
        expect(audit[0]).toMatchObject({ entity: 'consultation', entity_id: String(consultationId) });
        expect(audit[0]!.summary).not.toContain('失眠');
      }
    });

    it('never lets the county admin, the system admin or another counsellor read them, through any route', async () => {
      const auditBefore = await ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'reveal')
        .execute();
      for (const session of [admin, system, otherCounsellor]) {
        const detail = await get(session, `/api/counselling/consultations/${consultationId}`);
        expect(detail.statusCode).toBe(200);
        expect(detail.json()).toMatchObject({ notesReadable: false, notes: null, hasNotes: true });
        const urls = [
          '/api/counselling/consultations?org=SL-A',
          '/api/counselling/consultations?org=SL-A&risk=high',
          '/api/counselling/follow-ups?org=SL-A',
          '/api/counselling/statistics?org=SL-A',
          '/api/reports/records?org=SL-A&indicator=mental.consultations&from=2023-01-01&to=2023-12-31',
          '/api/audit',
        ];
        for (const url of urls) {
          const res = await get(session, url);
          if (res.statusCode === 200) expect(res.body, url).not.toContain('失眠');
          else expect([403]).toContain(res.statusCode);
        }
        // The list replies do not even declare the notes (ConsultationListReply, FollowUpListReply).
        for (const url of [
          '/api/counselling/consultations?org=SL-A',
          '/api/counselling/follow-ups?org=SL-A',
        ]) {
          const res = await get(session, url);
          if (res.statusCode !== 200) continue;
          const item = res.json().items.find((i: { id: number }) => i.id === consultationId);
          expect(item, url).toMatchObject({ clientRef: 'LF001', counsellor: { name: expect.any(String) } });
          for (const field of ['notes', 'notes_enc', 'hasNotes', 'notesReadable'])
            expect(item, url).not.toHaveProperty(field);
        }
        for (const url of [
          '/api/counselling/consultations/export?org=SL-A',
          '/api/reports/records/export?org=SL-A&indicator=mental.consultations&from=2023-01-01&to=2023-12-31',
        ]) {
          const res = await get(session, url);
          if (res.statusCode !== 200) continue;
          const text = await xlsxText(res.rawPayload);
          expect(text, url).toContain('LF001');
          expect(text, url).not.toContain('失眠');
        }
        const write = await sut.inject({
          method: 'PUT',
          url: `/api/counselling/consultations/${consultationId}/notes`,
          headers: session.headers,
          payload: { notes: '篡改' },
        });
        expect(write.statusCode).toBe(403);
      }
      const auditAfter = await ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'reveal')
        .execute();
      expect(auditAfter).toHaveLength(auditBefore.length);
    });

    it('keeps a supervisor of another county out', async () => {
      await buildCounty(ctx, 'SL-B', '419902');
      await buildUser(ctx, { username: 'xl-dd-b', orgCode: 'SL-B', roles: ['counselling_supervisor'] });
      const other = await login(sut, 'xl-dd-b', PASSWORD);
      expect((await get(other, `/api/counselling/consultations/${consultationId}`)).statusCode).toBe(404);
      expect((await get(other, '/api/counselling/consultations?org=SL-A')).statusCode).toBe(403);
    });

    it('lets a counsellor record only for himself, within his service period', async () => {
      const early = await sut.inject({
        method: 'POST',
        url: '/api/counselling/consultations',
        headers: counsellor.headers,
        payload: { heldOn: '2022-05-06', clientRef: 'LF002', channel: '电话', orgCode: 'SL-A' },
      });
      expect(early.statusCode).toBe(422);
      expect(early.json().error.message).toBe('咨询日期不在该咨询师的服务期内');
      const counsellors = await get(admin, '/api/counselling/counsellors?org=SL-A');
      const other = counsellors.json().items.find((c: { name: string }) => c.name === '咨询师乙');
      const forOther = await sut.inject({
        method: 'POST',
        url: '/api/counselling/consultations',
        headers: counsellor.headers,
        payload: {
          heldOn: '2023-05-06',
          clientRef: 'LF003',
          channel: '电话',
          orgCode: 'SL-A',
          counsellorId: other.id,
        },
      });
      expect(forOther.statusCode).toBe(403);
      const byAdmin = await sut.inject({
        method: 'POST',
        url: '/api/counselling/consultations',
        headers: admin.headers,
        payload: {
          heldOn: '2023-05-06',
          clientRef: 'LF004',
          channel: '电话',
          orgCode: 'SL-A',
          counsellorId: other.id,
        },
      });
      expect(byAdmin.statusCode).toBe(403);
    });

    it('lists high-risk cases for follow-up with the 12355 referral', async () => {
      const list = await get(admin, '/api/counselling/follow-ups?org=SL-A');
      expect(list.json()).toMatchObject({ hotline: '12355', total: 1, open: 1 });
      const early = await sut.inject({
        method: 'POST',
        url: `/api/counselling/consultations/${consultationId}/follow-up`,
        headers: counsellor.headers,
        payload: { referredOn: '2023-05-01' },
      });
      expect(early.statusCode).toBe(422);
      const done = await sut.inject({
        method: 'POST',
        url: `/api/counselling/consultations/${consultationId}/follow-up`,
        headers: counsellor.headers,
        payload: { followedUpOn: '2023-05-13', referredOn: '2023-05-06' },
      });
      expect(done.statusCode, done.body).toBe(200);
      expect((await get(admin, '/api/counselling/follow-ups?org=SL-A')).json()).toMatchObject({
        total: 1,
        open: 0,
      });
    });

    it('counts outreach in 人次 and refuses a place that is not a township or village', async () => {
      const ok = await sut.inject({
        method: 'POST',
        url: '/api/counselling/outreach',
        headers: admin.headers,
        payload: {
          title: '心理健康进村讲座',
          heldOn: '2023-03-02',
          regionCode: '419901001001',
          orgCode: 'SL-A-T1',
          reach: 40,
        },
      });
      expect(ok.statusCode, ok.body).toBe(201);
      const county = await sut.inject({
        method: 'POST',
        url: '/api/counselling/outreach',
        headers: admin.headers,
        payload: { title: '讲座', heldOn: '2023-03-02', regionCode: '419901', orgCode: 'SL-A', reach: 10 },
      });
      expect(county.statusCode).toBe(422);
      const stats = await get(admin, '/api/counselling/statistics?org=SL-A&from=2023-01-01&to=2023-12-31');
      expect(stats.json()).toMatchObject({
        counsellors: 2,
        events: 1,
        reach: 40,
        consultations: 1,
        highRisk: 1,
      });
      expect(stats.json().months).toEqual([
        { month: '2023-03', events: 1, reach: 40, consultations: 0, highRisk: 0 },
        { month: '2023-05', events: 0, reach: 0, consultations: 1, highRisk: 1 },
      ]);
      expect(counsellorIdNumber).toHaveLength(18);
    });
  });
}
