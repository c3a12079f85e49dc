import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
type AnyDb = Kysely<any>;

/**
 * 证件类型 of a person (issue 17, item 7): 居民身份证 for everyone on file so far; 港澳台居民居住证 and 护照 from
 * now on. The number itself stays where it was (encrypted, hashed, masked).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('people')
    .addColumn('id_type', 'text', (c) => c.notNull().defaultTo('resident_id'))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('people').dropColumn('id_type').execute();
}
