import type { CreateTableBuilder, Kysely } from 'kysely';
import { instantType, withId } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
type AnyDb = Kysely<any>;

/**
 * Issue 17, item 11: a meeting's record says who was absent, not only how many came, and carries its
 * attachments (sign-in sheet, photos, slides).
 * - branch_meeting_attendance keeps every member expected on the day, `present` 1 or 0; rows before this
 *   were the attendees only, so they default to 1.
 * - branch_meeting_attachments: files stored under the data folder (uploads/meetings), served only through
 *   the scoped meeting route, never as public files.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('branch_meeting_attendance')
    .addColumn('present', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await withId(db, db.schema.createTable('branch_meeting_attachments') as CreateTableBuilder<string, never>)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('branch_meetings.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('branch_meeting_attachments_meeting_id')
    .on('branch_meeting_attachments')
    .column('meeting_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('branch_meeting_attachments').execute();
  await db.schema.alterTable('branch_meeting_attendance').dropColumn('present').execute();
}
