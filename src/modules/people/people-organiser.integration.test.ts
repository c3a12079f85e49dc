import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, requestsAs, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson, buildRegion, buildUser, TEST_PASSWORD } from '../../test/factories.ts';

/**
 * Issue 17, item 8: a volunteer organiser reads his volunteers, not the county's roll with its minors; the
 * writes his screens offer come from the server (me.writes), and the 确认 it offered is no longer refused.
 */
for (const dialect of DIALECTS) {
  describe(`volunteer organiser's reach over people (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let organiser: Session;
    let admin: Session;
    let minorId: number;
    const get = (s: Session, url: string) => requestsAs(sut).get(s, url);
    const post = (s: Session, url: string, payload: object = {}) => requestsAs(sut).post(s, url, payload);
    const names = (res: { json: () => { items: { name: string }[] } }) =>
      res
        .json()
        .items.map((p) => p.name)
        .sort();

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
      await buildOrg(ctx, { code: 'SL-A', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildOrg(ctx, { code: 'SL-A-T1', parentCode: 'SL-A', level: 'township' });
      await buildOrg(ctx, { code: 'SL-B', parentCode: 'SL', kind: 'committee', level: 'county' });
      const minor = await buildPerson(ctx, {
        name: '少年丙',
        birthDate: `${new Date().getUTCFullYear() - 15}-06-01`,
        politicalStatus: 'masses',
        orgCode: 'SL-A-T1',
      });
      minorId = minor.id;
      await buildPerson(ctx, { name: '团员丁', orgCode: 'SL-A-T1' });
      await buildUser(ctx, { username: 'jia-vol', orgCode: 'SL-A', roles: ['volunteer_organiser'] });
      await buildUser(ctx, { username: 'jia-admin', orgCode: 'SL-A', roles: ['org_admin'] });
      organiser = await login(sut, 'jia-vol', TEST_PASSWORD);
      admin = await login(sut, 'jia-admin', TEST_PASSWORD);
      // Two young people on file register themselves; the organiser alone confirms them.
      for (const [i, name] of ['志愿甲', '志愿乙'].entries()) {
        const idNumber = makeIdNumber('419901', `2003-02-0${i + 1}`, 40 + i);
        await buildPerson(ctx, { idNumber, name, politicalStatus: 'masses', orgCode: 'SL-A-T1' });
        const res = await sut.inject({
          method: 'POST',
          url: '/public/volunteering/register',
          payload: {
            orgCode: 'SL-A-T1',
            idNumber,
            name,
            phone: `1390000004${i}`,
            password: 'young-pass-1',
            privacyAccepted: true,
          },
        });
        expect(res.statusCode, res.body).toBe(201);
      }
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('lets the organiser confirm registrants: the 确认 his screen shows is not refused', async () => {
      const pending = (await get(organiser, '/api/volunteering/registrations?status=pending')).json().items;
      expect(pending).toHaveLength(2);
      for (const r of pending) {
        const res = await post(organiser, `/api/volunteering/registrations/${r.id}/confirm`);
        expect(res.statusCode, res.body).toBe(200);
      }
    });

    it('lists and opens only his volunteers; the minor and the members are answered as missing', async () => {
      expect(names(await get(organiser, '/api/people'))).toEqual(['志愿乙', '志愿甲']);
      expect(names(await post(organiser, '/api/people/search', { q: '少年丙' }))).toEqual([]);
      expect((await get(organiser, `/api/people/${minorId}`)).statusCode).toBe(404);
      expect((await post(organiser, `/api/people/${minorId}/reveal-phone`)).statusCode).toBe(404);
      // Staff still read the whole roll.
      expect(names(await get(admin, '/api/people'))).toEqual(['团员丁', '少年丙', '志愿乙', '志愿甲']);
    });

    // The volunteering routes that take a person id read the person too (name, masked number): walking ids through
    // them read the roll back past the people list's reach (the same mistake as 团课学时, person-ref.ts).
    it('answers the minor as missing through the volunteering routes that take a person id', async () => {
      const hours = await get(organiser, `/api/volunteering/people/${minorId}/hours`);
      expect(hours.statusCode, hours.body).toBe(404);
      expect(hours.body).not.toContain('少年丙');
      const certificate = await post(organiser, '/api/volunteering/certificates', {
        personId: minorId,
        orgCode: 'SL-A',
        from: '2026-01-01',
        to: '2026-06-30',
      });
      expect(certificate.statusCode, certificate.body).toBe(404);
      expect(certificate.body).not.toContain('少年丙');
      // Staff still read his hours.
      expect((await get(admin, `/api/volunteering/people/${minorId}/hours`)).json().name).toBe('少年丙');
    });

    // 手工补录 enrols the person it names as a walk-in: a person he cannot pick from his list (a minor who is no
    // volunteer, someone of another county) is answered as missing and no enrolment is written.
    it('records a walk-in only for a person the organiser reads', async () => {
      const stranger = await buildPerson(ctx, { name: '外县戊', orgCode: 'SL-B' });
      const starts = Date.now() - 3 * 3_600_000;
      const activity = await post(organiser, '/api/volunteering/activities', {
        orgCode: 'SL-A-T1',
        title: '河道清洁',
        startsAt: new Date(starts).toISOString(),
        endsAt: new Date(starts + 2 * 3_600_000).toISOString(),
        capacity: 10,
      });
      expect(activity.statusCode, activity.body).toBe(201);
      const walkIn = (personId: number) =>
        post(organiser, `/api/volunteering/activities/${activity.json().id}/manual-attendance`, {
          personId,
          checkedInAt: new Date(starts).toISOString(),
          checkedOutAt: new Date(starts + 3_600_000).toISOString(),
          reason: '现场签到表',
        });
      for (const personId of [minorId, stranger.id]) {
        const res = await walkIn(personId);
        expect(res.statusCode, res.body).toBe(404);
        expect(res.body).not.toMatch(/少年丙|外县戊/);
      }
      const enrolments = await get(
        organiser,
        `/api/volunteering/activities/${activity.json().id}/enrolments`,
      );
      expect(enrolments.json().items).toEqual([]);
      const volunteer = (await get(organiser, '/api/people')).json().items[0] as { id: number };
      expect((await walkIn(volunteer.id)).statusCode).toBe(200);
    });

    it('keeps the league’s member records and exports from the organiser', async () => {
      expect((await get(organiser, '/api/people/export')).statusCode).toBe(403);
      expect((await get(organiser, '/api/membership/transfers')).statusCode).toBe(403);
    });

    it('tells the admin which writes the role may call, from the routes’ own declarations', async () => {
      const me = (await get(organiser, '/api/auth/me')).json().user;
      expect(me.permissions).not.toContain('person.read');
      expect(me.writes).toContain('POST /api/volunteering/registrations/{id}/confirm');
      expect(me.writes).not.toContain('POST /api/people');
      const staff = (await get(admin, '/api/auth/me')).json().user;
      expect(staff.writes).toEqual(expect.arrayContaining(['POST /api/people', 'PATCH /api/people/{id}']));
    });
  });
}
