import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { addDays } from '../../lib/dates.ts';
import { redact } from '../../lib/redact.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { auditActionLabel, auditEntityLabel } from './audit.labels.ts';
import { findAuditEntries, insertAuditEntry } from './audit.repository.ts';

export type AuditAction =
  | 'create'
  | 'update'
  | 'move'
  | 'revoke'
  | 'import'
  | 'export'
  | 'reveal'
  | 'login'
  | 'login_failed'
  | 'logout'
  /** A counsellor or counselling-supervisor role given: who may read consultation notes changed. */
  | 'grant_confidential'
  | 'password_change'
  | 'password_reset'
  | 'disable'
  | 'enable';

export interface AuditEvent {
  action: AuditAction;
  entity?: string;
  entityId?: string | number;
  /** The organisation the record belongs to, so each committee sees its own subtree's log. */
  org?: { path: string; code: string } | null;
  summary: string;
  detail?: unknown;
}

/**
 * Appends one entry. Pass the transaction handle when the audited change is inside one, so the entry
 * stands or falls with it. `who` is null for anonymous events such as a failed login.
 *
 * Identity and mobile numbers are masked here, in the one writer, rather than by each caller: a search query,
 * a changed phone or a phone-number username would otherwise rest in the log in clear (DESIGN.md).
 */
export async function recordAudit(
  db: Db,
  who: Pick<Actor, 'userId' | 'username' | 'ip'> | null,
  event: AuditEvent,
  ip?: string | null,
): Promise<void> {
  await insertAuditEntry(db, {
    at: nowIso(),
    user_id: who && who.userId > 0 ? who.userId : null,
    username: who?.username == null ? null : redact(who.username),
    action: event.action,
    entity: event.entity ?? null,
    entity_id: event.entityId == null ? null : String(event.entityId),
    org_path: event.org?.path ?? null,
    org_code: event.org?.code ?? null,
    summary: redact(event.summary),
    detail: event.detail === undefined ? null : redact(JSON.stringify(event.detail)),
    ip: ip ?? who?.ip ?? null,
  });
}

export interface AuditFilter {
  action?: string;
  username?: string;
  entity?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Shanghai-local date bounds → UTC instants, inclusive of the whole `to` day. */
function dayStartInstant(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}

export async function listAudit(ctx: AppContext, actor: Actor, filter: AuditFilter) {
  assertCan(actor, 'audit.read');
  const toExclusive = filter.to ? dayStartInstant(addDays(filter.to, 1)) : undefined;
  const { items, total } = await findAuditEntries(ctx.db, {
    scopePath: actor.scopePath,
    action: filter.action,
    // Stored redacted: a phone-number username is looked up by its mask.
    username: filter.username == null ? undefined : redact(filter.username),
    entity: filter.entity,
    fromInstant: filter.from ? dayStartInstant(filter.from) : undefined,
    toInstant: toExclusive,
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  return {
    total,
    page: filter.page,
    pageSize: filter.pageSize,
    items: items.map((e) => ({
      id: e.id,
      at: e.at,
      username: e.username,
      action: e.action,
      actionLabel: auditActionLabel(e.action),
      entity: e.entity,
      entityLabel: auditEntityLabel(e.entity),
      entityId: e.entity_id,
      orgCode: e.org_code,
      summary: e.summary,
      ip: e.ip,
    })),
  };
}
