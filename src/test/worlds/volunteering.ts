import { expect } from 'vitest';
import type { DialectName } from '../../db/create-db.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { makeScanToken } from '../../modules/volunteering/qr-token.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../app.ts';
import { createTestContext, type TestContext } from '../db.ts';
import { buildOrg, buildPerson, buildRegion, buildUser, TEST_PASSWORD } from '../factories.ts';

export const HOUR = 3_600_000;
export const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
export const YEAR_FROM = `${new Date().getUTCFullYear() - 1}-01-01`;
export const YEAR_TO = `${new Date().getUTCFullYear() + 1}-12-31`;

/**
 * The world of the volunteering integration tests: SL-A (a county with a township) and SL-B, an organiser of
 * SL-A, an admin of SL-B, and four young people of SL-A who registered themselves, were confirmed and are signed in.
 */
export function volunteeringWorld(dialect: DialectName) {
  let ctx!: TestContext;
  let sut!: App;
  let organiser!: Session;
  let countyB!: Session;
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
      checkedOutAt: string | null;
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

  async function setUp() {
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
        payload: { orgCode: 'SL-A', idNumber, name, phone, password: 'young-pass-1', privacyAccepted: true },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('pending');
      const pending = (await get(organiser, '/api/volunteering/registrations?status=pending')).json().items;
      const confirmed = await post(organiser, `/api/volunteering/registrations/${pending[0].id}/confirm`);
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      youths.push({ session: await login(sut, phone, 'young-pass-1'), personId: person.id, phone, name });
    }
  }

  async function tearDown() {
    await sut?.close();
    await ctx?.dispose();
  }

  return {
    get ctx() {
      return ctx;
    },
    get sut() {
      return sut;
    },
    get organiser() {
      return organiser;
    },
    get countyB() {
      return countyB;
    },
    youths,
    post,
    get,
    activity,
    scan,
    signUp,
    enrolments,
    volunteerFigures,
    setUp,
    tearDown,
  };
}
