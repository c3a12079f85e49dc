import { admissionsImport, partyRecommendationsImport } from '../admission/admission.import.ts';
import { donationsImport, grantsImport } from '../aid/aid.import.ts';
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
