import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
type AnyDb = Kysely<any>;

/**
 * What a generated piece was made from (issue 17 item 3): the report's 青春答卷 for one organisation and period is
 * `answer-sheet:<org>:<from>:<to>`. Unique, so submitting the draft again — or twice at once — updates the one
 * piece instead of adding a copy: the insert claims the key, the second finds it taken. Hand-written pieces
 * have none (NULLs do not collide on either dialect).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('portal_articles').addColumn('source_key', 'text').execute();
  await db.schema
    .createIndex('portal_articles_source_key')
    .on('portal_articles')
    .column('source_key')
    .unique()
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('portal_articles_source_key').execute();
  await db.schema.alterTable('portal_articles').dropColumn('source_key').execute();
}
