import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { RegionTable } from '../../db/schema.ts';

export type RegionRow = Awaited<ReturnType<typeof findRegionByCode>> & {};

const columns = ['id', 'code', 'name', 'level', 'parent_id', 'path'] as const;

export async function findRegionByCode(db: Db, code: string) {
  return db.selectFrom('regions').select(columns).where('code', '=', code).executeTakeFirst();
}

export async function findRegionById(db: Db, id: number) {
  return db.selectFrom('regions').select(columns).where('id', '=', id).executeTakeFirst();
}

/** The region an organisation stands in. */
export async function findRegionOfOrg(db: Db, orgId: number) {
  return db
    .selectFrom('orgs')
    .innerJoin('regions', 'regions.id', 'orgs.region_id')
    .select(columns.map((c) => `regions.${c}` as const))
    .where('orgs.id', '=', orgId)
    .executeTakeFirst();
}

export async function findRegionsByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('regions').select(columns).where('code', 'in', codes).execute();
}

export async function findRegionChildren(db: Db, parentId: number | null) {
  let q = db.selectFrom('regions').select([...columns]);
  q = parentId == null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  return q.orderBy('code').execute();
}

export async function insertRegion(db: Db, row: Insertable<RegionTable>): Promise<number> {
  const { id } = await db.insertInto('regions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateRegion(db: Db, id: number, changes: Updateable<RegionTable>): Promise<void> {
  await db.updateTable('regions').set(changes).where('id', '=', id).execute();
}
