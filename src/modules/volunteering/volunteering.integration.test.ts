import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/db.ts';
import { HOUR, iso, volunteeringWorld, YEAR_FROM, YEAR_TO } from '../../test/worlds/volunteering.ts';
import { makeScanToken } from './qr-token.ts';
import { volunteerHoursOf } from './records.ledger.ts';

/** Sign-up, check-in/out, the hours rule, confirmation and revisions (issue 5 "Must show"). */
for (const dialect of DIALECTS) {
  describe(`volunteering: sign-up, attendance, hours (${dialect})`, () => {
    const w = volunteeringWorld(dialect);
    const { youths, post, get, activity, scan, signUp, enrolments, volunteerFigures } = w;
    beforeAll(() => w.setUp());
    afterAll(() => w.tearDown());

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
      expect((await get(w.countyB, `/api/volunteering/activities/${small.id}/enrolments`)).statusCode).toBe(
        404,
      );
    });

    it('lists an activity under way since yesterday as open, and an ended one not at all', async () => {
      // Started before midnight (Beijing) and still running: a volunteer must still find it to sign up.
      const overnight = await activity({ startsAt: iso(-26 * HOUR), endsAt: iso(2 * HOUR) });
      const ended = await activity({ startsAt: iso(-5 * HOUR), endsAt: iso(-HOUR) });
      const open = await get(youths[0]!.session, '/api/volunteering/me/activities');
      expect(open.statusCode, open.body).toBe(200);
      const ids = open.json().items.map((a: { id: number }) => a.id);
      expect(ids).toContain(overnight.id);
      expect(ids).not.toContain(ended.id);
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
        post(w.organiser, `/api/volunteering/activities/${a.id}/manual-attendance`, {
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

      const noReason = await post(w.organiser, `/api/volunteering/activities/${a.id}/manual-attendance`, {
        personId: p2!.personId,
        checkedInAt: iso(-30 * HOUR),
        checkedOutAt: iso(-29 * HOUR),
        reason: ' ',
      });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.json().error.message).toMatch(/手工补录必须填写原因/);

      const ids = (await enrolments(a.id)).map((e) => e.id);
      expect(
        (await post(w.organiser, `/api/volunteering/activities/${a.id}/confirm`, { enrolmentIds: ids }))
          .statusCode,
      ).toBe(200);
      const records = await w.ctx.db
        .selectFrom('volunteer_records')
        .selectAll()
        .where('activity_id', '=', a.id)
        .execute();
      expect(records.map((r) => r.hours_hundredths).sort()).toEqual([150, 300]);
      expect(records.every((r) => r.source === 'manual' && r.reason === '手机没电，现场签到表为证')).toBe(
        true,
      );

      // A correction can never exceed the activity either.
      const over = await post(w.organiser, `/api/volunteering/records/${records[0]!.id}/corrections`, {
        hours: 3.5,
        reason: '组织者核对签到表',
      });
      expect(over.statusCode).toBe(422);
      expect(over.json().error.message).toMatch(/超过活动时长 3 小时/);
    });

    it('corrects a wrong scan by hand with a reason, keeping the scanned times in the audit log', async () => {
      // 3½ hours begun; the correction's three and a bit round down to 3 on the half hour.
      const a = await activity({
        startsAt: iso(-3.5 * HOUR),
        endsAt: iso(HOUR / 2),
        minMinutes: 15,
        minSharePercent: 50,
        roundingMinutes: 30,
      });
      const y = youths[2]!;
      await signUp(y.session, a.id);
      expect((await scan(y.session, a.id, 'in')).statusCode).toBe(200);
      // He scanned out at once (leaving for lunch, say): 0 hours.
      const out = await scan(y.session, a.id, 'out');
      expect(out.json().hours).toBe(0);
      const scanned = (await enrolments(a.id)).find((e) => e.personId === y.personId)!;
      const correct = (reason: string) =>
        post(w.organiser, `/api/volunteering/activities/${a.id}/manual-attendance`, {
          personId: y.personId,
          checkedInAt: iso(-3.2 * HOUR),
          checkedOutAt: iso(-1000),
          reason,
        });
      const noReason = await correct('  ');
      expect(noReason.statusCode).toBe(422);
      expect((await enrolments(a.id)).find((e) => e.personId === y.personId)).toEqual(scanned);
      const fixed = await correct('提前扫码签退，现场签到表为证');
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect(fixed.json()).toEqual({ enrolmentId: scanned.id, hours: 3 });
      expect((await enrolments(a.id)).find((e) => e.personId === y.personId)).toMatchObject({
        hours: 3,
        method: 'manual',
        reason: '提前扫码签退，现场签到表为证',
      });
      const entry = await w.ctx.db
        .selectFrom('audit_log')
        .select(['summary', 'detail'])
        .where('entity', '=', 'volunteer_enrolment')
        .where('entity_id', '=', String(scanned.id))
        .where('summary', 'like', '更正%')
        .executeTakeFirstOrThrow();
      expect(entry.summary).toMatch(
        /^更正 王小刚 在活动 社区清洁（.+）的签到签退：.+，3 小时（原扫码 .+，0 小时）$/,
      );
      expect(JSON.parse(String(entry.detail)).scanned).toEqual({
        checkedInAt: scanned.checkedInAt,
        checkedOutAt: scanned.checkedOutAt,
        hours: 0,
      });
    });

    it('counts no hours until the organiser confirms them, in the ledger, the admission feed and the report', async () => {
      const before = await volunteerFigures();
      const a = await activity({ minMinutes: 0 });
      const y = youths[3]!;
      await signUp(y.session, a.id);
      expect((await scan(y.session, a.id, 'in')).statusCode).toBe(200);
      // Backdate the check-in an hour, as if the volunteer had arrived at the start.
      await w.ctx.db
        .updateTable('volunteer_enrolments')
        .set({ checked_in_at: iso(-HOUR) })
        .where('activity_id', '=', a.id)
        .execute();
      const out = await scan(y.session, a.id, 'out');
      expect(out.json().hours).toBeCloseTo(1, 1);

      expect(
        await w.ctx.db.selectFrom('volunteer_records').selectAll().where('activity_id', '=', a.id).execute(),
      ).toEqual([]);
      const feed = await volunteerHoursOf(w.ctx.db, y.personId, YEAR_FROM, YEAR_TO);
      expect(feed.records.filter((r) => r.activityCode === a.code)).toEqual([]);
      const me = (await get(y.session, '/api/volunteering/me')).json();
      expect(me.year.hours).toBe(0);
      const pending = await volunteerFigures();
      expect(pending).toEqual({ ...before, events: before.events + 1 });

      const [e] = await enrolments(a.id);
      const confirmed = await post(w.organiser, `/api/volunteering/activities/${a.id}/confirm`, {
        enrolmentIds: [e!.id],
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const counted = await volunteerFigures();
      expect(counted.participations).toBe(before.participations + 1);
      expect(counted.hours).toBeCloseTo(before.hours + e!.hours!, 2);
      const fed = await volunteerHoursOf(w.ctx.db, y.personId, YEAR_FROM, YEAR_TO);
      const record = fed.records.find((r) => r.activityCode === a.code)!;
      expect(record).toMatchObject({ source: 'checkin', confirmedBy: 'jia-org', revision: 1 });
      expect((await get(y.session, '/api/volunteering/me')).json().year.hours).toBe(e!.hours);
      // Confirming twice is refused.
      expect(
        (await post(w.organiser, `/api/volunteering/activities/${a.id}/confirm`, { enrolmentIds: [e!.id] }))
          .statusCode,
      ).toBe(409);
    });

    it('keeps every revision of a corrected record; the revisions are append-only', async () => {
      const record = await w.ctx.db
        .selectFrom('volunteer_records')
        .selectAll()
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const res = await post(w.organiser, `/api/volunteering/records/${record.id}/corrections`, {
        hours: 1,
        reason: '核对签到表后更正',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().revision).toBe(2);
      const revisions = (await get(w.organiser, `/api/volunteering/records/${record.id}/revisions`)).json()
        .items;
      expect(revisions.map((r: { hours: number }) => r.hours)).toEqual([record.hours_hundredths / 100, 1]);
      expect(revisions[1]).toMatchObject({
        source: 'correction',
        reason: '核对签到表后更正',
        enteredBy: 'jia-org',
      });
      await expect(
        sql`update volunteer_record_revisions set hours_hundredths = 1`.execute(w.ctx.db),
      ).rejects.toThrow(/append-only/);
      const audit = await w.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity', '=', 'volunteer_record')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.summary).toMatch(/更正.*第 2 版/);
    });
  });
}
