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

/** The unit names and names of the active organisations of a subtree: what a unit's own branch is called. */
export async function findOrgUnitNames(db: Db, path: string): Promise<string[]> {
  const rows = await db
    .selectFrom('orgs')
    .select(['unit_name', 'name'])
    .where('path', 'like', `${path}%`)
    .where('status', '=', 'active')
    .execute();
  return rows.flatMap((r) => (r.unit_name ? [r.unit_name, r.name] : [r.name]));
}
