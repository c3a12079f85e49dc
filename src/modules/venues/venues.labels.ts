import { VENUE_KINDS, VENUE_STATUSES } from '../../shared/labels.ts';

/** The stored codes' labels live in src/shared/labels.ts, shared with the admin. */
export { VENUE_KINDS, VENUE_STATUSES };
