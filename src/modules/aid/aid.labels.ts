import { AID_PROGRAMS, DONOR_KINDS } from '../../shared/labels.ts';

/** The stored codes' labels live in src/shared/labels.ts, shared with the admin. */
export { AID_PROGRAMS, DONOR_KINDS };
