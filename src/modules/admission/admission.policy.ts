import { ForbiddenError } from '../../lib/errors.ts';
import { type Actor, assertCan, assertReaches } from '../auth/auth.policy.ts';

interface OrgRef {
  id: number;
  path: string;
}

/** Reading admissions is reading people: the same permission and the same subtree. */
export function assertCanReadAdmissions(actor: Actor, orgPath: string): void {
  assertCan(actor, 'person.read');
  assertReaches(actor, orgPath);
}

/**
 * DOMAIN.md "Admission": the branch takes the application, holds the talk, names activists and
 * candidates and holds the vote. Only a user of that very branch (its secretary or its admin) records them.
 */
export function assertBranchStep(actor: Actor, branch: OrgRef): void {
  assertReaches(actor, branch.path);
  const role = actor.roles.includes('branch_secretary') || actor.roles.includes('org_admin');
  if (!role || actor.orgId !== branch.id) {
    throw new ForbiddenError('此步骤由该团支部办理：需要本团支部的支部书记账号');
  }
}

/** The committee above the branch approves (DOMAIN.md step 6): an administrator of an org strictly above it. */
export function assertCommitteeAbove(actor: Actor, branch: OrgRef): void {
  assertReaches(actor, branch.path);
  if (actor.roles.includes('system_admin')) return;
  const above = branch.path.startsWith(actor.orgPath) && actor.orgPath !== branch.path;
  if (!actor.roles.includes('org_admin') || !above) {
    throw new ForbiddenError('审批由团支部的上级团委办理：需要上级团委的组织管理员账号');
  }
}

/** Local conditions and quotas are set by a county (or higher) committee for its subtree. */
export function assertCanConfigure(actor: Actor, org: OrgRef & { level: string }): void {
  assertReaches(actor, org.path);
  const admin = actor.roles.includes('org_admin') || actor.roles.includes('system_admin');
  if (!admin) throw new ForbiddenError('只有组织管理员可以设置发展团员条件');
}
