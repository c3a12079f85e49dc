import { nowIso } from '../../db/create-db.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { buildChildRegion } from '../county-factories.ts';
import type { TestContext } from '../db.ts';

/**
 * The scope walk's probes (src/server/scope.integration.test.ts) for the ledger routes (aid, cadres, counselling, funds, internships, venues): SL-B's admin aims at
 * SL-A's records, which seedLedgerProbes creates first in a fresh database, so each has id 1.
 */
const SL_A_ID = makeIdNumber('419901', '2003-09-09', 1);
const P = '/api';
const period = 'from=2022-01-01&to=2023-12-31';

type Expect = 'denied' | 'own' | 'refused';
type LedgerProbe = { url: string; payload?: object; expect: Expect; why?: string };

const denied = (url: string, payload?: object): LedgerProbe => ({
  url,
  expect: 'denied',
  ...(payload ? { payload } : {}),
});
const own = (url: string, why: string): LedgerProbe => ({ url, expect: 'own', why });

export const LEDGER_PROBES: Record<string, LedgerProbe[]> = {
  'GET /api/aid/donations': [
    denied(`${P}/aid/donations?org=SL-A`),
    own(`${P}/aid/donations?${period}`, 'his own subtree'),
  ],
  'POST /api/aid/donations': [
    denied(`${P}/aid/donations`, {
      donor: '越界',
      donorKind: '个人',
      amount: 1,
      donatedOn: '2023-01-01',
      program: '助学',
      orgCode: 'SL-A-T1',
    }),
  ],
  'GET /api/aid/donations/export': [denied(`${P}/aid/donations/export?org=SL-A`)],
  'GET /api/aid/donations/:id/receipt': [denied(`${P}/aid/donations/1/receipt`)],
  'GET /api/aid/grants': [denied(`${P}/aid/grants?org=SL-A`)],
  'POST /api/aid/grants': [
    denied(`${P}/aid/grants`, {
      idNumber: SL_A_ID,
      amount: 1,
      grantedOn: '2023-01-01',
      program: '助学',
      orgCode: 'SL-B',
      reason: '越界',
      school: '越界',
    }),
    denied(`${P}/aid/grants`, {
      idNumber: SL_A_ID,
      amount: 1,
      grantedOn: '2023-01-01',
      program: '助学',
      orgCode: 'SL-A',
      reason: '越界',
      school: '越界',
    }),
  ],
  'GET /api/aid/grants/export': [denied(`${P}/aid/grants/export?org=SL-A`)],
  'GET /api/aid/donors': [denied(`${P}/aid/donors?org=SL-A`)],
  'GET /api/aid/beneficiaries': [denied(`${P}/aid/beneficiaries?org=SL-A`)],
  'GET /api/aid/balances': [
    denied(`${P}/aid/balances?org=SL`),
    own(`${P}/aid/balances`, 'his own county only'),
  ],
  'GET /api/counselling/counsellors': [denied(`${P}/counselling/counsellors?org=SL-A`)],
  'POST /api/counselling/counsellors': [
    denied(`${P}/counselling/counsellors`, {
      idNumber: SL_A_ID,
      orgCode: 'SL-B',
      certificate: '越界',
      certificateNo: 'X1',
      joinedOn: '2023-01-01',
    }),
  ],
  'PATCH /api/counselling/counsellors/:id': [
    denied(`${P}/counselling/counsellors/1`, { leftOn: '2023-06-01' }),
  ],
  'GET /api/counselling/outreach': [denied(`${P}/counselling/outreach?org=SL-A`)],
  'POST /api/counselling/outreach': [
    denied(`${P}/counselling/outreach`, {
      title: '越界',
      heldOn: '2023-01-01',
      regionCode: '419901001',
      orgCode: 'SL-A-T1',
      reach: 1,
    }),
  ],
  'GET /api/counselling/consultations': [
    denied(`${P}/counselling/consultations?org=SL-A`),
    own(`${P}/counselling/consultations?risk=high`, 'his own subtree'),
  ],
  'GET /api/counselling/consultations/export': [denied(`${P}/counselling/consultations/export?org=SL-A`)],
  'GET /api/counselling/consultations/:id': [denied(`${P}/counselling/consultations/1`)],
  'POST /api/counselling/consultations': [
    denied(`${P}/counselling/consultations`, {
      heldOn: '2023-05-01',
      counsellorId: 1,
      clientRef: 'X1',
      channel: '面询',
      orgCode: 'SL-A',
    }),
  ],
  'PUT /api/counselling/consultations/:id/notes': [
    denied(`${P}/counselling/consultations/1/notes`, { notes: '越界' }),
  ],
  'POST /api/counselling/consultations/:id/follow-up': [
    denied(`${P}/counselling/consultations/1/follow-up`, { followedUpOn: '2023-06-01' }),
  ],
  'GET /api/counselling/follow-ups': [denied(`${P}/counselling/follow-ups?org=SL-A`)],
  'GET /api/counselling/statistics': [denied(`${P}/counselling/statistics?org=SL-A`)],
  'GET /api/venues': [denied(`${P}/venues?org=SL-A`), own(`${P}/venues`, 'his own subtree')],
  'GET /api/venues/export': [denied(`${P}/venues/export?org=SL-A`)],
  'GET /api/venues/coverage': [
    denied(`${P}/venues/coverage?org=SL-A`),
    own(`${P}/venues/coverage`, 'his own county'),
  ],
  'POST /api/venues': [
    denied(`${P}/venues`, { name: '越界', kind: 'youth_home', regionCode: '419901001', orgCode: 'SL-A-T1' }),
  ],
  'PATCH /api/venues/:id': [denied(`${P}/venues/1`, { status: 'closed' })],
  'GET /api/cadres': [denied(`${P}/cadres?org=SL-A`), own(`${P}/cadres?all=true`, 'his own subtree')],
  'GET /api/cadres/export': [denied(`${P}/cadres/export?org=SL-A`)],
  'GET /api/cadres/structure': [denied(`${P}/cadres/structure?org=SL-A`)],
  'GET /api/cadres/reminders': [
    denied(`${P}/cadres/reminders?org=SL-A`),
    own(`${P}/cadres/reminders`, 'his own subtree'),
  ],
  'GET /api/cadres/team/:code': [denied(`${P}/cadres/team/SL-A-T1`)],
  'POST /api/cadres': [
    denied(`${P}/cadres`, {
      idNumber: SL_A_ID,
      orgCode: 'SL-B',
      title: 'committee_member',
      mode: 'part_time',
      startedOn: '2023-01-01',
    }),
  ],
  'PATCH /api/cadres/:id': [denied(`${P}/cadres/1`, { endedOn: '2023-06-01' })],
  'GET /api/funds': [denied(`${P}/funds?org=SL-A`), own(`${P}/funds`, 'his own subtree')],
  'GET /api/funds/export': [denied(`${P}/funds/export?org=SL-A`)],
  'POST /api/funds': [
    denied(`${P}/funds`, {
      program: '其他',
      source: '其他',
      amount: 1,
      receivedOn: '2023-01-01',
      orgCode: 'SL-A',
    }),
  ],
  'GET /api/internships/posts': [
    denied(`${P}/internships/posts?org=SL-A`),
    own(`${P}/internships/posts`, 'his own subtree'),
  ],
  'POST /api/internships/posts': [
    denied(`${P}/internships/posts`, {
      title: '越界',
      employer: '越界',
      program: '其他',
      slots: 1,
      startsOn: '2023-01-01',
      orgCode: 'SL-A',
    }),
  ],
  'GET /api/internships/posts/:id/applications': [denied(`${P}/internships/posts/1/applications`)],
  'POST /api/internships/posts/:id/placements': [
    denied(`${P}/internships/posts/1/placements`, { idNumber: SL_A_ID }),
  ],
  'GET /api/internships/placements': [denied(`${P}/internships/placements?org=SL-A`)],
  'GET /api/internships/placements/export': [denied(`${P}/internships/placements/export?org=SL-A`)],
  'PATCH /api/internships/placements/:id': [denied(`${P}/internships/placements/1`, { status: 'completed' })],
  'POST /api/internships/applications/:id/decision': [
    denied(`${P}/internships/applications/1/decision`, { decision: 'accept' }),
  ],
  // A young person's own pages: an administrator holds no internship.apply, and nobody names another's person.
  'GET /api/internships/open': [denied(`${P}/internships/open`)],
  'GET /api/internships/my-applications': [denied(`${P}/internships/my-applications`)],
  'POST /api/internships/my-applications': [denied(`${P}/internships/my-applications`, { postId: 1 })],
  'POST /api/internships/my-applications/:id/withdraw': [
    denied(`${P}/internships/my-applications/1/withdraw`),
  ],
};

/** SL-A's service records (ids 1) for the walk to aim at; written directly, they are the world, not the test. */
export async function seedLedgerProbes(ctx: TestContext): Promise<void> {
  const org = async (code: string) =>
    ctx.db.selectFrom('orgs').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
  const slA = await org('SL-A');
  const t1 = await org('SL-A-T1');
  const person = await ctx.db
    .selectFrom('people')
    .select('id')
    .where('id_number_hash', '=', ctx.cipher.lookupHash(SL_A_ID))
    .executeTakeFirstOrThrow();
  const township = await buildChildRegion(ctx, '419901001', 'township', '419901');
  const now = nowIso();
  const at = (o: { id: number; path: string }) => ({
    org_id: o.id,
    org_path: o.path,
    created_at: now,
    updated_at: now,
  });
  const ids = [
    await ctx.db
      .insertInto('donations')
      .values({
        code: 'SL-A-JZ0001',
        donor: '甲县捐赠人',
        donor_kind: '个人',
        amount_fen: 100_00,
        donated_on: '2023-01-01',
        program: '助学',
        note: null,
        receipt_no: null,
        ...at(slA),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
    await ctx.db
      .insertInto('grants')
      .values({
        code: 'SL-A-ZZ0001',
        person_id: person.id,
        amount_fen: 50_00,
        granted_on: '2023-02-01',
        program: '助学',
        reason: '甲县困难',
        school: '甲县中学',
        ...at(t1),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
    await ctx.db
      .insertInto('counsellors')
      .values({
        person_id: person.id,
        certificate: '甲县证书',
        certificate_no: 'XL1',
        joined_on: '2022-01-01',
        left_on: null,
        ...at(slA),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
    await ctx.db
      .insertInto('consultations')
      .values({
        code: 'SL-A-GA00001',
        held_on: '2023-05-01',
        counsellor_id: 1,
        client_ref: 'JIA1',
        channel: '面询',
        risk: 'high',
        notes_enc: ctx.cipher.encrypt('甲县咨询记录'),
        followed_up_on: null,
        referred_on: null,
        ...at(t1),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
    await ctx.db
      .insertInto('outreach_events')
      .values({
        code: 'SL-A-XL0001',
        title: '甲县讲座',
        held_on: '2023-03-01',
        region_id: township,
        reach: 30,
        ...at(t1),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
    await ctx.db
      .insertInto('venues')
      .values({
        code: 'SL-A-ZD0001',
        name: '甲县青年之家',
        kind: 'youth_home',
        region_id: township,
        opened_on: '2022-01-01',
        status: 'active',
        ...at(t1),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
    await ctx.db
      .insertInto('cadre_posts')
      .values({
        person_id: person.id,
        title: 'secretary',
        mode: 'part_time',
        source: '大学生',
        started_on: '2022-01-01',
        ended_on: null,
        ...at(t1),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
    await ctx.db
      .insertInto('funds')
      .values({
        code: 'SL-A-JF0001',
        program: '心理健康',
        source: '财政拨款',
        amount_fen: 1000_00,
        received_on: '2023-01-01',
        purpose: '甲县经费',
        ...at(slA),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
    await ctx.db
      .insertInto('internship_posts')
      .values({
        code: 'SL-A-SX0001',
        title: '甲县岗位',
        employer: '甲县单位',
        program: '扬帆计划',
        slots: 2,
        starts_on: '2023-07-01',
        ends_on: null,
        ...at(slA),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
    await ctx.db
      .insertInto('internship_placements')
      .values({ post_id: 1, person_id: person.id, status: 'hired', ...at(slA) })
      .returning('id')
      .executeTakeFirstOrThrow(),
    await ctx.db
      .insertInto('internship_applications')
      .values({
        post_id: 1,
        person_id: person.id,
        applied_on: '2023-06-01',
        status: 'applied',
        statement: '甲县申请',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  ];
  if (ids.some((r) => r.id !== 1))
    throw new Error('seedLedgerProbes expects a database without service records');
}
