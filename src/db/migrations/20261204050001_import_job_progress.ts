import type { Kysely } from 'kysely';
import { instantType } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
type AnyDb = Kysely<any>;

/** The progress columns: name → type (instants differ between the dialects). */
function progressColumns(db: AnyDb): [string, 'text' | 'integer' | 'timestamptz'][] {
  return [
    ['phase', 'text'],
    ['rows_read', 'integer'],
    ['rows_checked', 'integer'],
    ['rows_written', 'integer'],
    ['rows_total', 'integer'],
    ['eta_seconds', 'integer'],
    ['progress_at', instantType(db) as 'text' | 'timestamptz'],
  ];
}

/**
 * Progress of a running import on its queue row (issue 15, progress on long work): the phase, rows read, checked
 * and written, the estimated total and time left, and when they were last told. On the job row, so any process
 * on the database (the one the browser polls need not be the one importing) answers with the same figures.
 * Also run (where the columns are missing) on the SQLite queue file beside the database (imports/import-queue.ts).
 */
export async function addImportJobProgress(db: AnyDb): Promise<void> {
  const tables = await db.introspection.getTables();
  const have = new Set(tables.find((t) => t.name === 'import_jobs')?.columns.map((c) => c.name) ?? []);
  for (const [name, type] of progressColumns(db)) {
    if (!have.has(name)) await db.schema.alterTable('import_jobs').addColumn(name, type).execute();
  }
}

export async function up(db: AnyDb): Promise<void> {
  await addImportJobProgress(db);
}

export async function down(db: AnyDb): Promise<void> {
  for (const [name] of progressColumns(db).reverse())
    await db.schema.alterTable('import_jobs').dropColumn(name).execute();
}
