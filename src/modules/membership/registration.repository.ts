import type { Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { MemberEvaluationTable, RegistrationCampaignTable } from '../../db/membership-schema.ts';

const campaignColumns = [
  'registration_campaigns.id',
  'registration_campaigns.org_id',
  'registration_campaigns.org_path',
  'registration_campaigns.year',
  'registration_campaigns.starts_on',
  'registration_campaigns.ends_on',
  'orgs.code as org_code',
  'orgs.name as org_name',
] as const;

export async function findCampaignById(db: Db, id: number) {
  return db
    .selectFrom('registration_campaigns')
    .innerJoin('orgs', 'orgs.id', 'registration_campaigns.org_id')
    .select(campaignColumns)
    .where('registration_campaigns.id', '=', id)
    .executeTakeFirst();
}
export type CampaignRow = Awaited<ReturnType<typeof findCampaignById>> & {};

/** Campaigns run inside a subtree or by an organisation above it (its ancestors' paths). */
export async function findCampaignsFor(db: Db, path: string, ancestorPaths: string[]) {
  return db
    .selectFrom('registration_campaigns')
    .innerJoin('orgs', 'orgs.id', 'registration_campaigns.org_id')
    .select(campaignColumns)
    .where((eb) =>
      eb.or([
        eb('registration_campaigns.org_path', 'like', `${path}%`),
        ...(ancestorPaths.length ? [eb('registration_campaigns.org_path', 'in', ancestorPaths)] : []),
      ]),
    )
    .orderBy('registration_campaigns.year', 'desc')
    .orderBy('registration_campaigns.org_path')
    .execute();
}

export async function findCampaign(db: Db, orgId: number, year: number) {
  return db
    .selectFrom('registration_campaigns')
    .select('id')
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function insertCampaign(db: Db, row: Insertable<RegistrationCampaignTable>): Promise<number> {
  const { id } = await db
    .insertInto('registration_campaigns')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findEvaluationsOfCampaign(db: Db, campaignId: number, path: string) {
  return db
    .selectFrom('member_evaluations')
    .select(['person_id', 'org_id', 'grade', 'attended', 'registered', 'meeting_on'])
    .where('campaign_id', '=', campaignId)
    .where('org_path', 'like', `${path}%`)
    .execute();
}

/** Who of these people has an evaluation of the year in another campaign or another branch. */
export async function findEvaluationsOfYear(db: Db, year: number, personIds: number[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('member_evaluations')
    .select(['person_id', 'campaign_id', 'org_id'])
    .where('year', '=', year)
    .where('person_id', 'in', personIds)
    .execute();
}

export async function deleteBranchEvaluations(db: Db, campaignId: number, orgId: number): Promise<void> {
  await db
    .deleteFrom('member_evaluations')
    .where('campaign_id', '=', campaignId)
    .where('org_id', '=', orgId)
    .execute();
}

export async function insertEvaluations(db: Db, rows: Insertable<MemberEvaluationTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    await db
      .insertInto('member_evaluations')
      .values(rows.slice(i, i + 300))
      .execute();
  }
}

export async function findEvaluationsOfPerson(db: Db, personId: number) {
  return db
    .selectFrom('member_evaluations')
    .innerJoin('orgs', 'orgs.id', 'member_evaluations.org_id')
    .select([
      'member_evaluations.year',
      'member_evaluations.grade',
      'member_evaluations.registered',
      'member_evaluations.meeting_on',
      'orgs.name as org_name',
    ])
    .where('person_id', '=', personId)
    .orderBy('year')
    .execute();
}

/** The ids on a path, `/1/5/23/` → its ancestors' paths `/1/`, `/1/5/`, excluding itself. */
export function ancestorPathsOf(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.slice(0, -1).map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}
