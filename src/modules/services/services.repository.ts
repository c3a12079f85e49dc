import type { Db } from '../../db/create-db.ts';

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

/**
 * Links an account to the person it stands for. The users module has no such action yet; the demo uses this so
 * its counsellor and young person can be tried.
 */
export async function linkAccountToPerson(db: Db, username: string, personId: number): Promise<void> {
  await db.updateTable('users').set({ person_id: personId }).where('username', '=', username).execute();
}
