import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import { login, type Session } from '../../test/app.ts';
import { DIALECTS } from '../../test/db.ts';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { HOUR, iso, volunteeringWorld, YEAR_FROM, YEAR_TO } from '../../test/worlds/volunteering.ts';
import { MANY_MANUAL_ENTRIES } from './anomalies.service.ts';

/** Certificates, star volunteers, anomalies, registrations and statistics (issue 5 "Must show"). */
for (const dialect of DIALECTS) {
  describe(`volunteering: certificates, stars, oversight (${dialect})`, () => {
    const w = volunteeringWorld(dialect);
    const { youths, post, get, activity, enrolments, volunteerFigures } = w;
    afterAll(() => w.tearDown());

    /**
     * A service entered by the organiser from the paper sign-in sheet and confirmed, `from` to `to` hours ago: the
     * hours it gives count for certificates and stars. Answers the activity.
     */
    async function confirmedService(
      personId: number,
      from: number,
      to: number,
      extra: Parameters<typeof activity>[0] = {},
      reason = '纸质签到表补录',
    ) {
      const a = await activity({ startsAt: iso(-from * HOUR), endsAt: iso(-to * HOUR), ...extra });
      const entered = await post(w.organiser, `/api/volunteering/activities/${a.id}/manual-attendance`, {
        personId,
        checkedInAt: iso(-from * HOUR),
        checkedOutAt: iso(-to * HOUR),
        reason,
      });
      expect(entered.statusCode, entered.body).toBe(200);
      const enrolmentIds = (await enrolments(a.id)).map((e) => e.id);
      const confirmed = await post(w.organiser, `/api/volunteering/activities/${a.id}/confirm`, {
        enrolmentIds,
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      return a;
    }

    beforeAll(async () => {
      await w.setUp();
      // The first young person served three confirmed hours two days ago.
      await confirmedService(youths[0]!.personId, 50, 47);
    });

    it('issues a numbered certificate verifiable by its number with the identity number masked', async () => {
      const y = youths[0]!;
      const none = await post(youths[2]!.session, '/api/volunteering/me/certificates', {
        from: YEAR_FROM,
        to: YEAR_FROM,
      });
      expect(none.statusCode).toBe(422);
      const today = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
      const res = await post(y.session, '/api/volunteering/me/certificates', { from: YEAR_FROM, to: today });
      expect(res.statusCode, res.body).toBe(201);
      const cert = res.json();
      expect(cert.number).toMatch(/^ZM\d{8}[A-Z0-9]{8}$/);
      expect(cert).toMatchObject({ name: y.name, idType: '居民身份证', issuerName: '甲县一镇团委' });
      // The three confirmed hours of two days ago (see beforeAll).
      expect(cert.hours).toBe(3);

      const verified = await get(null, `/public/volunteering/certificates/${cert.number}`);
      expect(verified.statusCode).toBe(200);
      expect(verified.json()).toMatchObject({ number: cert.number, name: '张*明', hours: cert.hours });
      // Issue 17 item 10: what proves the paper genuine, nothing more about the person.
      expect(Object.keys(verified.json()).sort()).toEqual([
        'activityCount',
        'hours',
        'issuedOn',
        'issuerName',
        'name',
        'number',
        'periodFrom',
        'periodTo',
      ]);
      expect(verified.body).not.toContain(makeIdNumber('419901', '2000-05-01', 10));
      const html = await get(null, `/volunteer-certificates/${cert.number}`);
      expect(html.statusCode).toBe(200);
      expect(html.body).toContain('该证明真实有效');
      expect(html.body).not.toContain(cert.idNumberMasked);
      expect(html.body).not.toContain(cert.volunteerNo);
      expect((await get(null, '/public/volunteering/certificates/ZM2000010100000000')).statusCode).toBe(404);

      // Another young person cannot read it; staff of another county neither.
      expect(
        (await get(youths[1]!.session, `/api/volunteering/certificates/${cert.number}`)).statusCode,
      ).toBe(404);
      expect((await get(w.countyB, `/api/volunteering/certificates/${cert.number}`)).statusCode).toBe(404);
      const pdf = await get(y.session, `/api/volunteering/certificates/${cert.number}/pdf`);
      if (pdf.statusCode === 503) {
        expect(pdf.json().error.message).toMatch(/缺少中文字体/);
      } else {
        expect(pdf.statusCode).toBe(200);
        expect(pdf.headers['content-type']).toBe('application/pdf');
        expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      }
    });

    it('issues a certificate in the name of the unit that organised the service, with its contact and a verification QR (issue 17 item 10)', async () => {
      const y = youths[3]!;
      const today = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
      // Organised by the county, not by the township his account belongs to.
      await confirmedService(y.personId, 30, 27, {
        orgCode: 'SL-A',
        contact: '甲县志愿服务部 0371-1234567',
      });

      const own = await post(y.session, '/api/volunteering/me/certificates', { from: YEAR_FROM, to: today });
      expect(own.statusCode, own.body).toBe(201);
      expect(own.json()).toMatchObject({
        issuerName: '甲县团委',
        contact: '甲县志愿服务部 0371-1234567',
        hours: 3,
      });
      // The township organised none of it: it cannot certify these hours.
      const township = await post(w.organiser, '/api/volunteering/certificates', {
        personId: y.personId,
        orgCode: 'SL-A-T1',
        from: YEAR_FROM,
        to: today,
      });
      expect(township.statusCode).toBe(422);
      expect(township.json().error.message).toContain('甲县一镇团委');

      const pdf = await get(y.session, `/api/volunteering/certificates/${own.json().number}/pdf`);
      if (pdf.statusCode !== 503) {
        expect(pdf.statusCode).toBe(200);
        // The verification QR is an image on the page.
        expect(pdf.rawPayload.toString('latin1')).toMatch(/\/Subtype \/Image/);
      }
    });

    it('prints the document type the person is registered with, masked as on file (issue 17: passports on certificates)', async () => {
      const person = await buildPerson(w.ctx, { name: '陈护照', orgCode: 'SL-A-T1' });
      const y = { personId: person.id };
      await w.ctx.db
        .updateTable('people')
        .set({ id_type: 'passport', id_number_masked: 'E************78' })
        .where('id', '=', y.personId)
        .execute();
      await confirmedService(y.personId, 40, 38);
      const today = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
      const res = await post(w.organiser, '/api/volunteering/certificates', {
        personId: y.personId,
        orgCode: 'SL-A',
        from: YEAR_FROM,
        to: today,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ idType: '护照', idNumberMasked: 'E************78' });
      const read = await get(w.organiser, `/api/volunteering/certificates/${res.json().number}`);
      expect(read.json().idType).toBe('护照');
    });

    it('grades star volunteers exactly at the thresholds and masks names on the public roll', async () => {
      const y = youths[1]!;
      const long = await confirmedService(
        y.personId,
        150,
        2,
        { minMinutes: 0 },
        '多日集中服务，按签到表补录',
      );
      const record = await w.ctx.db
        .selectFrom('volunteer_records')
        .selectAll()
        .where('activity_id', '=', long.id)
        .executeTakeFirstOrThrow();
      const others = Number(
        (
          await w.ctx.db
            .selectFrom('volunteer_records')
            .select(sql<number>`coalesce(sum(hours_hundredths), 0)`.as('h'))
            .where('person_id', '=', y.personId)
            .where('id', '!=', record.id)
            .executeTakeFirstOrThrow()
        ).h,
      );
      const levelAt = async (totalHours: number) => {
        const hours = (totalHours * 100 - others) / 100;
        const res = await post(w.organiser, `/api/volunteering/records/${record.id}/corrections`, {
          hours,
          reason: '阈值核对更正',
        });
        expect(res.statusCode, res.body).toBe(200);
        const stars = (await get(w.organiser, '/api/volunteering/stars?org=SL-A')).json();
        return stars.items.find((i: { personId: number }) => i.personId === y.personId)?.level ?? 0;
      };
      expect(await levelAt(99.99)).toBe(0);
      // Issue 17 item 10: "再服务 88.21000000000001 小时" — the hours still to go are rounded to hundredths.
      const before = (await get(y.session, '/api/volunteering/me')).json();
      expect(before.star).toMatchObject({ level: 0, nextLabel: '一星', hoursToNext: 0.01 });
      expect(before.totalHours).toBe(99.99);
      expect(await levelAt(100)).toBe(1);
      const roll = (await get(null, '/public/volunteering/honour-roll/SL-A')).json();
      expect(roll.items).toEqual([{ name: '李*红', hours: 100, level: 1, label: '一星' }]);
      const me = (await get(y.session, '/api/volunteering/me')).json();
      expect(me.star).toMatchObject({ level: 1, label: '一星', nextLabel: '二星', hoursToNext: 200 });
    });

    it('lists anomalies: late entries, own hours confirmed by oneself, overlapping activities', async () => {
      // The organiser is himself a volunteer: his account is linked to a person.
      const self = await buildPerson(w.ctx, { name: '钱组织', orgCode: 'SL-A-T1' });
      await w.ctx.db
        .updateTable('users')
        .set({ person_id: self.id })
        .where('username', '=', 'jia-org')
        .execute();
      const old = await activity({ startsAt: iso(-20 * 24 * HOUR), endsAt: iso(-20 * 24 * HOUR + 2 * HOUR) });
      const overlapping = await activity({
        startsAt: iso(-20 * 24 * HOUR + HOUR),
        endsAt: iso(-20 * 24 * HOUR + 3 * HOUR),
      });
      for (const a of [old, overlapping]) {
        await post(w.organiser, `/api/volunteering/activities/${a.id}/manual-attendance`, {
          personId: self.id,
          checkedInAt: iso(-20 * 24 * HOUR),
          checkedOutAt: iso(-20 * 24 * HOUR + 3 * HOUR),
          reason: '现场纸质签到表补录',
        });
        const ids = (await enrolments(a.id)).map((e) => e.id);
        const noReason = await post(w.organiser, `/api/volunteering/activities/${a.id}/confirm`, {
          enrolmentIds: ids,
        });
        expect(noReason.statusCode).toBe(422);
        expect(noReason.json().error.message).toMatch(/超过7天后确认时长必须填写原因/);
        const ok = await post(w.organiser, `/api/volunteering/activities/${a.id}/confirm`, {
          enrolmentIds: ids,
          reason: '组织者出差返回后确认',
        });
        expect(ok.statusCode, ok.body).toBe(200);
      }
      const res = await get(w.organiser, '/api/volunteering/anomalies?org=SL-A');
      expect(res.statusCode).toBe(200);
      const kinds = res
        .json()
        .items.filter((i: { personId: number }) => i.personId === self.id)
        .map((i: { kind: string }) => i.kind);
      expect(kinds.filter((k: string) => k === 'late_entry')).toHaveLength(2);
      expect(kinds.filter((k: string) => k === 'self_confirmed')).toHaveLength(2);
      expect(kinds.filter((k: string) => k === 'overlap')).toHaveLength(1);
      expect((await get(w.countyB, '/api/volunteering/anomalies?org=SL-A')).statusCode).toBe(403);

      // Many manual entries by one account: below the threshold nothing, at it one line naming the account.
      const manualOf = async () =>
        (await get(w.organiser, '/api/volunteering/anomalies?org=SL-A'))
          .json()
          .items.filter((i: { kind: string }) => i.kind === 'many_manual');
      expect(await manualOf()).toEqual([]);
      const busy = await activity({ startsAt: iso(-5 * HOUR), endsAt: iso(-3 * HOUR) });
      for (let i = 0; i < MANY_MANUAL_ENTRIES; i++) {
        const p = await buildPerson(w.ctx, { orgCode: 'SL-A-T1' });
        const res = await post(w.organiser, `/api/volunteering/activities/${busy.id}/manual-attendance`, {
          personId: p.id,
          checkedInAt: iso(-5 * HOUR),
          checkedOutAt: iso(-3 * HOUR),
          reason: '纸质签到表补录',
        });
        expect(res.statusCode).toBe(200);
      }
      const flagged = await manualOf();
      expect(flagged).toHaveLength(1);
      expect(flagged[0]).toMatchObject({ userName: 'jia-org' });
    });

    it('names an account whose login is a phone number by the masked number only (issue 12, finding 10)', async () => {
      await buildUser(w.ctx, { username: '13900005678', orgCode: 'SL-A', roles: ['volunteer_organiser'] });
      const phoneLogin = await login(w.sut, '13900005678', TEST_PASSWORD);
      const busy = await activity({ startsAt: iso(-9 * HOUR), endsAt: iso(-7 * HOUR) });
      // An organiser names only his volunteers: each served before, entered by the county's admin.
      const before = await activity({ startsAt: iso(-12 * HOUR), endsAt: iso(-11 * HOUR) });
      const enter = (who: Session, activityId: number, personId: number, from: number, to: number) =>
        post(who, `/api/volunteering/activities/${activityId}/manual-attendance`, {
          personId,
          checkedInAt: iso(from),
          checkedOutAt: iso(to),
          reason: '纸质签到表补录',
        });
      for (let i = 0; i < MANY_MANUAL_ENTRIES; i++) {
        const p = await buildPerson(w.ctx, { orgCode: 'SL-A-T1' });
        expect((await enter(w.organiser, before.id, p.id, -12 * HOUR, -11 * HOUR)).statusCode).toBe(200);
        const res = await enter(phoneLogin, busy.id, p.id, -9 * HOUR, -7 * HOUR);
        expect(res.statusCode, res.body).toBe(200);
      }
      const res = await get(w.organiser, '/api/volunteering/anomalies?org=SL-A');
      expect(res.body).not.toContain('13900005678');
      const flagged = res.json().items.filter((i: { userName: string }) => i.userName === '139****5678');
      expect(flagged).toEqual([expect.objectContaining({ kind: 'many_manual' })]);
      expect(flagged[0].detail).toContain('139****5678');
    });

    it('registers a young person on file as pending until an organiser confirms; refuses a wrong name', async () => {
      const idNumber = makeIdNumber('419901', '2007-07-07', 77);
      await buildPerson(w.ctx, { idNumber, name: '孙新人', orgCode: 'SL-A-T1' });
      const reg = await w.sut.inject({
        method: 'POST',
        url: '/public/volunteering/register',
        payload: {
          orgCode: 'SL-A',
          idNumber,
          name: '孙新人',
          phone: '13900000077',
          password: 'young-pass-1',
          privacyAccepted: true,
        },
      });
      expect(reg.statusCode, reg.body).toBe(201);
      expect(reg.json().status).toBe('pending');
      const denied = await w.sut.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: '13900000077', password: 'young-pass-1' },
      });
      expect(denied.statusCode).toBe(403);
      const onFile = makeIdNumber('419901', '2001-01-01', 88);
      await buildPerson(w.ctx, { idNumber: onFile, name: '周在册', orgCode: 'SL-A-T1' });
      const wrongName = await w.sut.inject({
        method: 'POST',
        url: '/public/volunteering/register',
        payload: {
          orgCode: 'SL-A',
          idNumber: onFile,
          name: '冒名者',
          phone: '13900000078',
          password: 'young-pass-1',
          privacyAccepted: true,
        },
      });
      expect(wrongName.statusCode).toBe(422);
      expect(wrongName.json().error.code).toBe('REGISTRATION_REFUSED');

      const list = (await get(w.organiser, '/api/volunteering/registrations?org=SL-A&status=pending')).json()
        .items;
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ name: '孙新人', phone: '139****0077' });
      expect(
        (await post(w.countyB, `/api/volunteering/registrations/${list[0].id}/confirm`)).statusCode,
      ).toBe(404);
      const ok = await post(w.organiser, `/api/volunteering/registrations/${list[0].id}/confirm`);
      expect(ok.statusCode, ok.body).toBe(200);
      const session = await login(w.sut, '13900000077', 'young-pass-1');
      expect((await get(session, '/api/volunteering/me')).json()).toMatchObject({
        name: '孙新人',
        year: { hours: 0, target: 20 },
      });
    });

    it('gives statistics by month, category and org that agree with the report, and exports them', async () => {
      const stats = await get(
        w.organiser,
        `/api/volunteering/stats?org=SL-A&from=${YEAR_FROM}&to=${YEAR_TO}`,
      );
      expect(stats.statusCode).toBe(200);
      const s = stats.json();
      const report = await volunteerFigures();
      expect(s.totals).toEqual(report);
      const sum = (k: 'events' | 'participations') =>
        s.byMonth.reduce((n: number, m: Record<string, number>) => n + m[k]!, 0);
      expect(sum('events')).toBe(report.events);
      expect(sum('participations')).toBe(report.participations);
      // The township's activities; the county's own (the certificate issuer's test) sit in no child org.
      const countyOwn = await w.ctx.db
        .selectFrom('volunteer_activities as a')
        .innerJoin('orgs as o', 'o.id', 'a.org_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('o.code', '=', 'SL-A')
        .where('a.id', 'in', w.ctx.db.selectFrom('volunteer_records').select('activity_id'))
        .executeTakeFirstOrThrow();
      expect(s.byOrg.find((o: { orgCode: string }) => o.orgCode === 'SL-A-T1').events).toBe(
        report.events - Number(countyOwn.n),
      );
      const xlsx = await get(
        w.organiser,
        `/api/volunteering/stats/export?org=SL-A&from=${YEAR_FROM}&to=${YEAR_TO}`,
      );
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    });
  });
}
