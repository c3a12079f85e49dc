import { NotFoundError } from '../../lib/errors.ts';
import { admissionsImport, partyRecommendationsImport } from '../admission/admission.import.ts';
import { donationsImport, grantsImport } from '../aid/aid.import.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { cadresImport } from '../cadres/cadres.import.ts';
import { consultationsImport, counsellorsImport, outreachImport } from '../counselling/counselling.import.ts';
import { fundsImport } from '../funds/funds.import.ts';
import { internshipPlacementsImport, internshipPostsImport } from '../internships/internships.import.ts';
import { orgsImport } from '../orgs/orgs.import.ts';
import { peopleImport } from '../people/people.import.ts';
import { regionsImport } from '../regions/regions.import.ts';
import { attendanceImport, classesImport, schoolsImport } from '../schools/schools.import.ts';
import { venuesImport } from '../venues/venues.import.ts';
import { volunteerActivitiesImport, volunteerHoursImport } from '../volunteering/volunteering.import.ts';
import type { ImportKind } from './import-kind.ts';
import { assertMayImport, mayImport } from './imports.policy.ts';

/** Every import format, in the order files can be loaded (references point backwards). */
export const IMPORT_KINDS: ImportKind[] = [
  regionsImport,
  orgsImport,
  peopleImport,
  cadresImport,
  admissionsImport,
  partyRecommendationsImport,
  schoolsImport,
  classesImport,
  attendanceImport,
  venuesImport,
  volunteerActivitiesImport,
  volunteerHoursImport,
  donationsImport,
  grantsImport,
  counsellorsImport,
  outreachImport,
  consultationsImport,
  internshipPostsImport,
  internshipPlacementsImport,
  fundsImport,
];

export function findImportKind(kind: string): ImportKind | undefined {
  return IMPORT_KINDS.find((k) => k.kind === kind);
}

/**
 * The kinds the actor may import, in loading order: a kind whose rows his role may not write is not offered
 * (issue 17, item 8). The admin's 数据导入 lists these and nothing else.
 */
export function importableKinds(actor: Actor): ImportKind[] {
  return IMPORT_KINDS.filter((k) => mayImport(actor, k));
}

/**
 * The kind a request names, once the caller may import it (imports.policy.ts): 404 for an unknown kind (naming
 * those he may import), 403 naming what he lacks, before anything is queued, read or written. Every way into an
 * import goes through here; the command line acts as the system administrator and may import every kind.
 */
export function importKindOf(actor: Actor, kind: string): ImportKind {
  assertCan(actor, 'import.run');
  const found = findImportKind(kind);
  if (!found) {
    const offered = importableKinds(actor).map((k) => k.kind);
    throw new NotFoundError(`未知的导入类型「${kind}」，可选：${offered.join('、')}`);
  }
  assertMayImport(actor, found);
  return found;
}
