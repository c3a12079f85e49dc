import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson, buildRegion, buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { MANY_MANUAL_ENTRIES } from './anomalies.service.ts';
import { makeScanToken } from './qr-token.ts';
import { volunteerHoursOf } from './records.ledger.ts';

const HOUR = 3_600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const YEAR_FROM = `${new Date().getUTCFullYear() - 1}-01-01`;
const YEAR_TO = `${new Date().getUTCFullYear() + 1}-12-31`;

for (const dialect of DIALECTS) {
  describe(`volunteering (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let organiser: Session;
    let countyB: Session;
    const youths: { session: Session; personId: number; phone: string; name: string }[] = [];

    const post = (s: Session | null, url: string, payload: object = {}) =>
      sut.inject({ method: 'POST', url, headers: s?.headers ?? {}, payload });
    const get = (s: Session | null, url: string) =>
      sut.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });

    async function activity(over: Record<string, unknown> = {}) {
      const res = await post(organiser, '/api/volunteering/activities', {
        orgCode: 'SL-A-T1',
        title: '社区清洁',
        category: '文明城市创建',
        place: '社区服务中心',
        startsAt: iso(-HOUR),
        endsAt: iso(2 * HOUR),
        capacity: 10,
        ...over,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: number; code: string };
    }

    const scan = (who: Session, activityId: number, action: 'in' | 'out', nowMs = Date.now()) =>
      post(who, '/api/volunteering/me/scan', {
        token: makeScanToken(ctx.config.secret, activityId, action, nowMs).token,
      });

    async function signUp(who: Session, activityId: number) {
      return post(who, `/api/volunteering/me/activities/${activityId}/signup`);
    }

    async function enrolments(activityId: number) {
      const res = await get(organiser, `/api/volunteering/activities/${activityId}/enrolments`);
      expect(res.statusCode).toBe(200);
      return res.json().items as {
        id: number;
        personId: number;
        checkedInAt: string | null;
        hours: number | null;
        decision: string | null;
      }[];
    }

    async function volunteerFigures() {
      const res = await get(organiser, `/api/reports/answer-sheet?org=SL-A&from=${YEAR_FROM}&to=${YEAR_TO}`);
      expect(res.statusCode, res.body).toBe(200);
      const i = res.json().indicators;
      return {
        events: i['volunteer.events'],
        participations: i['volunteer.participations'],
        volunteers: i['volunteer.volunteers'],
        hours: i['volunteer.hours'],
      };
    }

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
      await buildOrg(ctx, {
        code: 'SL-A',
        name: '甲县团委',
        parentCode: 'SL',
        kind: 'committee',
        level: 'county',
      });
      await buildOrg(ctx, { code: 'SL-A-T1', name: '甲县一镇团委', parentCode: 'SL-A', level: 'township' });
      await buildOrg(ctx, { code: 'SL-B', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildUser(ctx, {
        username: 'jia-org',
        orgCode: 'SL-A',
        roles: ['org_admin', 'volunteer_organiser'],
      });
      await buildUser(ctx, { username: 'yi-admin', orgCode: 'SL-B', roles: ['org_admin'] });
      organiser = await login(sut, 'jia-org', TEST_PASSWORD);
      countyB = await login(sut, 'yi-admin', TEST_PASSWORD);
      for (let i = 0; i < 4; i++) {
        const idNumber = makeIdNumber('419901', `200${i}-05-0${i + 1}`, 10 + i);
        const name = ['张小明', '李小红', '王小刚', '赵小丽'][i]!;
        const person = await buildPerson(ctx, { idNumber, name, orgCode: 'SL-A-T1' });
        const phone = `1380000000${i}`;
        const res = await sut.inject({
          method: 'POST',
          url: '/public/volunteering/register',
          payload: { orgCode: 'SL-A', idNumber, name, phone, password: 'young-pass-1' },
        });
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json().status).toBe('confirmed');
        youths.push({ session: await login(sut, phone, 'young-pass-1'), personId: person.id, phone, name });
      }
    });
    afterAll(async () => {
      await sut?.close();
      await ctx?.dispose();
    });

    it('enforces the recruitment window and the capacity, and a person signs up once', async () => {
      const notYet = await activity({
        signupOpensAt: iso(HOUR),
        startsAt: iso(5 * HOUR),
        endsAt: iso(6 * HOUR),
      });
      const early = await signUp(youths[0]!.session, notYet.id);
      expect(early.statusCode).toBe(422);
      expect(early.json().error.message).toMatch(/报名尚未开始/);

      const closed = await activity({ signupClosesAt: iso(-HOUR / 2) });
      const late = await signUp(youths[0]!.session, closed.id);
      expect(late.statusCode).toBe(422);
      expect(late.json().error.message).toMatch(/报名已截止/);

      const small = await activity({ capacity: 2 });
      expect((await signUp(youths[0]!.session, small.id)).statusCode).toBe(201);
      const twice = await signUp(youths[0]!.session, small.id);
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toBe('您已报名该活动');
      expect((await signUp(youths[1]!.session, small.id)).statusCode).toBe(201);
      const full = await signUp(youths[2]!.session, small.id);
      expect(full.statusCode).toBe(409);
      expect(full.json().error.message).toMatch(/报名人数已满/);
      expect(await enrolments(small.id)).toHaveLength(2);

      // A cancelled place is free again.
      expect(
        (await post(youths[1]!.session, `/api/volunteering/me/activities/${small.id}/cancel`)).statusCode,
      ).toBe(200);
      expect((await signUp(youths[2]!.session, small.id)).statusCode).toBe(201);
      // A staff member of another county cannot see the activity.
      expect((await get(countyB, `/api/volunteering/activities/${small.id}/enrolments`)).statusCode).toBe(
        403,
      );
    });

    it('checks in once, refuses check-out before check-in, rejects forged and expired codes', async () => {
      const a = await activity();
      const [first, second] = youths;
      await signUp(first!.session, a.id);
      await signUp(second!.session, a.id);

      const outFirst = await scan(second!.session, a.id, 'out');
      expect(outFirst.statusCode).toBe(422);
      expect(outFirst.json().error.message).toBe('您还没有签到，不能签退');

      const checkIn = await scan(first!.session, a.id, 'in');
      expect(checkIn.statusCode, checkIn.body).toBe(200);
      const before = (await enrolments(a.id)).find((e) => e.personId === first!.personId)!;
      const again = await scan(first!.session, a.id, 'in');
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toMatch(/无需重复签到/);
      const after = (await enrolments(a.id)).find((e) => e.personId === first!.personId)!;
      expect(after.checkedInAt).toBe(before.checkedInAt);

      const expired = await scan(second!.session, a.id, 'in', Date.now() - 10 * 60_000);
      expect(expired.statusCode).toBe(422);
      expect(expired.json().error.message).toMatch(/二维码已过期/);
      const forged = makeScanToken('another-secret-of-sufficient-length', a.id, 'in').token;
      const bad = await post(second!.session, '/api/volunteering/me/scan', { token: forged });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.message).toMatch(/二维码无效/);

      // Someone who did not sign up cannot scan in.
      const stranger = await scan(youths[3]!.session, a.id, 'in');
      expect(stranger.statusCode).toBe(422);

      const out = await scan(first!.session, a.id, 'out');
      expect(out.statusCode).toBe(200);
      expect((await scan(first!.session, a.id, 'out')).statusCode).toBe(409);
    });

    it('caps hours at the activity length and applies the rounding rule', async () => {
      const a = await activity({
        startsAt: iso(-30 * HOUR),
        endsAt: iso(-27 * HOUR),
        minMinutes: 15,
        minSharePercent: 50,
        roundingMinutes: 30,
      });
      const [p0, p1, p2] = youths;
      const manual = (personId: number, from: number, to: number) =>
        post(organiser, `/api/volunteering/activities/${a.id}/manual-attendance`, {
          personId,
          checkedInAt: iso(from),
          checkedOutAt: iso(to),
          reason: '手机没电，现场签到表为证',
        });
      // Five hours present at a three-hour activity: three hours.
      const long = await manual(p0!.personId, -31 * HOUR, -26 * HOUR);
      expect(long.statusCode, long.body).toBe(200);
      expect(long.json().hours).toBe(3);
      // 100 minutes: over the 50% share, rounded down to 90 minutes.
      const part = await manual(p1!.personId, -30 * HOUR, -30 * HOUR + 100 * 60_000);
      expect(part.json().hours).toBe(1.5);
      // 80 minutes of 180: under the minimum share, counts 0.
      const short = await manual(p2!.personId, -30 * HOUR, -30 * HOUR + 80 * 60_000);
      expect(short.json().hours).toBe(0);

      const noReason = await post(organiser, `/api/volunteering/activities/${a.id}/manual-attendance`, {
        personId: p2!.personId,
        checkedInAt: iso(-30 * HOUR),
        checkedOutAt: iso(-29 * HOUR),
        reason: ' ',
      });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.json().error.message).toMatch(/手工补录必须填写原因/);

      const ids = (await enrolments(a.id)).map((e) => e.id);
      expect(
        (await post(organiser, `/api/volunteering/activities/${a.id}/confirm`, { enrolmentIds: ids }))
          .statusCode,
      ).toBe(200);
      const records = await ctx.db
        .selectFrom('volunteer_records')
        .selectAll()
        .where('activity_id', '=', a.id)
        .execute();
      expect(records.map((r) => r.hours_hundredths).sort()).toEqual([150, 300]);
      expect(records.every((r) => r.source === 'manual' && r.reason === '手机没电，现场签到表为证')).toBe(
        true,
      );

      // A correction can never exceed the activity either.
      const over = await post(organiser, `/api/volunteering/records/${records[0]!.id}/corrections`, {
        hours: 3.5,
        reason: '组织者核对签到表',
      });
      expect(over.statusCode).toBe(422);
      expect(over.json().error.message).toMatch(/超过活动时长 3 小时/);
    });

    it('counts no hours until the organiser confirms them, in the ledger, the admission feed and the report', async () => {
      const before = await volunteerFigures();
      const a = await activity({ minMinutes: 0 });
      const y = youths[3]!;
      await signUp(y.session, a.id);
      expect((await scan(y.session, a.id, 'in')).statusCode).toBe(200);
      // Backdate the check-in an hour, as if the volunteer had arrived at the start.
      await ctx.db
        .updateTable('volunteer_enrolments')
        .set({ checked_in_at: iso(-HOUR) })
        .where('activity_id', '=', a.id)
        .execute();
      const out = await scan(y.session, a.id, 'out');
      expect(out.json().hours).toBeCloseTo(1, 1);

      expect(
        await ctx.db.selectFrom('volunteer_records').selectAll().where('activity_id', '=', a.id).execute(),
      ).toEqual([]);
      const feed = await volunteerHoursOf(ctx.db, y.personId, YEAR_FROM, YEAR_TO);
      expect(feed.records.filter((r) => r.activityCode === a.code)).toEqual([]);
      const me = (await get(y.session, '/api/volunteering/me')).json();
      expect(me.year.hours).toBe(0);
      const pending = await volunteerFigures();
      expect(pending).toEqual({ ...before, events: before.events + 1 });

      const [e] = await enrolments(a.id);
      const confirmed = await post(organiser, `/api/volunteering/activities/${a.id}/confirm`, {
        enrolmentIds: [e!.id],
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const counted = await volunteerFigures();
      expect(counted.participations).toBe(before.participations + 1);
      expect(counted.hours).toBeCloseTo(before.hours + e!.hours!, 2);
      const fed = await volunteerHoursOf(ctx.db, y.personId, YEAR_FROM, YEAR_TO);
      const record = fed.records.find((r) => r.activityCode === a.code)!;
      expect(record).toMatchObject({ source: 'checkin', confirmedBy: 'jia-org', revision: 1 });
      expect((await get(y.session, '/api/volunteering/me')).json().year.hours).toBe(e!.hours);
      // Confirming twice is refused.
      expect(
        (await post(organiser, `/api/volunteering/activities/${a.id}/confirm`, { enrolmentIds: [e!.id] }))
          .statusCode,
      ).toBe(409);
    });

    it('keeps every revision of a corrected record; the revisions are append-only', async () => {
      const record = await ctx.db
        .selectFrom('volunteer_records')
        .selectAll()
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const res = await post(organiser, `/api/volunteering/records/${record.id}/corrections`, {
        hours: 1,
        reason: '核对签到表后更正',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().revision).toBe(2);
      const revisions = (await get(organiser, `/api/volunteering/records/${record.id}/revisions`)).json()
        .items;
      expect(revisions.map((r: { hours: number }) => r.hours)).toEqual([record.hours_hundredths / 100, 1]);
      expect(revisions[1]).toMatchObject({
        source: 'correction',
        reason: '核对签到表后更正',
        enteredBy: 'jia-org',
      });
      await expect(
        sql`update volunteer_record_revisions set hours_hundredths = 1`.execute(ctx.db),
      ).rejects.toThrow(/append-only/);
      const audit = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity', '=', 'volunteer_record')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.summary).toMatch(/更正.*第 2 版/);
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
      expect(cert).toMatchObject({ name: y.name, idType: '居民身份证', issuerName: '甲县团委' });
      expect(cert.hours).toBeGreaterThan(0);

      const verified = await get(null, `/public/volunteering/certificates/${cert.number}`);
      expect(verified.statusCode).toBe(200);
      expect(verified.json()).toMatchObject({ number: cert.number, name: '张*明', hours: cert.hours });
      expect(verified.json().idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$|^\d{6}\*+/);
      expect(verified.body).not.toContain(makeIdNumber('419901', '2000-05-01', 10));
      const html = await get(null, `/volunteer-certificates/${cert.number}`);
      expect(html.statusCode).toBe(200);
      expect(html.body).toContain('该证明真实有效');
      expect((await get(null, '/public/volunteering/certificates/ZM2000010100000000')).statusCode).toBe(404);

      // Another young person cannot read it; staff of another county neither.
      expect(
        (await get(youths[1]!.session, `/api/volunteering/certificates/${cert.number}`)).statusCode,
      ).toBe(404);
      expect((await get(countyB, `/api/volunteering/certificates/${cert.number}`)).statusCode).toBe(403);
      const pdf = await get(y.session, `/api/volunteering/certificates/${cert.number}/pdf`);
      if (pdf.statusCode === 503) {
        expect(pdf.json().error.message).toMatch(/缺少中文字体/);
      } else {
        expect(pdf.statusCode).toBe(200);
        expect(pdf.headers['content-type']).toBe('application/pdf');
        expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      }
    });

    it('grades star volunteers exactly at the thresholds and masks names on the public roll', async () => {
      const long = await activity({ startsAt: iso(-150 * HOUR), endsAt: iso(-2 * HOUR), minMinutes: 0 });
      const y = youths[1]!;
      const entered = await post(organiser, `/api/volunteering/activities/${long.id}/manual-attendance`, {
        personId: y.personId,
        checkedInAt: iso(-150 * HOUR),
        checkedOutAt: iso(-2 * HOUR),
        reason: '多日集中服务，按签到表补录',
      });
      expect(entered.statusCode, entered.body).toBe(200);
      const [e] = await enrolments(long.id);
      expect(
        (await post(organiser, `/api/volunteering/activities/${long.id}/confirm`, { enrolmentIds: [e!.id] }))
          .statusCode,
      ).toBe(200);
      const record = await ctx.db
        .selectFrom('volunteer_records')
        .selectAll()
        .where('activity_id', '=', long.id)
        .executeTakeFirstOrThrow();
      const others = Number(
        (
          await ctx.db
            .selectFrom('volunteer_records')
            .select(sql<number>`coalesce(sum(hours_hundredths), 0)`.as('h'))
            .where('person_id', '=', y.personId)
            .where('id', '!=', record.id)
            .executeTakeFirstOrThrow()
        ).h,
      );
      const levelAt = async (totalHours: number) => {
        const hours = (totalHours * 100 - others) / 100;
        const res = await post(organiser, `/api/volunteering/records/${record.id}/corrections`, {
          hours,
          reason: '阈值核对更正',
        });
        expect(res.statusCode, res.body).toBe(200);
        const stars = (await get(organiser, '/api/volunteering/stars?org=SL-A')).json();
        return stars.items.find((i: { personId: number }) => i.personId === y.personId)?.level ?? 0;
      };
      expect(await levelAt(99.99)).toBe(0);
      expect(await levelAt(100)).toBe(1);
      const roll = (await get(null, '/public/volunteering/honour-roll/SL-A')).json();
      expect(roll.items).toEqual([{ name: '李*红', hours: 100, level: 1, label: '一星' }]);
      const me = (await get(y.session, '/api/volunteering/me')).json();
      expect(me.star).toMatchObject({ level: 1, label: '一星', nextLabel: '二星', hoursToNext: 200 });
    });

    it('lists anomalies: late entries, own hours confirmed by oneself, overlapping activities', async () => {
      // The organiser is himself a volunteer: his account is linked to a person.
      const self = await buildPerson(ctx, { name: '钱组织', orgCode: 'SL-A-T1' });
      await ctx.db
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
        await post(organiser, `/api/volunteering/activities/${a.id}/manual-attendance`, {
          personId: self.id,
          checkedInAt: iso(-20 * 24 * HOUR),
          checkedOutAt: iso(-20 * 24 * HOUR + 3 * HOUR),
          reason: '现场纸质签到表补录',
        });
        const ids = (await enrolments(a.id)).map((e) => e.id);
        const noReason = await post(organiser, `/api/volunteering/activities/${a.id}/confirm`, {
          enrolmentIds: ids,
        });
        expect(noReason.statusCode).toBe(422);
        expect(noReason.json().error.message).toMatch(/超过7天后确认时长必须填写原因/);
        const ok = await post(organiser, `/api/volunteering/activities/${a.id}/confirm`, {
          enrolmentIds: ids,
          reason: '组织者出差返回后确认',
        });
        expect(ok.statusCode, ok.body).toBe(200);
      }
      const res = await get(organiser, '/api/volunteering/anomalies?org=SL-A');
      expect(res.statusCode).toBe(200);
      const kinds = res
        .json()
        .items.filter((i: { personId: number }) => i.personId === self.id)
        .map((i: { kind: string }) => i.kind);
      expect(kinds.filter((k: string) => k === 'late_entry')).toHaveLength(2);
      expect(kinds.filter((k: string) => k === 'self_confirmed')).toHaveLength(2);
      expect(kinds.filter((k: string) => k === 'overlap')).toHaveLength(1);
      expect((await get(countyB, '/api/volunteering/anomalies?org=SL-A')).statusCode).toBe(403);

      // Many manual entries by one account: below the threshold nothing, at it one line naming the account.
      const manualOf = async () =>
        (await get(organiser, '/api/volunteering/anomalies?org=SL-A'))
          .json()
          .items.filter((i: { kind: string }) => i.kind === 'many_manual');
      expect(await manualOf()).toEqual([]);
      const busy = await activity({ startsAt: iso(-5 * HOUR), endsAt: iso(-3 * HOUR) });
      for (let i = 0; i < MANY_MANUAL_ENTRIES; i++) {
        const p = await buildPerson(ctx, { orgCode: 'SL-A-T1' });
        const res = await post(organiser, `/api/volunteering/activities/${busy.id}/manual-attendance`, {
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

    it('registers a young person without a match as pending until an organiser confirms', async () => {
      const idNumber = makeIdNumber('419901', '2007-07-07', 77);
      const reg = await sut.inject({
        method: 'POST',
        url: '/public/volunteering/register',
        payload: {
          orgCode: 'SL-A',
          idNumber,
          name: '孙新人',
          phone: '13900000077',
          password: 'young-pass-1',
        },
      });
      expect(reg.statusCode, reg.body).toBe(201);
      expect(reg.json().status).toBe('pending');
      const denied = await sut.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: '13900000077', password: 'young-pass-1' },
      });
      expect(denied.statusCode).toBe(401);
      const onFile = makeIdNumber('419901', '2001-01-01', 88);
      await buildPerson(ctx, { idNumber: onFile, name: '周在册', orgCode: 'SL-A-T1' });
      const wrongName = await sut.inject({
        method: 'POST',
        url: '/public/volunteering/register',
        payload: {
          orgCode: 'SL-A',
          idNumber: onFile,
          name: '冒名者',
          phone: '13900000078',
          password: 'young-pass-1',
        },
      });
      expect(wrongName.statusCode).toBe(422);
      expect(wrongName.json().error.message).toBe('姓名与身份证号不符');

      const list = (await get(organiser, '/api/volunteering/registrations?org=SL-A&status=pending')).json()
        .items;
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ name: '孙新人', phone: '139****0077' });
      expect((await post(countyB, `/api/volunteering/registrations/${list[0].id}/confirm`)).statusCode).toBe(
        403,
      );
      const ok = await post(organiser, `/api/volunteering/registrations/${list[0].id}/confirm`);
      expect(ok.statusCode, ok.body).toBe(200);
      const session = await login(sut, '13900000077', 'young-pass-1');
      expect((await get(session, '/api/volunteering/me')).json()).toMatchObject({
        name: '孙新人',
        year: { hours: 0, target: 20 },
      });
    });

    it('gives statistics by month, category and org that agree with the report, and exports them', async () => {
      const stats = await get(organiser, `/api/volunteering/stats?org=SL-A&from=${YEAR_FROM}&to=${YEAR_TO}`);
      expect(stats.statusCode).toBe(200);
      const s = stats.json();
      const report = await volunteerFigures();
      expect(s.totals).toEqual(report);
      const sum = (k: 'events' | 'participations') =>
        s.byMonth.reduce((n: number, m: Record<string, number>) => n + m[k]!, 0);
      expect(sum('events')).toBe(report.events);
      expect(sum('participations')).toBe(report.participations);
      expect(s.byOrg.find((o: { orgCode: string }) => o.orgCode === 'SL-A-T1').events).toBe(report.events);
      const xlsx = await get(
        organiser,
        `/api/volunteering/stats/export?org=SL-A&from=${YEAR_FROM}&to=${YEAR_TO}`,
      );
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    });
  });
}
