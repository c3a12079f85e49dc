import { ForbiddenError } from '../../lib/errors.ts';
import { type Actor, can } from '../auth/auth.policy.ts';

/**
 * How much of the people in his reach a caller reads: `all` with person.read (staff of the league's own work),
 * `volunteers` with volunteer.people only — a volunteer organiser reads the people who volunteer in his reach
 * (registrants, sign-ups, those with hours), not the county's whole roll with its minors (issue 17, item 8).
 */
export type PeopleReach = 'all' | 'volunteers';

export function peopleReach(actor: Actor): PeopleReach {
  if (can(actor, 'person.read')) return 'all';
  if (can(actor, 'volunteer.people')) return 'volunteers';
  throw new ForbiddenError('无权执行此操作：您的角色没有该权限');
}

/** The route declaration of the reads a volunteer organiser shares with staff; the service narrows them. */
export const READ_PEOPLE = ['person.read', 'volunteer.people'] as const;
