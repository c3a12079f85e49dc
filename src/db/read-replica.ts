import { sql } from 'kysely';
import type { Db } from './create-db.ts';

/**
 * How long a read waits for the standby to replay what the primary had committed when the read began, before
 * it reads the primary instead. Streaming replication on a LAN replays within milliseconds.
 */
const CATCH_UP_MS = 500;
/** After the standby failed to answer, reads go to the primary for this long before trying it again. */
const BACK_OFF_MS = 5_000;

interface StandbyState {
  /** Epoch ms before which the standby is not asked (it just failed). */
  skipUntil: number;
}
const states = new WeakMap<Db, StandbyState>();

function stateOf(standby: Db): StandbyState {
  let state = states.get(standby);
  if (!state) {
    state = { skipUntil: 0 };
    states.set(standby, state);
  }
  return state;
}

/** Whether `standby` has replayed `lsn`. A server not in recovery (promoted, or the primary itself) compares its own position. */
async function hasReplayed(standby: Db, lsn: string): Promise<boolean> {
  const { rows } = await sql<{ replayed: boolean | null }>`
    select (case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end)
      >= ${lsn}::pg_lsn as replayed`.execute(standby);
  return rows[0]?.replayed === true;
}

/**
 * The database a read-heavy request should read: `standby` once it has replayed everything the primary had
 * committed when the request asked, so the reader sees at least every write acknowledged before it — their own
 * included — as on the primary; the primary when the standby lags more than CATCH_UP_MS or does not answer.
 * Costs one `pg_current_wal_lsn()` on the primary and one comparison on the standby.
 */
export async function readableStandby(
  primary: Db,
  standby: Db,
  onFallback?: (why: string) => void,
): Promise<Db> {
  const state = stateOf(standby);
  if (Date.now() < state.skipUntil) return primary;
  const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(primary);
  const lsn = rows[0]!.lsn;
  try {
    const deadline = Date.now() + CATCH_UP_MS;
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      if (await hasReplayed(standby, lsn)) return standby;
      if (Date.now() >= deadline) {
        onFallback?.(`只读副本落后超过 ${CATCH_UP_MS} ms，本次读取改用主库`);
        return primary;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  } catch (error) {
    state.skipUntil = Date.now() + BACK_OFF_MS;
    onFallback?.(`只读副本无法访问（${(error as Error).message}），${BACK_OFF_MS / 1000} 秒内读取改用主库`);
    return primary;
  }
}
