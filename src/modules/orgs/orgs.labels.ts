import { ORG_DOMAINS, ORG_KINDS, ORG_LEVELS, ORG_STATUSES } from '../../shared/labels.ts';

/** The stored codes' labels live in src/shared/labels.ts, shared with the admin. */
export { ORG_DOMAINS, ORG_KINDS, ORG_LEVELS, ORG_STATUSES };

export type OrgKind = keyof typeof ORG_KINDS;

export type OrgLevel = keyof typeof ORG_LEVELS;

export type OrgDomain = (typeof ORG_DOMAINS)[number];

export type OrgStatus = keyof typeof ORG_STATUSES;

/** Label → code, for reading spreadsheets. */
export function invert<K extends string, V extends string>(map: Record<K, V>): Map<string, K> {
  return new Map(Object.entries(map).map(([k, v]) => [v as string, k as K]));
}
