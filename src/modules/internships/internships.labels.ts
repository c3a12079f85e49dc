import { INTERNSHIP_PROGRAMS, PLACEMENT_STATUSES } from '../../shared/labels.ts';

/** The stored codes' labels live in src/shared/labels.ts, shared with the admin. */
export { INTERNSHIP_PROGRAMS, PLACEMENT_STATUSES };
