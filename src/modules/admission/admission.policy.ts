import { ConflictError, type DomainError, ForbiddenError } from '../../lib/errors.ts';
import { type Actor, assertCan, assertReaches, can, reaches } from '../auth/auth.policy.ts';
import { ADMISSION_STATUSES, type AdmissionStatus } from './admission.labels.ts';

interface OrgRef {
  id: number;
  path: string;
}

/** Reading admissions is reading people: the same permission and the same subtree. */
export function assertCanReadAdmissions(actor: Actor, orgPath: string): void {
  assertCan(actor, 'person.read');
  assertReaches(actor, orgPath);
}

const BRANCH_ONLY = '此步骤由该团支部办理：需要本团支部的支部书记账号';
const COMMITTEE_ONLY = '审批由团支部的上级团委办理：需要上级团委的组织管理员账号';

/** Why the actor is not the branch itself (its secretary or its admin), or null. */
function notTheBranch(actor: Actor, branch: OrgRef): DomainError | null {
  if (!reaches(actor, branch.path)) return new ForbiddenError();
  const role = actor.roles.includes('branch_secretary') || actor.roles.includes('org_admin');
  return role && actor.orgId === branch.id ? null : new ForbiddenError(BRANCH_ONLY);
}

/** Why the actor is not an administrator of a committee strictly above the branch, or null. */
function notAbove(actor: Actor, branch: OrgRef): DomainError | null {
  if (!reaches(actor, branch.path)) return new ForbiddenError();
  if (actor.roles.includes('system_admin')) return null;
  const above = branch.path.startsWith(actor.orgPath) && actor.orgPath !== branch.path;
  return actor.roles.includes('org_admin') && above ? null : new ForbiddenError(COMMITTEE_ONLY);
}

/**
 * DOMAIN.md "Admission": the branch takes the application, holds the talk, names activists and
 * candidates and holds the vote. Only a user of that very branch (its secretary or its admin) records them.
 */
export function assertBranchStep(actor: Actor, branch: OrgRef): void {
  const refusal = notTheBranch(actor, branch);
  if (refusal) throw refusal;
}

/** The committee above the branch approves (DOMAIN.md step 6): an administrator of an org strictly above it. */
export function assertCommitteeAbove(actor: Actor, branch: OrgRef): void {
  const refusal = notAbove(actor, branch);
  if (refusal) throw refusal;
}

/** Local conditions and quotas are set by a county (or higher) committee for its subtree. */
export function assertCanConfigure(actor: Actor, org: OrgRef & { level: string }): void {
  assertReaches(actor, org.path);
  const admin = actor.roles.includes('org_admin') || actor.roles.includes('system_admin');
  if (!admin) throw new ForbiddenError('只有组织管理员可以设置发展团员条件');
}

/** The steps of a path, named as their routes are (`POST /api/admissions/{id}/<step>`). */
export const ADMISSION_ACTIONS = [
  'talk',
  'civics-grade',
  'activist',
  'candidate',
  'vote',
  'vote-correction',
  'approve',
  'ceremony',
  'reject',
  'withdraw',
] as const;
export type AdmissionAction = (typeof ADMISSION_ACTIONS)[number];

/** What of a path decides who may take which step. */
export interface PathState {
  org_id: number;
  org_path: string;
  status: string;
  branch_vote_on: string | null;
  ceremony_on: string | null;
  /** The last vote is still the path's last word (admission.read.ts isVoteCorrectable). */
  voteCorrectable: boolean;
}

function notAt(a: PathState, ...allowed: string[]): DomainError | null {
  if (allowed.includes(a.status)) return null;
  return new ConflictError(
    `该申请当前处于「${ADMISSION_STATUSES[a.status as AdmissionStatus] ?? a.status}」阶段，不能办理此步骤`,
  );
}

const OPEN = ['applied', 'activist', 'candidate'];

/**
 * Why this actor may not take this step on this path now, or null. The one rule both sides read (issue 17,
 * item 8): every step's write asserts it (assertAction), and the board and the applicant's page list the steps
 * it lets through (actionsOf), so a button shown is a step the server accepts. Who first (403), then the stage
 * (409); checks of the step's own input (dates, sponsors, conditions) stay with the step.
 */
export function refusalOf(actor: Actor, a: PathState, action: AdmissionAction): DomainError | null {
  const branch = { id: a.org_id, path: a.org_path };
  const permission = action === 'approve' ? 'org.write' : 'person.write';
  if (!can(actor, permission)) return new ForbiddenError('无权执行此操作：您的角色没有该权限');
  switch (action) {
    case 'talk':
    case 'activist':
      return notTheBranch(actor, branch) ?? notAt(a, 'applied');
    case 'civics-grade':
    case 'withdraw':
      return notTheBranch(actor, branch) ?? notAt(a, ...OPEN);
    case 'candidate':
      return notTheBranch(actor, branch) ?? notAt(a, 'activist');
    case 'vote':
      return (
        notTheBranch(actor, branch) ??
        notAt(a, 'candidate') ??
        (a.branch_vote_on ? new ConflictError('支部大会已表决通过，等待上级团委审批') : null)
      );
    case 'vote-correction':
      return (
        notTheBranch(actor, branch) ??
        (a.voteCorrectable ? null : new ConflictError('只能在上级团委审批前，更正最近一次支部大会表决'))
      );
    case 'approve':
      return (
        notAbove(actor, branch) ??
        notAt(a, 'candidate') ??
        (a.branch_vote_on ? null : new ConflictError('支部大会尚未表决通过，不能审批'))
      );
    case 'ceremony':
      return (
        notTheBranch(actor, branch) ??
        notAt(a, 'admitted') ??
        (a.ceremony_on ? new ConflictError(`已于 ${a.ceremony_on} 举行入团仪式`) : null)
      );
    case 'reject':
      // The branch ends its own path; anyone else must be the committee above it.
      return (
        (actor.orgId === a.org_id ? notTheBranch(actor, branch) : notAbove(actor, branch)) ??
        notAt(a, ...OPEN)
      );
  }
}

/** Throws the refusal of refusalOf, if any. */
export function assertAction(actor: Actor, a: PathState, action: AdmissionAction): void {
  const refusal = refusalOf(actor, a, action);
  if (refusal) throw refusal;
}

/** The steps this actor may take on this path now: what the admin offers as buttons. */
export function actionsOf(actor: Actor, a: PathState): AdmissionAction[] {
  return ADMISSION_ACTIONS.filter((action) => refusalOf(actor, a, action) === null);
}

/** Whether the actor may register applications at this org: its own branch (DOMAIN.md step 1). */
export function mayApply(actor: Actor, org: OrgRef & { kind: string }): boolean {
  return can(actor, 'person.write') && org.kind === 'branch' && notTheBranch(actor, org) === null;
}
