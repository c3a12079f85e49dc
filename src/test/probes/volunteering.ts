import { nowIso } from '../../db/create-db.ts';
import { makeIdNumber, maskIdNumber } from '../../lib/id-number.ts';
import { findOrgByCode } from '../../modules/orgs/orgs.repository.ts';
import { insertUser } from '../../modules/users/users.repository.ts';
import { writeRecord } from '../../modules/volunteering/records.ledger.ts';
import type { TestContext } from '../db.ts';

/**
 * The scope walk's probes (src/server/scope.integration.test.ts) for /api/volunteering: SL-B's admin aims at
 * SL-A's activity, record, registration and certificate, which seedVolunteeringProbes creates first.
 * `:vactivity`, `:vrecord`, `:vregistration`, `:vcert` stand for their ids and number.
 */
type Expect = 'denied' | 'own' | 'refused';
type Probe = { url: string; payload?: object; expect: Expect; why?: string };

const V = '/api/volunteering';
const period = 'from=2022-01-01&to=2023-12-31';
const denied = (url: string, payload?: object): Probe => ({
  url,
  expect: 'denied',
  ...(payload ? { payload } : {}),
});
const own = (url: string, why: string): Probe => ({ url, expect: 'own', why });
const notYoung = 'he is staff, not a young person with an account of his own: 403';

const activity = {
  title: '越界活动',
  startsAt: '2023-03-05 09:00',
  endsAt: '2023-03-05 12:00',
  capacity: 10,
};

export const VOLUNTEERING_PROBES: Record<string, Probe[]> = {
  [`GET ${V}/campaigns`]: [denied(`${V}/campaigns?org=SL-A`), own(`${V}/campaigns`, 'his own subtree')],
  [`POST ${V}/campaigns`]: [
    denied(`${V}/campaigns`, {
      orgCode: 'SL-A',
      title: '越界',
      startsOn: '2023-03-01',
      endsOn: '2023-03-31',
    }),
  ],
  [`GET ${V}/settings`]: [denied(`${V}/settings?org=SL-A`), own(`${V}/settings`, 'his own org’s rule')],
  [`PUT ${V}/settings`]: [
    denied(`${V}/settings`, { orgCode: 'SL-A', minMinutes: 0, minSharePercent: 0, roundingMinutes: 1 }),
  ],
  [`GET ${V}/activities`]: [denied(`${V}/activities?org=SL-A`), own(`${V}/activities`, 'his own subtree')],
  [`POST ${V}/activities`]: [
    denied(`${V}/activities`, { orgCode: 'SL-A-T1', ...activity }),
    denied(`${V}/activities`, { orgCode: 'SL-A', ...activity }),
  ],
  [`GET ${V}/activities/:id`]: [denied(`${V}/activities/:vactivity`)],
  [`PATCH ${V}/activities/:id`]: [denied(`${V}/activities/:vactivity`, { title: '越界改名' })],
  [`GET ${V}/activities/:id/enrolments`]: [denied(`${V}/activities/:vactivity/enrolments`)],
  [`GET ${V}/activities/:id/qr`]: [denied(`${V}/activities/:vactivity/qr?action=in`)],
  [`POST ${V}/activities/:id/manual-attendance`]: [
    denied(`${V}/activities/:vactivity/manual-attendance`, {
      personId: 1,
      checkedInAt: '2023-03-05 09:00',
      checkedOutAt: '2023-03-05 11:00',
      reason: '越界补录时长',
    }),
  ],
  [`POST ${V}/activities/:id/confirm`]: [denied(`${V}/activities/:vactivity/confirm`, { enrolmentIds: [1] })],
  [`POST ${V}/activities/:id/reject`]: [
    denied(`${V}/activities/:vactivity/reject`, { enrolmentIds: [1], reason: '越界驳回时长' }),
  ],
  [`POST ${V}/records/:id/corrections`]: [
    denied(`${V}/records/:vrecord/corrections`, { hours: 1, reason: '越界更正时长' }),
  ],
  [`GET ${V}/records/:id/revisions`]: [denied(`${V}/records/:vrecord/revisions`)],
  [`GET ${V}/people/:id/hours`]: [denied(`${V}/people/:person/hours?${period}`)],
  [`GET ${V}/anomalies`]: [
    denied(`${V}/anomalies?org=SL-A&${period}`),
    own(`${V}/anomalies?${period}`, 'his own subtree'),
  ],
  [`GET ${V}/stars`]: [denied(`${V}/stars?org=SL-A`), own(`${V}/stars`, 'his own subtree')],
  [`GET ${V}/stats`]: [
    denied(`${V}/stats?org=SL-A&${period}`),
    own(`${V}/stats?${period}`, 'his own subtree'),
  ],
  [`GET ${V}/stats/people`]: [
    denied(`${V}/stats/people?org=SL-A&${period}`),
    own(`${V}/stats/people?${period}`, 'his own subtree'),
  ],
  [`GET ${V}/stats/export`]: [denied(`${V}/stats/export?org=SL-A&${period}`)],
  [`GET ${V}/registrations`]: [
    denied(`${V}/registrations?org=SL-A`),
    own(`${V}/registrations`, 'his own subtree'),
  ],
  [`POST ${V}/registrations/:id/confirm`]: [denied(`${V}/registrations/:vregistration/confirm`)],
  [`POST ${V}/registrations/:id/reject`]: [denied(`${V}/registrations/:vregistration/reject`)],
  [`POST ${V}/certificates`]: [
    denied(`${V}/certificates`, { personId: 1, orgCode: 'SL-A', from: '2023-01-01', to: '2023-12-31' }),
    denied(`${V}/certificates`, { personId: 1, orgCode: 'SL-B', from: '2023-01-01', to: '2023-12-31' }),
  ],
  [`GET ${V}/certificates/:number`]: [denied(`${V}/certificates/:vcert`)],
  [`GET ${V}/certificates/:number/pdf`]: [denied(`${V}/certificates/:vcert/pdf`)],
  [`POST ${V}/me/certificates`]: [
    { ...denied(`${V}/me/certificates`, { from: '2023-01-01', to: '2023-12-31' }), why: notYoung },
  ],
  [`GET ${V}/me`]: [{ ...denied(`${V}/me`), why: notYoung }],
  [`GET ${V}/me/activities`]: [{ ...denied(`${V}/me/activities`), why: notYoung }],
  [`POST ${V}/me/activities/:id/signup`]: [
    { ...denied(`${V}/me/activities/:vactivity/signup`), why: notYoung },
  ],
  [`POST ${V}/me/activities/:id/cancel`]: [
    { ...denied(`${V}/me/activities/:vactivity/cancel`), why: notYoung },
  ],
  [`POST ${V}/me/scan`]: [{ ...denied(`${V}/me/scan`, { token: '1.in.9999999999.x' }), why: notYoung }],
};

/** SL-A's volunteering records for the walk: an activity with a confirmed record, a registration, a certificate. */
export async function seedVolunteeringProbes(ctx: TestContext, slAPerson: number) {
  const org = (await findOrgByCode(ctx.db, 'SL-A-T1'))!;
  const now = nowIso();
  const { id: activityId } = await ctx.db
    .insertInto('volunteer_activities')
    .values({
      code: 'SL-A-ZY-PROBE',
      title: '甲县河道清洁志愿服务',
      category: '生态环保',
      org_id: org.id,
      org_path: org.path,
      starts_at: '2023-03-05T01:00:00.000Z',
      ends_at: '2023-03-05T04:00:00.000Z',
      start_date: '2023-03-05',
      region_id: null,
      place: '甲县河堤',
      capacity: 20,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const activity = (await ctx.db
    .selectFrom('volunteer_activities')
    .selectAll()
    .where('id', '=', activityId)
    .executeTakeFirstOrThrow())!;
  const record = await writeRecord(ctx.db, activity, slAPerson, {
    hoursHundredths: 250,
    checkedInAt: '2023-03-05T01:00:00.000Z',
    checkedOutAt: '2023-03-05T03:30:00.000Z',
    source: 'manual',
    enteredByUserId: null,
    enteredAt: now,
    confirmedByUserId: null,
    reason: '甲县签到表补录',
  });
  const idNumber = makeIdNumber('419901', '2008-08-08', 8);
  const userId = await insertUser(
    ctx.db,
    { username: '13911118888', passwordHash: 'x', displayName: '甲县青年', orgId: org.id, now },
    ['young_person'],
  );
  const { id: registrationId } = await ctx.db
    .insertInto('volunteer_registrations')
    .values({
      user_id: userId,
      org_id: org.id,
      person_id: null,
      name: '甲县青年',
      phone: '13911118888',
      id_number_hash: ctx.cipher.lookupHash(idNumber),
      id_number_enc: ctx.cipher.encrypt(idNumber),
      id_number_masked: maskIdNumber(idNumber),
      status: 'pending',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const number = 'ZM20230401PROBE001';
  await ctx.db
    .insertInto('volunteer_certificates')
    .values({
      number,
      person_id: slAPerson,
      org_id: org.id,
      name: '甲县张三',
      id_type: '居民身份证',
      id_number_masked: '4199************11',
      volunteer_no: 'ZYZ00000001',
      period_from: '2023-01-01',
      period_to: '2023-03-31',
      hours_hundredths: 250,
      activity_count: 1,
      content: '甲县河道清洁志愿服务',
      issuer_name: '甲县一镇团工委',
      contact: '甲县团委 0000-1234567',
      issued_on: '2023-04-01',
      issued_by_user_id: null,
      created_at: now,
    })
    .execute();
  return { activityId, recordId: record.id, registrationId, number };
}

export function volunteeringProbeUrl(
  url: string,
  ids: { activityId: number; recordId: number; registrationId: number; number: string } | undefined,
): string {
  if (!ids) return url;
  return url
    .replace(':vactivity', String(ids.activityId))
    .replace(':vrecord', String(ids.recordId))
    .replace(':vregistration', String(ids.registrationId))
    .replace(':vcert', ids.number);
}
