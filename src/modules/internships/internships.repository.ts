import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { InternshipPlacementTable, InternshipPostTable } from '../../db/ledger-schema.ts';
import type { InternshipApplicationTable } from '../../db/services-schema.ts';
import { type ReportScope, sources } from '../reports/report-sources.ts';

const POST_COLUMNS = [
  'internship_posts.id',
  'internship_posts.code',
  'internship_posts.title',
  'internship_posts.employer',
  'internship_posts.program',
  'internship_posts.slots',
  'internship_posts.starts_on',
  'internship_posts.ends_on',
  'internship_posts.org_path',
  'orgs.code as org_code',
  'orgs.name as org_name',
] as const;

/** Posts starting in the period (the rows behind internship.posts), each with its placement counts. */
export function findPosts(db: Db, s: ReportScope) {
  return sources
    .internshipPosts(db, s)
    .innerJoin('orgs', 'orgs.id', 'internship_posts.org_id')
    .select(POST_COLUMNS)
    .select((eb) => [
      eb
        .selectFrom('internship_placements')
        .whereRef('internship_placements.post_id', '=', 'internship_posts.id')
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('placements'),
      eb
        .selectFrom('internship_placements')
        .whereRef('internship_placements.post_id', '=', 'internship_posts.id')
        .where('internship_placements.status', 'in', ['hired', 'completed'])
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('placed'),
      eb
        .selectFrom('internship_applications')
        .whereRef('internship_applications.post_id', '=', 'internship_posts.id')
        .where('internship_applications.status', '=', 'applied')
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('pending'),
    ])
    .orderBy('internship_posts.starts_on')
    .orderBy('internship_posts.id');
}

/** Posts a young person may apply for: in a subtree, not yet ended. */
export function findOpenPosts(db: Db, path: string, on: string) {
  return db
    .selectFrom('internship_posts')
    .innerJoin('orgs', 'orgs.id', 'internship_posts.org_id')
    .select(POST_COLUMNS)
    .where('internship_posts.org_path', 'like', `${path}%`)
    .where((eb) =>
      eb.or([eb('internship_posts.ends_on', 'is', null), eb('internship_posts.ends_on', '>=', on)]),
    )
    .orderBy('internship_posts.starts_on');
}

export async function findPost(db: Db, id: number) {
  return db.selectFrom('internship_posts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPost(db: Db, row: Insertable<InternshipPostTable>): Promise<number> {
  return (await db.insertInto('internship_posts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Placements of posts starting in the period: with status hired/completed, the rows behind internship.placed. */
export function findPlacements(db: Db, s: ReportScope) {
  return sources
    .internshipPosts(db, s)
    .innerJoin('internship_placements', 'internship_placements.post_id', 'internship_posts.id')
    .innerJoin('people', 'people.id', 'internship_placements.person_id')
    .select([
      'internship_placements.id',
      'internship_placements.status',
      'internship_posts.id as post_id',
      'internship_posts.code as post_code',
      'internship_posts.title as post_title',
      'internship_posts.employer',
      'internship_posts.program',
      'internship_posts.starts_on',
      'people.name as person_name',
      'people.id_number_masked',
    ])
    .orderBy('internship_posts.starts_on')
    .orderBy('internship_placements.id');
}

export async function countPlacements(db: Db, postId: number): Promise<number> {
  const r = await db
    .selectFrom('internship_placements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('post_id', '=', postId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findPlacement(db: Db, id: number) {
  return db
    .selectFrom('internship_placements')
    .innerJoin('people', 'people.id', 'internship_placements.person_id')
    .selectAll('internship_placements')
    .select('people.name as person_name')
    .where('internship_placements.id', '=', id)
    .executeTakeFirst();
}

export async function findPlacementOf(db: Db, postId: number, personId: number) {
  return db
    .selectFrom('internship_placements')
    .select('id')
    .where('post_id', '=', postId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function insertPlacement(db: Db, row: Insertable<InternshipPlacementTable>): Promise<number> {
  return (await db.insertInto('internship_placements').values(row).returning('id').executeTakeFirstOrThrow())
    .id;
}

/** Ends a placement still 已录用; false when it had already ended (or another writer ended it first). */
export async function endPlacement(
  db: Db,
  id: number,
  changes: Updateable<InternshipPlacementTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('internship_placements')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'hired')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findApplications(db: Db) {
  return db
    .selectFrom('internship_applications')
    .innerJoin('internship_posts', 'internship_posts.id', 'internship_applications.post_id')
    .innerJoin('people', 'people.id', 'internship_applications.person_id')
    .select([
      'internship_applications.id',
      'internship_applications.post_id',
      'internship_applications.person_id',
      'internship_applications.applied_on',
      'internship_applications.status',
      'internship_applications.statement',
      'internship_posts.code as post_code',
      'internship_posts.title as post_title',
      'internship_posts.employer',
      'internship_posts.program',
      'internship_posts.org_path',
      'people.name as person_name',
      'people.id_number_masked',
    ])
    .orderBy('internship_applications.applied_on')
    .orderBy('internship_applications.id');
}

export async function findApplication(db: Db, id: number) {
  return findApplications(db).where('internship_applications.id', '=', id).executeTakeFirst();
}

export async function insertApplication(
  db: Db,
  row: Insertable<InternshipApplicationTable>,
): Promise<number> {
  return (
    await db.insertInto('internship_applications').values(row).returning('id').executeTakeFirstOrThrow()
  ).id;
}

export async function updateApplication(db: Db, id: number, changes: Updateable<InternshipApplicationTable>) {
  await db.updateTable('internship_applications').set(changes).where('id', '=', id).execute();
}
