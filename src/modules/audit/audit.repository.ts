import type { Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { AuditLogTable } from '../../db/schema.ts';

export type AuditEntryRow = Insertable<AuditLogTable>;

export async function insertAuditEntry(db: Db, entry: AuditEntryRow): Promise<void> {
  await db.insertInto('audit_log').values(entry).execute();
}

export interface AuditQuery {
  scopePath: string;
  action?: string;
  username?: string;
  entity?: string;
  fromInstant?: string;
  toInstant?: string;
  limit: number;
  offset: number;
}

export async function findAuditEntries(db: Db, q: AuditQuery) {
  let query = db.selectFrom('audit_log');
  // A system administrator's scope `/` also covers entries with no organisation (e.g. failed logins).
  query = q.scopePath === '/' ? query : query.where('org_path', 'like', `${q.scopePath}%`);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.username) query = query.where('username', '=', q.username);
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.fromInstant) query = query.where('at', '>=', q.fromInstant);
  if (q.toInstant) query = query.where('at', '<', q.toInstant);
  const [{ total } = { total: 0 }] = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .execute();
  const items = await query.selectAll().orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
  return { items, total: Number(total) };
}
