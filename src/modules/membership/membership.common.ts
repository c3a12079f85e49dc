import type { Db } from '../../db/create-db.ts';
import { isRealDate } from '../../lib/dates.ts';
import { ValidationError } from '../../lib/errors.ts';
import { type Actor, findInReach } from '../auth/auth.policy.ts';
import { type OrgRow, requireOrgInReach, requireOrgInScope } from '../orgs/orgs.service.ts';
import { findPersonById, type PersonRow } from '../people/people.service.ts';

export { attachment, type SheetColumn, XLSX_TYPE, xlsxOf } from '../../lib/downloads.ts';

/** A person the actor reaches. */
export async function requirePersonInScope(db: Db, actor: Actor, id: number): Promise<PersonRow> {
  return findInReach(actor, findPersonById(db, id), (p) => p.scope_path, '人员不存在');
}

/** A league member (共青团员 with a 所在团组织). */
export function requireMember(person: PersonRow): PersonRow & { org_id: number } {
  if (person.political_status !== 'league_member' || person.org_id == null) {
    throw ValidationError.field('personId', person.id, `${person.name} 不是在册团员`);
  }
  return person as PersonRow & { org_id: number };
}

/** An active 团支部 the actor reaches. */
export async function requireBranchInScope(db: Db, actor: Actor, code: string): Promise<OrgRow> {
  const org = await requireOrgInReach(db, actor, code);
  if (org.kind !== 'branch') throw ValidationError.field('branchCode', code, `${org.name} 不是团支部`);
  if (org.status !== 'active') throw ValidationError.field('branchCode', code, `${org.name} 已撤销`);
  return org;
}

/** A committee (团委 / 团工委) the actor reaches: campaigns and checklists belong to one. */
export async function requireCommitteeInScope(
  db: Db,
  actor: Actor,
  code: string | undefined,
): Promise<OrgRow> {
  const org = await requireOrgInScope(db, actor, code);
  if (org.kind !== 'committee' && org.kind !== 'working_committee') {
    throw ValidationError.field('orgCode', org.code, `${org.name} 不是团委或团工委`);
  }
  return org;
}

/** The deeper of two nested paths: where a committee's record meets the actor's reach. */
export function innerPath(a: string, b: string): string {
  return a.startsWith(b) ? a : b;
}

export function assertDate(field: string, value: string): void {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (!isRealDate(y, m, d)) throw ValidationError.field(field, value, `${value} 不是有效日期`);
}
