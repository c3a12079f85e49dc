import type { ExpressionBuilder, Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { VolunteerActivityTable } from '../../db/ledger-schema.ts';
import type { Database } from '../../db/schema.ts';

export interface ActivityFilter {
  scopePath: string;
  from?: string;
  to?: string;
  /** Only activities still running at this instant, whatever day they started. */
  endsAfter?: string;
  campaignId?: number;
  q?: string;
  /** Only activities with checked-out attendance the organiser has neither confirmed nor rejected. */
  awaiting?: boolean;
}

function filtered(db: Db, f: ActivityFilter) {
  let q = db
    .selectFrom('volunteer_activities as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .leftJoin('regions as r', 'r.id', 'a.region_id')
    .leftJoin('volunteer_campaigns as c', 'c.id', 'a.campaign_id')
    .where('a.org_path', 'like', `${f.scopePath}%`);
  if (f.from) q = q.where('a.start_date', '>=', f.from);
  if (f.to) q = q.where('a.start_date', '<=', f.to);
  if (f.endsAfter) q = q.where('a.ends_at', '>', f.endsAfter);
  if (f.campaignId) q = q.where('a.campaign_id', '=', f.campaignId);
  if (f.q) q = q.where('a.title', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.awaiting)
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('volunteer_enrolments as w')
          .select('w.id')
          .whereRef('w.activity_id', '=', 'a.id')
          .where('w.checked_out_at', 'is not', null)
          .where('w.hours_hundredths', 'is not', null)
          .where('w.decision', 'is', null),
      ),
    );
  return q;
}

const ACTIVITY_COLUMNS = [
  'a.id',
  'a.code',
  'a.title',
  'a.category',
  'a.org_id',
  'a.org_path',
  'a.starts_at',
  'a.ends_at',
  'a.start_date',
  'a.place',
  'a.capacity',
  'a.signup_opens_at',
  'a.signup_closes_at',
  'a.description',
  'a.contact',
  'a.campaign_id',
  'a.min_minutes',
  'a.min_share_percent',
  'a.rounding_minutes',
  'o.code as org_code',
  'o.name as org_name',
  'r.code as region_code',
  'r.name as region_name',
  'c.title as campaign_title',
] as const;

type ActivityScope = Database & { a: VolunteerActivityTable };

/** Sign-ups, counted records and counted hours of each activity. */
function withCounts(eb: ExpressionBuilder<ActivityScope, 'a'>) {
  return [
    eb
      .selectFrom('volunteer_enrolments as e')
      .whereRef('e.activity_id', '=', 'a.id')
      .where('e.status', '=', 'signed_up')
      .select((s) => s.fn.countAll<number>().as('n'))
      .as('signed_up'),
    eb
      .selectFrom('volunteer_records as v')
      .whereRef('v.activity_id', '=', 'a.id')
      .select((s) => s.fn.countAll<number>().as('n'))
      .as('records'),
    eb
      .selectFrom('volunteer_records as v')
      .whereRef('v.activity_id', '=', 'a.id')
      .select(sql<number>`coalesce(sum(v.hours_hundredths), 0)`.as('h'))
      .as('hours_hundredths'),
  ];
}

export async function countActivities(db: Db, f: ActivityFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findActivities(db: Db, f: ActivityFilter, limit: number, offset: number) {
  return filtered(db, f)
    .select(ACTIVITY_COLUMNS)
    .select((eb) => withCounts(eb as unknown as ExpressionBuilder<ActivityScope, 'a'>))
    .orderBy('a.starts_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}
/** Activities not yet over, soonest first: what a volunteer may still sign up for. */
export async function findActivitiesNotOver(db: Db, scopePath: string, now: string, limit: number) {
  return filtered(db, { scopePath, endsAfter: now })
    .select(ACTIVITY_COLUMNS)
    .select((eb) => withCounts(eb as unknown as ExpressionBuilder<ActivityScope, 'a'>))
    .orderBy('a.starts_at', 'asc')
    .orderBy('a.id', 'asc')
    .limit(limit)
    .execute();
}

export type ActivityListRow = Awaited<ReturnType<typeof findActivities>>[number];

export async function findActivityDetailed(db: Db, id: number) {
  return db
    .selectFrom('volunteer_activities as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .leftJoin('regions as r', 'r.id', 'a.region_id')
    .leftJoin('volunteer_campaigns as c', 'c.id', 'a.campaign_id')
    .select(ACTIVITY_COLUMNS)
    .select((eb) => withCounts(eb as unknown as ExpressionBuilder<ActivityScope, 'a'>))
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function insertActivity(db: Db, row: Insertable<VolunteerActivityTable>): Promise<number> {
  const { id } = await db
    .insertInto('volunteer_activities')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateActivity(db: Db, id: number, changes: Updateable<VolunteerActivityTable>) {
  await db.updateTable('volunteer_activities').set(changes).where('id', '=', id).execute();
}

export async function findCampaignById(db: Db, id: number) {
  return db
    .selectFrom('volunteer_campaigns as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select(['o.path as org_path', 'o.code as org_code', 'o.name as org_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function findCampaigns(db: Db, scopePath: string) {
  return db
    .selectFrom('volunteer_campaigns as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select(['o.code as org_code', 'o.name as org_name'])
    .select((eb) =>
      eb
        .selectFrom('volunteer_activities as a')
        .whereRef('a.campaign_id', '=', 'c.id')
        .select((s) => s.fn.countAll<number>().as('n'))
        .as('activities'),
    )
    .where('o.path', 'like', `${scopePath}%`)
    .orderBy('c.starts_on', 'desc')
    .execute();
}

/** The settings of the org or of its nearest ancestor that has some. */
export async function findEffectiveSettings(db: Db, orgPath: string) {
  const ids = orgPath.split('/').filter(Boolean).map(Number);
  if (ids.length === 0) return undefined;
  const rows = await db.selectFrom('volunteer_org_settings').selectAll().where('org_id', 'in', ids).execute();
  for (const id of ids.reverse()) {
    const found = rows.find((r) => r.org_id === id);
    if (found) return found;
  }
  return undefined;
}
