/**
 * The import kinds' names in loading order, without loading the kinds: the CLI's usage line lists them, and
 * `tuanwu --help` should not load every module to print it (issue 14). kind-names.test.ts keeps it equal to
 * IMPORT_KINDS.
 */
export const IMPORT_KIND_NAMES = [
  'regions',
  'orgs',
  'people',
  'cadres',
  'admissions',
  'party-recommendations',
  'schools',
  'classes',
  'attendance',
  'venues',
  'volunteer-activities',
  'volunteer-hours',
  'donations',
  'grants',
  'counsellors',
  'outreach',
  'consultations',
  'internship-posts',
  'internship-placements',
  'funds',
] as const;
