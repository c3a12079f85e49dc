import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

/**
 * Issue 14: scheduled work (clean-ups, and whatever falls due) runs once however many processes serve. Each
 * job has a row; a process runs the job only when its conditional update moves `next_run_at` on
 * (src/modules/scheduler), so of two processes that find it due at once, one wins. Works alike on both dialects.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('scheduled_runs')
    .addColumn('job', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_owner', 'text')
    .addColumn('last_error', 'text')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('scheduled_runs').execute();
}
