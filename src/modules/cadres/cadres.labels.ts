import { CADRE_MODES, CADRE_SOURCES, CADRE_TITLES } from '../../shared/labels.ts';

/** The stored codes' labels live in src/shared/labels.ts, shared with the admin. */
export { CADRE_MODES, CADRE_SOURCES, CADRE_TITLES };
