import { type Insertable, sql, type Updateable } from 'kysely';
import type { PartyCaseTable } from '../../db/admission-schema.ts';
import type { Db } from '../../db/create-db.ts';
import type { PartyRecommendationTable } from '../../db/ledger-schema.ts';

const caseColumns = [
  'party_cases.id',
  'party_cases.org_id',
  'party_cases.org_path',
  'party_cases.person_id',
  'party_cases.party_applied_on',
  'party_cases.stage',
  'party_cases.screened_on',
  'party_cases.proposed_on',
  'party_cases.ballot_on',
  'party_cases.ballot_should_attend',
  'party_cases.ballot_attended',
  'party_cases.ballot_yes',
  'party_cases.status',
  'party_cases.recommendation_id',
  'people.name as person_name',
  'people.id_number_masked',
  'orgs.code as org_code',
  'orgs.name as org_name',
  'party_recommendations.outcome',
] as const;

function cases(db: Db) {
  return db
    .selectFrom('party_cases')
    .innerJoin('people', 'people.id', 'party_cases.person_id')
    .innerJoin('orgs', 'orgs.id', 'party_cases.org_id')
    .leftJoin('party_recommendations', 'party_recommendations.id', 'party_cases.recommendation_id');
}

export type PartyCaseRow = Awaited<ReturnType<typeof findCaseById>> & {};

export async function findCaseById(db: Db, id: number) {
  return cases(db).select(caseColumns).where('party_cases.id', '=', id).executeTakeFirst();
}

export async function findCases(db: Db, path: string) {
  return cases(db)
    .select(caseColumns)
    .where(sql<boolean>`party_cases.org_path like ${`${path}%`}`)
    .orderBy('party_cases.screened_on', 'desc')
    .orderBy('party_cases.id', 'desc')
    .execute();
}

export async function findOpenCaseOf(db: Db, personId: number) {
  return db
    .selectFrom('party_cases')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', 'in', ['screened', 'proposed'])
    .executeTakeFirst();
}

export async function insertCase(db: Db, row: Insertable<PartyCaseTable>): Promise<number> {
  const { id } = await db.insertInto('party_cases').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateCase(db: Db, id: number, changes: Updateable<PartyCaseTable>): Promise<void> {
  await db.updateTable('party_cases').set(changes).where('id', '=', id).execute();
}

/** Ledger rows (imported or written by a passed ballot) of a subtree. */
export async function findRecommendations(db: Db, path: string) {
  return db
    .selectFrom('party_recommendations')
    .innerJoin('people', 'people.id', 'party_recommendations.person_id')
    .innerJoin('orgs', 'orgs.id', 'party_recommendations.org_id')
    .select([
      'party_recommendations.id',
      'party_recommendations.recommended_on',
      'party_recommendations.stage',
      'party_recommendations.outcome',
      'people.id as person_id',
      'people.name as person_name',
      'people.id_number_masked',
      'orgs.code as org_code',
      'orgs.name as org_name',
    ])
    .where(sql<boolean>`party_recommendations.org_path like ${`${path}%`}`)
    .orderBy('party_recommendations.recommended_on', 'desc')
    .execute();
}

export async function findRecommendationByKey(db: Db, personId: number, on: string) {
  return db
    .selectFrom('party_recommendations')
    .select('id')
    .where('person_id', '=', personId)
    .where('recommended_on', '=', on)
    .executeTakeFirst();
}

export async function insertRecommendation(
  db: Db,
  row: Insertable<PartyRecommendationTable>,
): Promise<number> {
  const { id } = await db
    .insertInto('party_recommendations')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setRecommendationOutcome(
  db: Db,
  id: number,
  outcome: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('party_recommendations')
    .set({ outcome, updated_at: now })
    .where('id', '=', id)
    .execute();
}
