import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

/**
 * Facts about the installation itself, one row each. The first is the data key's check value: a fixed text
 * sealed with the key, so a process (or a restore) holding another key is refused before it reads or writes.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('system_settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('system_settings').execute();
}
