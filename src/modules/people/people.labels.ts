import { POLITICAL_STATUSES } from '../../shared/labels.ts';

/** The stored codes' labels live in src/shared/labels.ts, shared with the admin. */
export { POLITICAL_STATUSES };

export type PoliticalStatus = keyof typeof POLITICAL_STATUSES;
