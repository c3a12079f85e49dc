import type { Db } from './create-db.ts';

export async function findSetting(db: Db, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('system_settings')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.value;
}

/** Stores the value unless another process stored one first (the first one stays). */
export async function insertSettingIfMissing(db: Db, name: string, value: string): Promise<void> {
  await db
    .insertInto('system_settings')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** One value sealed with the data key, if the database holds any: a database from before the check value. */
export async function findSealedSample(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('people').select('id_number_enc').limit(1).executeTakeFirst();
  return row?.id_number_enc;
}
