import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import type { LedgerTableName } from '../../db/ledger-schema.ts';
import { nextNumber } from '../../db/number-sequences.ts';
import { today } from '../../lib/dates.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { type Actor, assertCan, type Permission, reaches } from '../auth/auth.policy.ts';
import { findByCode, findCodesStartingWith } from '../imports/ledger.repository.ts';
import { type OrgRow, requireOrgInScope } from '../orgs/orgs.service.ts';
import { findPersonByIdNumber } from '../people/people.service.ts';
import type { ReportScope } from '../reports/report-sources.ts';
import { checkPeriod, reportScopeOf } from '../reports/reports.service.ts';
import { DateString } from '../shared.schemas.ts';

/**
 * What every service list shares: an organisation of the caller's subtree and a period. The scope has the
 * shape of the report's, so a list and the 青春答卷 figure it stands behind count the same rows.
 */
export const ScopeQuery = Type.Object({
  org: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: '组织编码（缺省为本组织）' })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
});
export interface ScopeRequest {
  org?: string;
  from?: string;
  to?: string;
}

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** A whole history unless the caller narrows it: records begin long before the platform. */
const EARLIEST = '1900-01-01';

export interface ServiceScope {
  org: OrgRow;
  scope: ReportScope;
}

/** Checks the permission, resolves the org in scope and the period (`to` defaults to today, or `defaultTo`). */
export async function resolveServiceScope(
  ctx: AppContext,
  actor: Actor,
  permission: Permission,
  q: ScopeRequest,
  defaultTo = today(),
): Promise<ServiceScope> {
  assertCan(actor, permission);
  const from = q.from ?? EARLIEST;
  const to = q.to ?? defaultTo;
  checkPeriod(from, to);
  const org = await requireOrgInScope(ctx.db, actor, q.org);
  return { org, scope: await reportScopeOf(ctx, org, from, to) };
}

/** The person with this identity number, who must lie in the caller's subtree. */
export async function requirePersonByIdNumber(
  ctx: AppContext,
  actor: Actor,
  idNumber: string,
  field: string,
) {
  const person = await findPersonByIdNumber(ctx, ctx.db, idNumber, field);
  // Someone of another county reads as unregistered: the form must not tell which numbers are on file there.
  if (!person || !reaches(actor, person.scope_path))
    throw ValidationError.field(field, null, '系统中没有该身份证号的人员，请先登记人员信息');
  return person;
}

/** A ledger row's org, which must lie in the caller's subtree. */
export async function requireLedgerOrg(db: Db, actor: Actor, orgCode: string): Promise<OrgRow> {
  const org = await requireOrgInScope(db, actor, orgCode);
  if (org.status !== 'active') throw ValidationError.field('orgCode', orgCode, `组织 ${orgCode} 已撤销`);
  return org;
}

export function notFoundUnless<T>(row: T | undefined, what: string): T {
  if (!row) throw new NotFoundError(`${what}不存在`);
  return row;
}

export { attachment, type SheetColumn, XLSX_TYPE, xlsxOf } from '../../lib/downloads.ts';

/** A money amount typed in a form: yuan, more than 0, at most 2 decimals; returned in fen. */
export function fenOf(field: string, yuan: number): number {
  const fen = Math.round(yuan * 100);
  if (!(yuan > 0) || Math.abs(fen - yuan * 100) > 1e-6) {
    throw ValidationError.field(field, yuan, '金额应大于0，最多保留2位小数');
  }
  if (!Number.isSafeInteger(fen)) throw ValidationError.field(field, yuan, '金额过大');
  return fen;
}

/** The next code `PREFIX0001` of a ledger table, for a record made in the platform rather than imported. */
export async function nextLedgerCode(
  db: Db,
  table: LedgerTableName,
  prefix: string,
  width = 4,
): Promise<string> {
  return nextCodeOf(db, table, prefix, width, {
    used: () => findCodesStartingWith(db, table, prefix),
    isTaken: async (code) => Boolean(await findByCode(db, table, code)),
  });
}

/**
 * The next code `PREFIX` + running number of a series, from its counter row (src/db/number-sequences.ts), so
 * concurrent writers neither collide nor leave gaps. A new series starts after the highest code stored; codes
 * imported or typed by hand since are skipped.
 */
export async function nextCodeOf(
  db: Db,
  series: string,
  prefix: string,
  width: number,
  stored: { used(): Promise<string[]>; isTaken(code: string): Promise<boolean> },
): Promise<string> {
  const format = (n: number) => `${prefix}${String(n).padStart(width, '0')}`;
  const n = await nextNumber(db, series, prefix, {
    highest: async () => highestSerial(prefix, await stored.used()),
    isTaken: (candidate) => stored.isTaken(format(candidate)),
  });
  return format(n);
}

/** The highest running number among codes `PREFIX<digits>` (others are not the platform's numbering). */
export function highestSerial(prefix: string, used: string[]): number {
  let n = 0;
  for (const code of used) {
    const m = code.startsWith(prefix) ? /^\d+$/.exec(code.slice(prefix.length)) : null;
    if (m) n = Math.max(n, Number(m[0]));
  }
  return n;
}
