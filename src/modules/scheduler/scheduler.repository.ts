import type { Db } from '../../db/create-db.ts';

/** Gives each job its row, due at `firstRunAt`; a job that has one keeps it (and its due time). */
export async function ensureJobRows(db: Db, jobs: string[], firstRunAt: string): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insertInto('scheduled_runs')
    .values(jobs.map((job) => ({ job, next_run_at: firstRunAt })))
    .onConflict((oc) => oc.column('job').doNothing())
    .execute();
}

/** The jobs (of those named) due at `now`. */
export async function findDueJobs(db: Db, jobs: string[], now: string): Promise<string[]> {
  if (jobs.length === 0) return [];
  const rows = await db
    .selectFrom('scheduled_runs')
    .select('job')
    .where('job', 'in', jobs)
    .where('next_run_at', '<=', now)
    .execute();
  return rows.map((r) => r.job);
}

/**
 * Claims one run of a due job by moving its due time on, in one conditional statement: of two processes that
 * find it due together, the second's update waits for the first's row lock (PostgreSQL) or write lock
 * (SQLite), then matches nothing. True for the winner.
 */
export async function claimRun(
  db: Db,
  job: string,
  now: string,
  nextRunAt: string,
  owner: string,
): Promise<boolean> {
  const result = await db
    .updateTable('scheduled_runs')
    .set((eb) => ({
      next_run_at: nextRunAt,
      runs: eb('runs', '+', 1),
      last_started_at: now,
      last_owner: owner,
    }))
    .where('job', '=', job)
    .where('next_run_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishRun(db: Db, job: string, at: string, error: string | null): Promise<void> {
  await db
    .updateTable('scheduled_runs')
    .set({ last_finished_at: at, last_error: error })
    .where('job', '=', job)
    .execute();
}

export async function findRuns(db: Db) {
  return db.selectFrom('scheduled_runs').selectAll().orderBy('job').execute();
}
