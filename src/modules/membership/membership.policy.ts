import { ConflictError, type DomainError, ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { type Actor, can, type Permission, reaches } from '../auth/auth.policy.ts';

/**
 * Per-record rules of membership's decisions, each read by two sides (issue 17, item 8): the write asserts it,
 * and the list gives each row the `actions` it lets through, so the admin shows a button only where the server
 * accepts it — the role alone (me.writes) cannot tell a branch's own row from one its committee decides.
 */

const NO_PERMISSION = '无权执行此操作：您的角色没有该权限';

function lacks(actor: Actor, permission: Permission): DomainError | null {
  return can(actor, permission) ? null : new ForbiddenError(NO_PERMISSION);
}

function outOfReach(actor: Actor, path: string): DomainError | null {
  return reaches(actor, path) ? null : new ForbiddenError();
}

/** The decisions on one branch under a committee's 对标定级 checklist. */
export type StarAction = 'self-score' | 'review';

export interface StarRow {
  checklistPath: string;
  branch: { code: string; name: string; path: string };
  rating: { stars: number | null } | null;
}

/**
 * 对标定级: a branch scores itself until the committee has set its stars; the stars are set by a committee that
 * owns the checklist (it reaches the checklist's org), never by the branch itself. The quota is the value's
 * check, not the action's.
 */
export function starRefusal(actor: Actor, row: StarRow, action: StarAction): DomainError | null {
  if (action === 'self-score')
    return (
      lacks(actor, 'person.write') ??
      outOfReach(actor, row.branch.path) ??
      (row.rating?.stars != null ? new ConflictError('上级已评定星级，自评不能再修改') : null)
    );
  return (
    lacks(actor, 'org.write') ??
    outOfReach(actor, row.checklistPath) ??
    (actor.orgPath === row.branch.path ? new ForbiddenError('星级应由上级团委评定') : null) ??
    (row.rating
      ? null
      : ValidationError.field('branchCode', row.branch.code, `${row.branch.name} 尚未自评，不能评定星级`))
  );
}

export function assertStarAction(actor: Actor, row: StarRow, action: StarAction): void {
  const refusal = starRefusal(actor, row, action);
  if (refusal) throw refusal;
}

export function starActions(actor: Actor, row: StarRow): StarAction[] {
  return (['self-score', 'review'] as const).filter((a) => starRefusal(actor, row, a) === null);
}

/** A 自行脱团 case: the branch's vote waits for the organisation above it (DOMAIN.md). */
export interface LapseState {
  org_path: string;
  status: string;
}

export function lapseDecisionRefusal(actor: Actor, lapse: LapseState): DomainError | null {
  return (
    lacks(actor, 'person.write') ??
    outOfReach(actor, lapse.org_path) ??
    // Approval comes from above: the branch that voted cannot approve its own vote.
    (actor.orgPath === lapse.org_path ? new ForbiddenError('应由上级团组织批准') : null) ??
    (lapse.status === 'voted' ? null : new ConflictError('该脱团处理已办结'))
  );
}

export function assertLapseDecision(actor: Actor, lapse: LapseState): void {
  const refusal = lapseDecisionRefusal(actor, lapse);
  if (refusal) throw refusal;
}

/** A flagged member's branch votes him out, once: a second vote waits on the first's decision. */
export function lapseProposalRefusal(
  actor: Actor,
  member: { name: string; scope_path: string },
  open: boolean,
): DomainError | null {
  return (
    lacks(actor, 'person.write') ??
    outOfReach(actor, member.scope_path) ??
    (open ? new ConflictError(`${member.name} 已有待上级批准的脱团处理`) : null)
  );
}
