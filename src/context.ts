import type { Config } from './config.ts';
import type { Db } from './db/create-db.ts';
import type { PersonalDataCipher } from './lib/crypto.ts';

/** What every service needs: the database and the personal-data cipher. Built once per process. */
export interface AppContext {
  db: Db;
  cipher: PersonalDataCipher;
  config: Config;
  /** A PostgreSQL hot standby of `db` (TUANWU_DB_READ) for read-heavy paths; see forReads. */
  readDb?: Db;
}

let lastNoted = 0;
/** Why a read went to the primary after all, at most every 10 s (a lagging standby would say so per request). */
function noteFallback(why: string): void {
  if (Date.now() - lastNoted < 10_000) return;
  lastNoted = Date.now();
  console.error(why);
}

/**
 * The context a read-heavy, read-only request runs its service on (issue 14: reports, dashboard, drill-downs,
 * compare, statistics, search): its `db` is the standby when one is configured and has replayed every write
 * acknowledged before this call, else the primary. Never write through it (a standby refuses writes; an
 * audited export stays on `ctx`). It is a new object: things kept per context (page cache, clock) take `ctx`.
 */
export async function forReads(ctx: AppContext): Promise<AppContext> {
  if (!ctx.readDb) return ctx;
  // Loaded here: the CLI imports this file, and `tuanwu --help` should not load Kysely.
  const { readableStandby } = await import('./db/read-replica.ts');
  const db = await readableStandby(ctx.db, ctx.readDb, noteFallback);
  return db === ctx.db ? ctx : { ...ctx, db };
}
