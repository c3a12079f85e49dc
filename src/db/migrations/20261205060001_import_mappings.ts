import type { Kysely } from 'kysely';
import { withId } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

/**
 * Issue 15, saved header mappings: an organisation names the way its spreadsheets' headers map to an import
 * kind's columns, once, and its subtree reuses it (the admin picks it by the file's headers, the CLI by name).
 * `mapping` is the JSON object header → column (or null: ignored); `header_keys` the file's headers it was
 * saved from, folded and sorted, so a file with the same headers finds it. The unique key starts with `kind`
 * rather than the path, so it needs no text_pattern_ops twin.
 */
export async function up(db: AnyDb): Promise<void> {
  await withId(db, db.schema.createTable('import_mappings'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('org_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('header_keys', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_mappings_kind_org_name', ['kind', 'org_path', 'name'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('import_mappings').execute();
}
