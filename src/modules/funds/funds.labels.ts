import { FUND_PROGRAMS, FUND_SOURCES } from '../../shared/labels.ts';

/** The stored codes' labels live in src/shared/labels.ts, shared with the admin. */
export { FUND_PROGRAMS, FUND_SOURCES };
