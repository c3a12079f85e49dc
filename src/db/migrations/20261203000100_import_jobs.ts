import { type Kysely, sql } from 'kysely';
import { instantType, withId } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
type AnyDb = Kysely<any>;

/**
 * The import queue (issue 12 finding 4, issue 14): one row per upload, from 排队中 to its end, so every process
 * on one database sees the same queue. A partial unique index gives each user one import at a time, whichever
 * process received it; `owner` names the process that holds the file and `heartbeat_at` says it is alive.
 * Also run (if not yet there) on the SQLite queue file beside the database (imports/import-queue.ts).
 */
export async function createImportJobs(db: AnyDb): Promise<void> {
  const instant = instantType(db);
  await withId(db, db.schema.createTable('import_jobs').ifNotExists())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('username', 'text')
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('started_at', instant)
    .addColumn('finished_at', instant)
    .addColumn('heartbeat_at', instant, (c) => c.notNull())
    .addColumn('import_id', 'integer')
    .addColumn('summary', 'text')
    .execute();
  await db.schema
    .createIndex('import_jobs_one_active_per_user')
    .ifNotExists()
    .on('import_jobs')
    .column('user_id')
    .unique()
    .where(sql.ref('state'), 'in', ['queued', 'running'])
    .execute();
  await db.schema
    .createIndex('import_jobs_state_owner')
    .ifNotExists()
    .on('import_jobs')
    .columns(['state', 'owner', 'id'])
    .execute();
}

export async function up(db: AnyDb): Promise<void> {
  await createImportJobs(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('import_jobs').execute();
}
