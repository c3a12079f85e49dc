import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { CadrePostTable } from '../../db/ledger-schema.ts';
import { activeAt, type ReportScope } from '../reports/report-sources.ts';

/** Posts of the subtree; with `activeOn`, only those held on that day (REPORT-SPEC.md "active post"). */
export function findPosts(db: Db, s: Pick<ReportScope, 'orgPath'>, activeOn: string | null) {
  const q = db
    .selectFrom('cadre_posts')
    .innerJoin('people', 'people.id', 'cadre_posts.person_id')
    .innerJoin('orgs', 'orgs.id', 'cadre_posts.org_id')
    .select([
      'cadre_posts.id',
      'cadre_posts.title',
      'cadre_posts.mode',
      'cadre_posts.source',
      'cadre_posts.started_on',
      'cadre_posts.ended_on',
      'cadre_posts.org_path',
      'cadre_posts.person_id',
      'people.name as person_name',
      'people.id_number_masked',
      'people.phone',
      'orgs.id as org_id',
      'orgs.code as org_code',
      'orgs.name as org_name',
      'orgs.level as org_level',
      'orgs.kind as org_kind',
      'orgs.domain as org_domain',
    ])
    .where('cadre_posts.org_path', 'like', `${s.orgPath}%`)
    .orderBy('orgs.path')
    .orderBy('cadre_posts.title')
    .orderBy('cadre_posts.started_on');
  return activeOn ? q.where(activeAt(activeOn, 'cadre_posts.started_on', 'cadre_posts.ended_on')) : q;
}

export type PostRow = Awaited<ReturnType<ReturnType<typeof findPosts>['execute']>>[number];

/** Active organisations of the subtree (the ones that should have a secretary). */
export async function findActiveOrgs(db: Db, path: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'kind', 'level', 'domain', 'path'])
    .where('path', 'like', `${path}%`)
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
}

export async function findPost(db: Db, id: number) {
  return db.selectFrom('cadre_posts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSamePost(
  db: Db,
  personId: number,
  orgId: number,
  title: string,
  startedOn: string,
) {
  return db
    .selectFrom('cadre_posts')
    .select('id')
    .where('person_id', '=', personId)
    .where('org_id', '=', orgId)
    .where('title', '=', title)
    .where('started_on', '=', startedOn)
    .executeTakeFirst();
}

export async function insertPost(db: Db, row: Insertable<CadrePostTable>): Promise<number> {
  return (await db.insertInto('cadre_posts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePost(db: Db, id: number, changes: Updateable<CadrePostTable>) {
  await db.updateTable('cadre_posts').set(changes).where('id', '=', id).execute();
}
