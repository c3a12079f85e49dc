import { type Db, dialect } from '../../db/create-db.ts';

export interface QueuedMessage {
  user_id: number;
  channel: string;
  kind: string;
  subject: string;
  body: string;
  dedupe_key: string;
  next_attempt_at: string;
  created_at: string;
}

/**
 * Queues messages; one whose dedupe key is already in the outbox is left out by the unique constraint (another
 * process, or an earlier run of the day, queued it). The number actually queued.
 */
export async function insertMessages(db: Db, messages: QueuedMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const result = await db
    .insertInto('notifications')
    .values(messages)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export interface ClaimedMessage {
  id: number;
  user_id: number;
  channel: string;
  kind: string;
  subject: string;
  body: string;
  attempts: number;
}

/** Rows that may be sent now: waiting, failed and due again, or claimed by a process whose claim lapsed. */
const CLAIMABLE = ['pending', 'failed', 'sending'];

/**
 * Claims up to `limit` due messages for `owner` in one statement: each moves to `sending` with its attempt
 * counted and its claim lapsing at `leaseUntil`. On PostgreSQL the rows are picked FOR UPDATE SKIP LOCKED, so two
 * processes claiming together take different rows and neither waits; SQLite has one writer, so its statement
 * sees the other's claim. A row is therefore sent by one process, unless that process dies mid-send and the
 * claim lapses (then it is sent again: at least once, never twice while its sender lives).
 */
export async function claimDue(
  db: Db,
  owner: string,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<ClaimedMessage[]> {
  const due = db
    .selectFrom('notifications')
    .select('id')
    .where('state', 'in', CLAIMABLE)
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .$if(dialect(db) === 'postgres', (qb) => qb.forUpdate().skipLocked());
  return db
    .updateTable('notifications')
    .set((eb) => ({
      state: 'sending',
      attempts: eb('attempts', '+', 1),
      claimed_by: owner,
      next_attempt_at: leaseUntil,
    }))
    .where('id', 'in', due)
    .where('state', 'in', CLAIMABLE)
    .where('next_attempt_at', '<=', now)
    .returning(['id', 'user_id', 'channel', 'kind', 'subject', 'body', 'attempts'])
    .execute();
}

/** The end of one attempt; only the claim's holder may record it (a lapsed claim's late answer changes nothing). */
export async function finishAttempt(
  db: Db,
  id: number,
  owner: string,
  outcome:
    | { state: 'sent'; at: string }
    | { state: 'failed' | 'abandoned'; error: string; nextAttemptAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set(
      outcome.state === 'sent'
        ? { state: 'sent', sent_at: outcome.at, last_error: null }
        : { state: outcome.state, last_error: outcome.error, next_attempt_at: outcome.nextAttemptAt },
    )
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .where('claimed_by', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Active users with somewhere to send to, and what they opted out of. */
export async function findReachableUsers(db: Db) {
  const users = await db
    .selectFrom('users')
    .innerJoin('notification_contacts as c', 'c.user_id', 'users.id')
    .select(['users.id', 'c.email', 'c.wechat_openid', 'c.phone'])
    .where('users.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('c.email', 'is not', null),
        eb('c.wechat_openid', 'is not', null),
        eb('c.phone', 'is not', null),
      ]),
    )
    .orderBy('users.id')
    .execute();
  const optOuts = await db
    .selectFrom('notification_opt_outs')
    .select(['user_id', 'kind', 'channel'])
    .execute();
  return { users, optOuts };
}

export async function findContact(db: Db, userId: number) {
  return db
    .selectFrom('notification_contacts')
    .select(['email', 'wechat_openid', 'phone'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function saveContact(
  db: Db,
  userId: number,
  contact: { email: string | null; wechat_openid: string | null; phone?: string | null },
  now: string,
): Promise<void> {
  await db
    .insertInto('notification_contacts')
    .values({ user_id: userId, ...contact, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...contact, updated_at: now }))
    .execute();
}

export async function findOptOuts(db: Db, userId: number) {
  return db
    .selectFrom('notification_opt_outs')
    .select(['kind', 'channel'])
    .where('user_id', '=', userId)
    .orderBy('kind')
    .orderBy('channel')
    .execute();
}

export async function replaceOptOuts(
  db: Db,
  userId: number,
  optOuts: { kind: string; channel: string }[],
  now: string,
): Promise<void> {
  await db.deleteFrom('notification_opt_outs').where('user_id', '=', userId).execute();
  if (optOuts.length === 0) return;
  await db
    .insertInto('notification_opt_outs')
    .values(optOuts.map((o) => ({ user_id: userId, ...o, created_at: now })))
    .execute();
}

/** The outbox of users at orgs under `scopePath`, newest first. */
export async function findOutbox(
  db: Db,
  scopePath: string,
  filter: { state?: string; id?: number; limit: number },
) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('users', 'users.id', 'n.user_id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([
      'n.id',
      'users.username',
      'users.display_name',
      'orgs.name as org_name',
      'n.channel',
      'n.kind',
      'n.subject',
      'n.state',
      'n.attempts',
      'n.next_attempt_at',
      'n.last_error',
      'n.created_at',
      'n.sent_at',
    ])
    .where('orgs.path', 'like', `${scopePath}%`)
    .$if(filter.state !== undefined, (qb) => qb.where('n.state', '=', filter.state!))
    .$if(filter.id !== undefined, (qb) => qb.where('n.id', '=', filter.id!))
    .orderBy('n.id', 'desc')
    .limit(filter.limit)
    .execute();
}

/** One message of the outbox if its user is at an org under `scopePath` (else undefined: not in reach). */
export async function findOutboxMessage(db: Db, id: number, scopePath: string) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('users', 'users.id', 'n.user_id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([
      'n.id',
      'n.state',
      'n.channel',
      'n.kind',
      'users.username',
      'orgs.path as org_path',
      'orgs.code as org_code',
    ])
    .where('n.id', '=', id)
    .where('orgs.path', 'like', `${scopePath}%`)
    .executeTakeFirst();
}

/**
 * Puts a failed or given-up message back in the queue, due now with its attempts counted afresh (so the sender
 * gives it its full round of retries); only from those states, so a message being sent or sent is never queued
 * twice. Whether it was put back.
 */
export async function requeueMessage(db: Db, id: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ state: 'pending', attempts: 0, next_attempt_at: now, claimed_by: null })
    .where('id', '=', id)
    .where('state', 'in', ['failed', 'abandoned'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
