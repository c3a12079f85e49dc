import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { donationPayload, grantPayload } from '../../test/aid-payloads.ts';
import { login, requestsAs, type Session } from '../../test/app.ts';
import { buildCounty, buildMiddleSchool, buildPerson, buildUser } from '../../test/county-factories.ts';
import { DIALECTS, type TestContext } from '../../test/db.ts';
import { TEST_PASSWORD } from '../../test/factories.ts';
import { type CountyApp, countyApp } from '../../test/worlds/county-app.ts';

/**
 * Issue 17, item 8: school staff and the aid officer read no roll. Each does his own work (团校、团课、考勤; 捐赠、
 * 资助) and names the person it is about by his full name or 证件号码 (POST /api/people/lookup); the county's
 * people list, its export, 推优入团 and 推优入党 are not theirs, and their menu and buttons (me) follow.
 */
for (const dialect of DIALECTS) {
  describe(`school staff and aid officer: their own work, a named lookup, no roll (${dialect})`, () => {
    let world: CountyApp;
    let ctx: TestContext;
    let sut: App;
    let admin: Session;
    let school: Session;
    let m1School: Session;
    let aid: Session;
    let secretary: Session;
    let editor: Session;
    const ids: Record<string, { id: number; idNumber: string }> = {};
    const get = (s: Session, url: string) => requestsAs(sut).get(s, url);
    const post = (s: Session, url: string, payload: object = {}) => requestsAs(sut).post(s, url, payload);
    const put = (s: Session, url: string, payload: object = {}) => requestsAs(sut).put(s, url, payload);
    const lookup = async (s: Session, q: string) => {
      const res = await post(s, '/api/people/lookup', { q });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        items: {
          id: number;
          name: string;
          idNumberMasked: string;
          org: { name: string } | null;
          ref: string;
        }[];
        total: number;
      };
    };
    const me = async (s: Session) =>
      (await get(s, '/api/auth/me')).json().user as { permissions: string[]; writes: string[] };

    beforeAll(async () => {
      world = await countyApp(dialect);
      ({ ctx, sut, session: admin } = world);
      await buildCounty(ctx, 'SL-B', '419902');
      await buildMiddleSchool(ctx);
      for (const [key, name, orgCode, birthDate] of [
        ['minor', '少年丙', 'SL-A-T1-V1', `${new Date().getUTCFullYear() - 15}-06-01`],
        ['pupil', '学生甲', 'SL-A-M1-C1', '2010-03-01'],
        ['wang1', '王伟', 'SL-A-T1-V1', '2004-01-01'],
        ['wang2', '王伟', 'SL-A-M1-C1', '2009-01-01'],
        ['other', '乙县青年', 'SL-B-T1-V1', '2003-01-01'],
      ] as const) {
        const p = await buildPerson(ctx, { name, orgCode, birthDate, phone: '13900001234' });
        ids[key] = { id: p.id, idNumber: p.idNumber };
      }
      for (const [username, orgCode, role] of [
        ['dh-school', 'SL-A', 'school_staff'],
        ['m1-school', 'SL-A-M1', 'school_staff'],
        ['zx', 'SL-A', 'aid_officer'],
        ['c1-sec', 'SL-A-M1-C1', 'branch_secretary'],
        ['a-editor', 'SL-A', 'portal_editor'],
      ] as const)
        await buildUser(ctx, { username, orgCode, roles: [role] });
      school = await login(sut, 'dh-school', TEST_PASSWORD);
      m1School = await login(sut, 'm1-school', TEST_PASSWORD);
      aid = await login(sut, 'zx', TEST_PASSWORD);
      secretary = await login(sut, 'c1-sec', TEST_PASSWORD);
      editor = await login(sut, 'a-editor', TEST_PASSWORD);
    });
    afterAll(() => world.dispose());

    it('keeps the roll, its export, 推优入团 and 推优入党 from both', async () => {
      for (const s of [school, aid]) {
        for (const url of [
          '/api/people',
          '/api/people/export',
          `/api/people/${ids.minor!.id}`,
          '/api/admissions',
          '/api/admissions/export',
          '/api/party-recommendations',
          '/api/party-recommendations/export',
          '/api/membership/transfers',
        ])
          expect((await get(s, url)).statusCode, url).toBe(403);
        expect((await post(s, '/api/people/search', { q: '少年丙' })).statusCode).toBe(403);
        expect((await post(s, `/api/people/${ids.minor!.id}/reveal-phone`)).statusCode).toBe(403);
        expect((await me(s)).permissions).not.toContain('person.read');
      }
      // Staff of the league's own work still read them.
      expect((await get(admin, '/api/people')).json().total).toBe(4);
    });

    it('finds a person by his full name or 证件号码 only, within the caller’s reach', async () => {
      for (const s of [school, aid]) {
        // No browsing: nothing for an empty, partial or phone query.
        for (const q of ['', '王', '少年', '139', '13900001234'])
          expect((await lookup(s, q)).items, q).toEqual([]);
        const wangs = await lookup(s, '王伟');
        expect(wangs.total).toBe(2);
        // Two of a name are told apart by the masked number and the branch, nothing more.
        expect(wangs.items.map((p) => Object.keys(p).sort())).toEqual([
          ['id', 'idNumberMasked', 'name', 'org', 'ref'],
          ['id', 'idNumberMasked', 'name', 'org', 'ref'],
        ]);
        expect(wangs.items.every((p) => /^\d{4}\*+[\dX]{2}$/.test(p.idNumberMasked))).toBe(true);
        expect((await lookup(s, ids.minor!.idNumber)).items.map((p) => p.name)).toEqual(['少年丙']);
        // Another county's people read as unknown, by name and by number.
        expect((await lookup(s, '乙县青年')).items).toEqual([]);
        expect((await lookup(s, ids.other!.idNumber)).items).toEqual([]);
      }
      // A school's own staff reach his school's subtree only.
      expect((await lookup(m1School, '王伟')).items.map((p) => p.org?.name)).toEqual(['初三1班团支部']);
      expect((await lookup(m1School, '少年丙')).items).toEqual([]);
      // Roles that name no one have no lookup.
      expect((await post(editor, '/api/people/lookup', { q: '王伟' })).statusCode).toBe(403);
    });

    it('lets school staff run the school: a school, a teacher, a class and the attendee he names', async () => {
      const created = await post(school, '/api/schools', {
        code: 'SL-A-TX',
        name: '甲县团校',
        orgCode: 'SL-A',
      });
      expect(created.statusCode, created.body).toBe(201);
      const teacher = await post(school, '/api/schools/SL-A-TX/teachers', { name: '赵老师', kind: '团干部' });
      expect(teacher.statusCode, teacher.body).toBe(201);
      const cls = await post(school, '/api/classes', {
        code: 'SL-A-TX-K1',
        title: '团的基本知识',
        orgCode: 'SL-A',
        schoolCode: 'SL-A-TX',
        heldOn: '2026-03-01',
        hours: 2,
      });
      expect(cls.statusCode, cls.body).toBe(201);
      const [pupil] = (await lookup(school, ids.pupil!.idNumber)).items;
      const marked = await put(school, '/api/classes/SL-A-TX-K1/attendance', {
        records: [{ personRef: pupil!.ref, result: 'passed' }],
      });
      expect(marked.statusCode, marked.body).toBe(200);
      expect(marked.json().attendance.map((a: { name: string }) => a.name)).toEqual(['学生甲']);
      expect((await get(school, '/api/classes/attendance/export')).statusCode).toBe(200);
      // 学时 of the person he found, by the lookup's reference; by id, of no one (person-ref.integration.test).
      const hours = await post(school, '/api/classes/hours', { personRef: pupil!.ref });
      expect(hours.json().totalHours).toBe(2);
      expect((await post(school, '/api/classes/hours', { personId: ids.minor!.id })).statusCode).toBe(403);
      // The branch secretary takes attendance and holds classes, but sets up no school.
      expect(
        (await post(secretary, '/api/schools', { code: 'X-TX', name: '越权', orgCode: 'SL-A-M1-C1' }))
          .statusCode,
      ).toBe(403);
      expect((await get(secretary, '/api/classes/SL-A-TX-K1')).statusCode).toBe(200);
    });

    it('lets the aid officer pay a grant to the student he names', async () => {
      const donation = await post(aid, '/api/aid/donations', donationPayload());
      expect(donation.statusCode, donation.body).toBe(201);
      const [student] = (await lookup(aid, '学生甲')).items;
      const grant = await post(
        aid,
        '/api/aid/grants',
        grantPayload({ personRef: student!.ref }, { amount: 300 }),
      );
      expect(grant.statusCode, grant.body).toBe(201);
      expect((await get(aid, '/api/aid/grants')).json().items).toHaveLength(1);
      // 团校 is not his work.
      expect((await get(aid, '/api/classes')).statusCode).toBe(403);
    });

    it('tells the admin what each may do: menus and buttons follow me', async () => {
      const s = await me(school);
      expect(s.permissions).toEqual(expect.arrayContaining(['school.read', 'school.write', 'school.manage']));
      expect(s.writes).toEqual(
        expect.arrayContaining([
          'POST /api/classes',
          'PUT /api/classes/{code}/attendance',
          'POST /api/schools',
          'POST /api/schools/{code}/teachers',
          'POST /api/people/lookup',
        ]),
      );
      for (const op of ['POST /api/admissions', 'POST /api/party-recommendations', 'POST /api/people'])
        expect(s.writes).not.toContain(op);
      const a = await me(aid);
      expect(a.permissions).not.toContain('school.read');
      expect(a.writes).toEqual(expect.arrayContaining(['POST /api/aid/grants', 'POST /api/people/lookup']));
      for (const op of ['POST /api/classes', 'POST /api/admissions', 'POST /api/party-recommendations'])
        expect(a.writes).not.toContain(op);
      const sec = await me(secretary);
      expect(sec.writes).toEqual(
        expect.arrayContaining(['POST /api/classes', 'PUT /api/classes/{code}/attendance']),
      );
      expect(sec.writes).not.toContain('POST /api/schools');
      // Roles with no school work see no 团校团课 and read no attendance.
      expect((await me(editor)).permissions).not.toContain('school.read');
      expect((await get(editor, '/api/classes/SL-A-TX-K1')).statusCode).toBe(403);
    });
  });
}
