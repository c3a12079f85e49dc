import type { Db } from '../../db/create-db.ts';

const checklistColumns = [
  'star_checklists.id',
  'star_checklists.org_id',
  'star_checklists.org_path',
  'star_checklists.year',
  'star_checklists.items',
  'star_checklists.quotas',
  'orgs.code as org_code',
  'orgs.name as org_name',
] as const;

export async function findChecklistById(db: Db, id: number) {
  return db
    .selectFrom('star_checklists')
    .innerJoin('orgs', 'orgs.id', 'star_checklists.org_id')
    .select(checklistColumns)
    .where('star_checklists.id', '=', id)
    .executeTakeFirst();
}
export type ChecklistRow = Awaited<ReturnType<typeof findChecklistById>> & {};

export async function findChecklist(db: Db, orgId: number, year: number) {
  return db
    .selectFrom('star_checklists')
    .select('id')
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function findChecklistsFor(db: Db, path: string, ancestorPaths: string[]) {
  return db
    .selectFrom('star_checklists')
    .innerJoin('orgs', 'orgs.id', 'star_checklists.org_id')
    .select(checklistColumns)
    .where((eb) =>
      eb.or([
        eb('star_checklists.org_path', 'like', `${path}%`),
        ...(ancestorPaths.length ? [eb('star_checklists.org_path', 'in', ancestorPaths)] : []),
      ]),
    )
    .orderBy('star_checklists.year', 'desc')
    .execute();
}

export async function saveChecklist(
  db: Db,
  existingId: number | null,
  row: { org_id: number; org_path: string; year: number; items: string; quotas: string },
  now: string,
): Promise<number> {
  if (existingId) {
    await db
      .updateTable('star_checklists')
      .set({ items: row.items, quotas: row.quotas, updated_at: now })
      .where('id', '=', existingId)
      .execute();
    return existingId;
  }
  const { id } = await db
    .insertInto('star_checklists')
    .values({ ...row, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function countRatings(db: Db, checklistId: number): Promise<number> {
  const { n } = await db
    .selectFrom('star_ratings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('checklist_id', '=', checklistId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findRatings(db: Db, checklistId: number, path: string) {
  return db
    .selectFrom('star_ratings')
    .select(['id', 'org_id', 'scores', 'self_total', 'stars', 'reviewed_on'])
    .where('checklist_id', '=', checklistId)
    .where('org_path', 'like', `${path}%`)
    .execute();
}

export async function findRating(db: Db, checklistId: number, orgId: number) {
  return db
    .selectFrom('star_ratings')
    .select(['id', 'stars', 'self_total'])
    .where('checklist_id', '=', checklistId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}

export async function upsertSelfScore(
  db: Db,
  existingId: number | null,
  row: { checklist_id: number; org_id: number; org_path: string; scores: string; self_total: number },
  now: string,
): Promise<void> {
  if (existingId) {
    await db
      .updateTable('star_ratings')
      .set({ scores: row.scores, self_total: row.self_total, updated_at: now })
      .where('id', '=', existingId)
      .execute();
    return;
  }
  await db
    .insertInto('star_ratings')
    .values({ ...row, stars: null, reviewed_on: null, reviewed_by: null, created_at: now, updated_at: now })
    .execute();
}

export async function setStars(db: Db, id: number, stars: number, on: string, by: string, now: string) {
  await db
    .updateTable('star_ratings')
    .set({ stars, reviewed_on: on, reviewed_by: by, updated_at: now })
    .where('id', '=', id)
    .execute();
}
