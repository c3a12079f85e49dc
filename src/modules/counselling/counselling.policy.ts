import { type Actor, can, reaches } from '../auth/auth.policy.ts';

/**
 * DESIGN.md / issue 6: a consultation's notes are readable only by its own counsellor (the user whose person is
 * that counsellor) and by a counselling supervisor of a subtree that holds it. Everyone else — the county
 * administrator and the system administrator included — sees that a consultation exists, never what was said.
 */
export function canReadNotes(
  actor: Actor,
  actorPersonId: number | null,
  consultation: { org_path: string; counsellor_person_id: number },
): boolean {
  if (!can(actor, 'consultation.notes')) return false;
  if (actorPersonId !== null && actorPersonId === consultation.counsellor_person_id) return true;
  return actor.roles.includes('counselling_supervisor') && reaches(actor, consultation.org_path);
}

/** Who may record a consultation for a counsellor: himself, or a supervisor over the counsellor's org. */
export function canRecordFor(
  actor: Actor,
  actorPersonId: number | null,
  counsellor: { person_id: number; org_path: string },
): boolean {
  if (!can(actor, 'consultation.write')) return false;
  if (actorPersonId !== null && actorPersonId === counsellor.person_id) return true;
  return actor.roles.includes('counselling_supervisor') && reaches(actor, counsellor.org_path);
}
