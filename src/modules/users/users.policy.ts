import { ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { type Actor, can, isRole, ROLE_LABELS, type Role } from '../auth/auth.policy.ts';

/**
 * The roles that read consultation notes. Granting them needs `user.grant_confidential`, which the county
 * admin does not hold: otherwise he could make himself a supervisor and read the notes about his own staff.
 */
export const CONFIDENTIAL_ROLES: readonly Role[] = ['counsellor', 'counselling_supervisor'];

export function validRoles(roles: string[]): Role[] {
  const unknown = roles.filter((r) => !isRole(r));
  if (roles.length === 0 || unknown.length > 0) {
    throw ValidationError.field(
      'roles',
      roles.join(','),
      `角色无效，可选：${Object.values(ROLE_LABELS).join('、')}`,
    );
  }
  return [...new Set(roles as Role[])];
}

/** The confidential roles among `next` that `before` did not hold, once the actor may grant them; else 403. */
export function assertMayGrant(actor: Actor, next: readonly Role[], before: readonly Role[] = []): Role[] {
  if (next.includes('system_admin') && !before.includes('system_admin') && actor.scopePath !== '/') {
    throw ValidationError.field('roles', 'system_admin', '只有系统管理员可以设立系统管理员');
  }
  const granted = next.filter((r) => CONFIDENTIAL_ROLES.includes(r) && !before.includes(r));
  if (granted.length > 0 && !can(actor, 'user.grant_confidential')) {
    throw new ForbiddenError('授予心理咨询师或心理督导角色须由系统管理员办理');
  }
  return granted;
}

/** A user holding a confidential role is looked after (password reset) only by someone who could grant it. */
export function assertMayActFor(actor: Actor, roles: readonly string[]): void {
  if (
    roles.some((r) => (CONFIDENTIAL_ROLES as readonly string[]).includes(r)) &&
    !can(actor, 'user.grant_confidential')
  ) {
    throw new ForbiddenError('心理咨询师、心理督导的账号须由系统管理员办理');
  }
}

export function roleLabels(roles: readonly string[]): string {
  return roles.map((r) => (isRole(r) ? ROLE_LABELS[r] : r)).join('、');
}
