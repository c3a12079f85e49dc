import { ageToday } from '../../lib/dates.ts';
import { type Actor, reaches } from '../auth/auth.policy.ts';
import type { TransferRow } from './transfers.repository.ts';

/** Pending longer than this is overdue: the receiving side should answer within a month. */
export const TRANSFER_OVERDUE_DAYS = 30;

/**
 * A transfer as one side sees it. Across counties each side sees only its own part: the sender learns
 * the receiving organisation's name, nothing of its tree (no code, no assigned branch, no usernames);
 * the receiver learns the member's masked particulars needed to accept him and the sending org's name.
 */
export function presentTransfer(t: TransferRow, actor: Actor, overdueBefore: string) {
  const seesFrom = reaches(actor, t.from_org_path);
  const seesTo = reaches(actor, t.to_org_path);
  const side = seesFrom && seesTo ? 'both' : seesFrom ? 'outgoing' : 'incoming';
  // Declined before release means the sending side refused to let him go.
  const decidedBySender = t.status === 'declined' && t.released_on == null;
  const initiatorVisible =
    t.initiated_by === 'member' ||
    (t.initiated_by === 'sender' && seesFrom) ||
    (t.initiated_by === 'receiver' && seesTo);
  return {
    id: t.id,
    side,
    status: t.status,
    reason: t.reason,
    reasonNote: t.reason_note,
    initiatedBy: t.initiated_by,
    person: {
      id: t.person_id,
      name: t.person_name,
      gender: t.person_gender,
      age: ageToday(t.person_birth_date),
      idNumberMasked: t.person_id_number_masked,
      joinedOn: t.person_joined_on,
      memberNo: t.person_member_no,
    },
    fromOrg: seesFrom
      ? { code: t.from_org_code, name: t.from_org_name }
      : { code: null, name: t.from_org_name },
    toOrg: seesTo ? { code: t.to_org_code, name: t.to_org_name } : { code: null, name: t.to_org_name },
    assignedBranch:
      seesTo && t.assigned_org_code ? { code: t.assigned_org_code, name: t.assigned_org_name! } : null,
    startedOn: t.started_on,
    releasedOn: t.released_on,
    decidedOn: t.decided_on,
    declineReason: t.decline_reason,
    startedBy: initiatorVisible ? t.started_by : null,
    decidedBy: (decidedBySender ? seesFrom : seesTo) ? t.decided_by : null,
    overdue:
      (t.status === 'pending_release' || t.status === 'pending_acceptance') && t.started_on < overdueBefore,
    /** What this side may do now. */
    actions: {
      release: t.status === 'pending_release' && seesFrom,
      accept: t.status === 'pending_acceptance' && seesTo,
      decline: (t.status === 'pending_release' && seesFrom) || (t.status === 'pending_acceptance' && seesTo),
      cancel:
        (t.status === 'pending_release' || t.status === 'pending_acceptance') &&
        ((t.initiated_by === 'sender' && seesFrom) || (t.initiated_by === 'receiver' && seesTo)),
    },
  };
}
export type PresentedTransfer = ReturnType<typeof presentTransfer>;
