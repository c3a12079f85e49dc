import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { ImportJobTable } from '../../db/schema.ts';
import type { ImportProgress } from './progress.ts';

export type ImportJobRow = Selectable<ImportJobTable>;
export type ImportJobState = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';

const ACTIVE: ImportJobState[] = ['queued', 'running'];

/** Adds a queued job; the partial unique index refuses a second active job of one user (isUniqueViolation). */
export async function insertJob(db: Db, row: Insertable<ImportJobTable>): Promise<number> {
  const { id } = await db.insertInto('import_jobs').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function setJobFileName(db: Db, id: number, fileName: string): Promise<void> {
  await db.updateTable('import_jobs').set({ file_name: fileName }).where('id', '=', id).execute();
}

/**
 * Moves the owner's queued job to running, in one conditional statement: only while it is still queued (a job
 * another process marked interrupted stays so) and while the owner runs fewer than `limit` jobs. True when taken.
 */
export async function claimJob(
  db: Db,
  id: number,
  owner: string,
  limit: number,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('import_jobs')
    .set({ state: 'running', started_at: now, heartbeat_at: now })
    .where('id', '=', id)
    .where('owner', '=', owner)
    .where('state', '=', 'queued')
    .where(
      (eb) =>
        eb
          .selectFrom('import_jobs as r')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('r.owner', '=', owner)
          .where('r.state', '=', 'running'),
      '<',
      limit,
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishJob(
  db: Db,
  id: number,
  end: { state: ImportJobState; summary: string; importId: number | null; at: string },
): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({ state: end.state, summary: end.summary, import_id: end.importId, finished_at: end.at })
    .where('id', '=', id)
    .execute();
}

/** The figures of a running job (they say it is alive, too). */
export async function setJobProgress(db: Db, id: number, p: ImportProgress, now: string): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({
      phase: p.phase,
      rows_read: p.read,
      rows_checked: p.checked,
      rows_written: p.written,
      rows_total: p.total,
      eta_seconds: p.etaSeconds,
      progress_at: now,
    })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .execute();
}

/** The owner is alive: its queued and running jobs say so. */
export async function beatJobs(db: Db, owner: string, now: string): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({ heartbeat_at: now })
    .where('owner', '=', owner)
    .where('state', 'in', ACTIVE)
    .execute();
}

/** Marks interrupted every active job whose process has not been heard of since `cutoff`; how many. */
export async function interruptStaleJobs(
  db: Db,
  cutoff: string,
  now: string,
  summary: string,
): Promise<number> {
  const result = await db
    .updateTable('import_jobs')
    .set({ state: 'interrupted', finished_at: now, summary })
    .where('state', 'in', ACTIVE)
    .where('heartbeat_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Forgets ended jobs finished before `before` (their outcome stays in the imports record). */
export async function deleteEndedJobs(db: Db, before: string): Promise<void> {
  await db
    .deleteFrom('import_jobs')
    .where('state', 'not in', ACTIVE)
    .where('finished_at', '<', before)
    .execute();
}

/** Every active job (to count who is ahead of whom), and those ended since `since` (the recent ones). */
export async function findVisibleJobs(db: Db, since: string): Promise<ImportJobRow[]> {
  return db
    .selectFrom('import_jobs')
    .selectAll()
    .where((eb) => eb.or([eb('state', 'in', ACTIVE), eb('finished_at', '>=', since)]))
    .orderBy('id')
    .execute();
}

export async function findJob(db: Db, id: number): Promise<ImportJobRow | undefined> {
  return db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}
