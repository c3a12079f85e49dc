import { CONSULTATION_CHANNELS, RISK_LEVELS } from '../../shared/labels.ts';

/** The stored codes' labels live in src/shared/labels.ts, shared with the admin. */
export { CONSULTATION_CHANNELS, RISK_LEVELS };
