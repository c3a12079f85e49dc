import type { Kysely } from 'kysely';
import { dateType } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
type AnyDb = Kysely<any>;

/**
 * 证件类型 of a self-registration (issue 17, items 7 and 9), as people have it: a passport carries neither sex nor
 * birth date, so what the young person typed is kept for the organiser's confirmation to file. Registrations so
 * far were all 居民身份证 numbers, whose sex and birth date the number itself gives (null here).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('volunteer_registrations')
    .addColumn('id_type', 'text', (c) => c.notNull().defaultTo('resident_id'))
    .execute();
  await db.schema.alterTable('volunteer_registrations').addColumn('gender', 'text').execute();
  await db.schema.alterTable('volunteer_registrations').addColumn('birth_date', dateType(db)).execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const column of ['birth_date', 'gender', 'id_type'])
    await db.schema.alterTable('volunteer_registrations').dropColumn(column).execute();
}
