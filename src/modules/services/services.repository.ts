import type { Db } from '../../db/create-db.ts';

/**
 * Links an account to the person it stands for. The users module has no such action yet; the demo uses this so
 * its counsellor and young person can be tried.
 */
export async function linkAccountToPerson(db: Db, username: string, personId: number): Promise<void> {
  await db.updateTable('users').set({ person_id: personId }).where('username', '=', username).execute();
}
