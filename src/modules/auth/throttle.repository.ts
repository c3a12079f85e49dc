import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';

export async function findThrottles(db: Db, keys: string[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('auth_throttle')
    .select(['key', 'hits', 'strikes', 'blocked_until_ms'])
    .where('key', 'in', keys)
    .execute();
}

/**
 * One more hit on a key, counted in one statement (an upsert), so two processes hitting the same key at once
 * both count: a window older than `windowMs` starts afresh at 1.
 */
export async function addHit(db: Db, key: string, nowMs: number, windowMs: number) {
  const cutoff = nowMs - windowMs;
  return db
    .insertInto('auth_throttle')
    .values({ key, hits: 1, window_started_ms: nowMs, strikes: 0, blocked_until_ms: 0 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when auth_throttle.window_started_ms <= ${cutoff} then 1 else auth_throttle.hits + 1 end`,
        window_started_ms: sql<number>`case when auth_throttle.window_started_ms <= ${cutoff} then ${nowMs} else auth_throttle.window_started_ms end`,
      }),
    )
    .returning(['hits', 'strikes'])
    .executeTakeFirstOrThrow();
}

/** Over budget: blocked until then, one strike more (the next block lasts longer), a fresh window after it. */
export async function block(db: Db, key: string, untilMs: number, nowMs: number): Promise<void> {
  await db
    .updateTable('auth_throttle')
    .set({
      blocked_until_ms: untilMs,
      strikes: sql<number>`strikes + 1`,
      hits: 0,
      window_started_ms: nowMs,
    })
    .where('key', '=', key)
    .execute();
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}

/** Keys idle for long enough that neither their window nor their back-off matters any more. */
export async function deleteStaleThrottles(db: Db, beforeMs: number): Promise<void> {
  await db
    .deleteFrom('auth_throttle')
    .where('window_started_ms', '<', beforeMs)
    .where('blocked_until_ms', '<', beforeMs)
    .execute();
}
