import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { LedgerTableName } from '../../db/ledger-schema.ts';
import type { OrgTable } from '../../db/schema.ts';

const LEDGER_TABLES: LedgerTableName[] = [
  'cadre_posts',
  'admissions',
  'party_recommendations',
  'schools',
  'class_sessions',
  'attendance',
  'venues',
  'volunteer_activities',
  'volunteer_records',
  'donations',
  'grants',
  'counsellors',
  'outreach_events',
  'consultations',
  'internship_posts',
  'internship_placements',
  'funds',
];

const columns = [
  'orgs.id',
  'orgs.code',
  'orgs.name',
  'orgs.kind',
  'orgs.level',
  'orgs.domain',
  'orgs.parent_id',
  'orgs.path',
  'orgs.region_id',
  'orgs.unit_name',
  'orgs.established_on',
  'orgs.status',
] as const;

export type OrgRow = Awaited<ReturnType<typeof findOrgByCode>> & {};

export async function findOrgByCode(db: Db, code: string) {
  return db.selectFrom('orgs').select(columns).where('code', '=', code).executeTakeFirst();
}

export async function findOrgById(db: Db, id: number) {
  return db.selectFrom('orgs').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function findOrgsByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('orgs').select(columns).where('code', 'in', codes).execute();
}

/** The topmost organisation: where the command line registers people who name none. */
export async function findRootOrg(db: Db) {
  return db
    .selectFrom('orgs')
    .select(columns)
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

/** The nearest county committee on an org's path (itself included), or undefined above county level. */
export async function findCountyOf(db: Db, orgPath: string) {
  const ids = orgPath.split('/').filter(Boolean).map(Number);
  if (ids.length === 0) return undefined;
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'path'])
    .where('id', 'in', ids)
    .where('level', '=', 'county')
    .orderBy('path', 'desc')
    .executeTakeFirst();
}

/** A subtree with what the tree view shows beside each node. */
export async function findSubtreeDetailed(db: Db, path: string) {
  return db
    .selectFrom('orgs')
    .innerJoin('regions', 'regions.id', 'orgs.region_id')
    .leftJoin('orgs as parent', 'parent.id', 'orgs.parent_id')
    .select([
      ...columns,
      'regions.code as region_code',
      'regions.name as region_name',
      'parent.code as parent_code',
      (eb) =>
        eb
          .selectFrom('people')
          .whereRef('people.org_id', '=', 'orgs.id')
          .where('people.political_status', '=', 'league_member')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('member_count'),
    ])
    .where('orgs.path', 'like', `${path}%`)
    .orderBy('orgs.path')
    .execute();
}

export async function countActiveChildren(db: Db, id: number): Promise<number> {
  const { n } = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertOrg(
  db: Db,
  row: Omit<Insertable<OrgTable>, 'path'>,
  parentPath: string,
): Promise<number> {
  // The path holds the row's own id, known only after the insert.
  const { id } = await db
    .insertInto('orgs')
    .values({ ...row, path: `${parentPath}?` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('orgs')
    .set({ path: `${parentPath}${id}/` })
    .where('id', '=', id)
    .execute();
  return id;
}

export async function updateOrg(db: Db, id: number, changes: Updateable<OrgTable>): Promise<void> {
  await db.updateTable('orgs').set(changes).where('id', '=', id).execute();
}

/**
 * Tables whose rows carry the path of their organisation; a move rewrites them with the org tree.
 * The audit log is not among them: it is append-only, and its entries keep the path they were written with.
 */
export const PATH_CARRYING_TABLES: ReadonlyArray<readonly [table: string, column: string]> = [
  ['orgs', 'path'],
  ['people', 'scope_path'],
  ...LEDGER_TABLES.map((t) => [t, 'org_path'] as const),
  // The admission procedure's own tables (migration 20261128000300).
  ...(
    ['admission_events', 'admission_settings', 'admission_quotas', 'school_teachers', 'party_cases'] as const
  ).map((t) => [t, 'org_path'] as const),
];

/** Rewrites every path under `oldPath` to start with `newPath` instead. */
export async function rewritePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  for (const [table, column] of PATH_CARRYING_TABLES) {
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${newPath} || substr(${sql.ref(column)}, ${
      oldPath.length + 1
    }) where ${sql.ref(column)} like ${`${oldPath}%`}`.execute(db);
  }
}
