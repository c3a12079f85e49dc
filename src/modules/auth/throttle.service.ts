import type { Db } from '../../db/create-db.ts';
import { RateLimitedError } from '../../lib/errors.ts';
import { addHit, block, clearThrottle, deleteStaleThrottles, findThrottles } from './throttle.repository.ts';

/** A budget: `max` hits in `windowMs`; beyond it the key is blocked for `backoffMs`, doubling per strike to `maxBackoffMs`. */
export interface ThrottleRule {
  max: number;
  windowMs: number;
  backoffMs: number;
  maxBackoffMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Failed logins, and registrations, per client address per minute (TUANWU_LOGIN_RATE_LIMIT). */
export const attemptsPerAddress = (max: number): ThrottleRule => ({
  max,
  windowMs: MINUTE,
  backoffMs: MINUTE,
  maxBackoffMs: HOUR,
});
/** Failed logins per username: a guessed password is slowed down whichever addresses it comes from. */
export const LOGIN_PER_USERNAME: ThrottleRule = {
  max: 5,
  windowMs: 15 * MINUTE,
  backoffMs: MINUTE,
  maxBackoffMs: HOUR,
};
/** Registration attempts naming one identity number: a day's few tries, then hours of waiting. */
export const REGISTER_PER_ID: ThrottleRule = {
  max: 5,
  windowMs: 24 * HOUR,
  backoffMs: HOUR,
  maxBackoffMs: 24 * HOUR,
};

export interface ThrottleKey {
  key: string;
  rule: ThrottleRule;
}

function refuse(untilMs: number, nowMs: number): never {
  const minutes = Math.max(1, Math.ceil((untilMs - nowMs) / MINUTE));
  throw new RateLimitedError(`尝试次数过多，请${minutes}分钟后再试`);
}

/** 429 while any of the keys is blocked; nothing is counted then. */
export async function assertNotBlocked(db: Db, keys: ThrottleKey[], nowMs = Date.now()): Promise<void> {
  const rows = await findThrottles(
    db,
    keys.map((k) => k.key),
  );
  const until = Math.max(0, ...rows.map((r) => Number(r.blocked_until_ms)));
  if (until > nowMs) refuse(until, nowMs);
}

/**
 * Counts one attempt on each key (the caller decides which attempts count: failures for login, every try for
 * registration); a key over its budget is blocked, and this attempt already refused.
 */
export async function countAttempt(db: Db, keys: ThrottleKey[], nowMs = Date.now()): Promise<void> {
  let blockedUntil = 0;
  for (const { key, rule } of keys) {
    const { hits, strikes } = await addHit(db, key, nowMs, rule.windowMs);
    if (hits <= rule.max) continue;
    const until = nowMs + Math.min(rule.maxBackoffMs, rule.backoffMs * 2 ** Number(strikes));
    await block(db, key, until, nowMs);
    blockedUntil = Math.max(blockedUntil, until);
  }
  if (blockedUntil > 0) refuse(blockedUntil, nowMs);
}

export async function forgetAttempts(db: Db, key: string): Promise<void> {
  await clearThrottle(db, key);
}

/** Keys idle for two days, whose window and back-off are long over (a scheduled job, scheduler.jobs.ts). */
export async function forgetStaleAttempts(db: Db, nowMs = Date.now()): Promise<void> {
  await deleteStaleThrottles(db, nowMs - 2 * 24 * HOUR);
}
