import type { Kysely } from 'kysely';

/**
 * People are searched by a name or phone that *contains* the query (`like '%…%'`), which no B-tree index can
 * serve; the two indexes only slowed every insert (a bulk import of people paid for both on each row).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('people_name').ifExists().execute();
  await db.schema.dropIndex('people_phone').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('people_name').on('people').column('name').execute();
  await db.schema.createIndex('people_phone').on('people').column('phone').execute();
}
