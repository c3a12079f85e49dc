import { afterAll, beforeAll } from 'vitest';
import { type DialectName, nowIso } from '../../db/create-db.ts';
import { refreshPreviousDates } from '../../modules/volunteering/previous-dates.service.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, requestsAs, type Session } from '../app.ts';
import { buildMiddleSchool } from '../county-factories.ts';
import { createTestContext, type TestContext } from '../db.ts';
import { buildOrg, buildPerson, buildRegion, buildUser } from '../factories.ts';

/**
 * The world the admission tests walk in: a county (SL-A) with a middle school committee (SL-A-M1) and
 * two class branches under it, another county (SL-B), users at each level, members to sponsor
 * applicants, and 团课 of 2 学时 each held by the school.
 */
export interface AdmissionWorld {
  secretary: Session;
  otherSecretary: Session;
  school: Session;
  county: Session;
  countyB: Session;
  members: number[];
  masses: number;
  classes: string[];
}

export async function buildAdmissionWorld(ctx: TestContext, sut: App): Promise<AdmissionWorld> {
  await buildRegion(ctx, '419901', 'county');
  await buildOrg(ctx, { code: 'SL', parentCode: null, kind: 'committee', level: 'city' });
  await buildOrg(ctx, {
    code: 'SL-A',
    name: '甲县团委',
    parentCode: 'SL',
    kind: 'committee',
    level: 'county',
  });
  await buildMiddleSchool(ctx);
  await buildOrg(ctx, {
    code: 'SL-B',
    name: '乙县团委',
    parentCode: 'SL',
    kind: 'committee',
    level: 'county',
  });
  await buildUser(ctx, { username: 'c1-secretary', orgCode: 'SL-A-M1-C1', roles: ['branch_secretary'] });
  await buildUser(ctx, { username: 'c2-secretary', orgCode: 'SL-A-M1-C2', roles: ['branch_secretary'] });
  await buildUser(ctx, { username: 'm1-admin', orgCode: 'SL-A-M1', roles: ['org_admin'] });
  await buildUser(ctx, { username: 'a-admin', orgCode: 'SL-A', roles: ['org_admin'] });
  await buildUser(ctx, { username: 'b-admin', orgCode: 'SL-B', roles: ['org_admin'] });
  // A class branch of 30 members, so a 支部大会 of 30 may be recorded (应到会 is checked against the roster).
  const members: number[] = [];
  for (let i = 0; i < 30; i++) {
    const { id } = await buildPerson(ctx, {
      orgCode: 'SL-A-M1-C1',
      name: `团员${i}`,
      birthDate: '2009-05-05',
    });
    if (i < 3) members.push(id);
  }
  const masses = (
    await buildPerson(ctx, {
      orgCode: 'SL-A-M1-C1',
      name: '群众甲',
      politicalStatus: 'masses',
      birthDate: '2010-01-01',
    })
  ).id;
  const pw = 'correct-horse-battery';
  const world = {
    secretary: await login(sut, 'c1-secretary', pw),
    otherSecretary: await login(sut, 'c2-secretary', pw),
    school: await login(sut, 'm1-admin', pw),
    county: await login(sut, 'a-admin', pw),
    countyB: await login(sut, 'b-admin', pw),
    members,
    masses,
    classes: [] as string[],
  };
  for (const [i, heldOn] of [
    '2026-02-10',
    '2026-03-10',
    '2026-04-10',
    '2026-04-20',
    '2026-04-25',
  ].entries()) {
    const code = `SL-A-M1-K${i + 1}`;
    const res = await sut.inject({
      method: 'POST',
      url: '/api/classes',
      headers: world.school.headers,
      payload: {
        code,
        title: `团课第${i + 1}讲`,
        orgCode: 'SL-A-M1',
        heldOn,
        hours: 2,
        teacher: '王老师',
        teacherKind: '团干部',
      },
    });
    if (res.statusCode !== 201) throw new Error(`class: ${res.body}`);
    world.classes.push(code);
  }
  return world;
}

type Reply = Awaited<ReturnType<App['inject']>>;

/** The admission world behind a running app, with the requests its tests make as one of its users. */
export interface AdmissionApp extends AdmissionWorld {
  ctx: TestContext;
  sut: App;
  get(s: Session, url: string): Promise<Reply>;
  post(s: Session, url: string, payload?: object): Promise<Reply>;
  put(s: Session, url: string, payload?: object): Promise<Reply>;
  /** buildCandidate in this world. */
  candidate(): Promise<number>;
}

/**
 * The arrange block the admission, 推优入党 and 团校 route tests share: registers, in the calling describe, a
 * beforeAll that builds a database, the app and buildAdmissionWorld, and an afterAll that closes them. The
 * fields of the world, ctx and sut are filled in by that beforeAll, so read them inside hooks and tests only;
 * get/post/put/candidate may be destructured at once.
 */
export function useAdmissionWorld(dialect: DialectName): AdmissionApp {
  const app = {
    get: (s, url) => requestsAs(app.sut).get(s, url),
    post: (s, url, payload) => requestsAs(app.sut).post(s, url, payload),
    put: (s, url, payload) => requestsAs(app.sut).put(s, url, payload),
    candidate: () => buildCandidate(app.ctx, app.sut, app),
  } as AdmissionApp;
  beforeAll(async () => {
    app.ctx = await createTestContext(dialect);
    app.sut = await buildTestApp(app.ctx);
    Object.assign(app, await buildAdmissionWorld(app.ctx, app.sut));
  });
  afterAll(async () => {
    await app.sut?.close();
    await app.ctx?.dispose();
  });
  return app;
}

/** A volunteer activity of SL-A-M1 on a date, and a record of hours for each person given. */
export async function giveVolunteerHours(ctx: TestContext, on: string, hours: number, personIds: number[]) {
  const org = await buildOrg(ctx, { code: 'SL-A-M1' });
  const now = nowIso();
  const { id } = await ctx.db
    .insertInto('volunteer_activities')
    .values({
      code: `ZY-${on}-${Math.random().toString(36).slice(2, 8)}`,
      title: `志愿服务 ${on}`,
      category: '关爱老人',
      starts_at: `${on}T01:00:00.000Z`,
      ends_at: `${on}T09:00:00.000Z`,
      start_date: on,
      region_id: null,
      place: null,
      org_id: org.id,
      org_path: org.path,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const personId of personIds) {
    await ctx.db
      .insertInto('volunteer_records')
      .values({
        activity_id: id,
        person_id: personId,
        hours_hundredths: Math.round(hours * 100),
        checked_in_at: null,
        checked_out_at: null,
        org_id: org.id,
        org_path: org.path,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  // Inserted around records.ledger, so the previous dates the 志愿者 figure reads are filled as it would.
  await refreshPreviousDates(ctx.db, { personIds });
}

/**
 * An applicant of SL-A-M1-C1 (30 members) taken by its secretary to 发展对象, 公示 ending 2026-05-12: the
 * classes and hours the conditions ask for, the talk, the activist step with a mentor, two introducers.
 */
export async function buildCandidate(ctx: TestContext, sut: App, w: AdmissionWorld): Promise<number> {
  const p = await buildPerson(ctx, {
    orgCode: 'SL-A-M1-C1',
    politicalStatus: 'young_pioneer',
    birthDate: '2010-03-01',
    joinedOn: null,
  });
  const post = (url: string, payload: object) =>
    sut.inject({ method: 'POST', url, headers: w.secretary.headers, payload });
  for (const code of w.classes.slice(0, 4))
    await sut.inject({
      method: 'PUT',
      url: `/api/classes/${code}/attendance`,
      headers: w.secretary.headers,
      payload: { records: [{ personId: p.id, result: 'passed' }] },
    });
  await giveVolunteerHours(ctx, '2026-03-15', 24, [p.id]);
  const id = (
    await post('/api/admissions', {
      personId: p.id,
      orgCode: 'SL-A-M1-C1',
      appliedOn: '2026-01-05',
      civicsGrade: '优秀',
    })
  ).json().id as number;
  await post(`/api/admissions/${id}/talk`, { on: '2026-01-20' });
  await post(`/api/admissions/${id}/activist`, {
    on: '2026-02-02',
    recommendedBy: 'pioneer_recommendation',
    mentorIds: [w.members[0]],
  });
  const c = await post(`/api/admissions/${id}/candidate`, {
    on: '2026-05-04',
    publicityFrom: '2026-05-06',
    publicityTo: '2026-05-12',
    introducerIds: [w.members[1], w.members[2]],
  });
  if (c.json().status !== 'candidate') throw new Error(`candidate: ${c.body}`);
  return id;
}
