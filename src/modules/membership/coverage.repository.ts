import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';

/** Units (工作单位或学校) of the people of a subtree: how many are league members and how many are youth. */
export async function findUnits(db: Db, path: string, youthBornAfter: string, youthBornBy: string) {
  return db
    .selectFrom('people')
    .select((eb) => [
      'people.workplace',
      eb.fn
        .sum<number>(
          sql<number>`case when people.political_status = 'league_member' and people.org_id is not null then 1 else 0 end`,
        )
        .as('members'),
      eb.fn
        .sum<number>(
          sql<number>`case when people.birth_date > ${youthBornAfter} and people.birth_date <= ${youthBornBy} then 1 else 0 end`,
        )
        .as('youth'),
    ])
    .where('people.scope_path', 'like', `${path}%`)
    .where('people.workplace', 'is not', null)
    .where('people.workplace', '!=', '')
    .groupBy('people.workplace')
    .orderBy('people.workplace')
    .execute();
}

/** Units that have a league organisation of their own (an active org naming the unit). */
export async function findOrganisedUnits(db: Db, path: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('orgs')
    .select('unit_name')
    .distinct()
    .where('path', 'like', `${path}%`)
    .where('status', '=', 'active')
    .where('unit_name', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.unit_name!));
}
