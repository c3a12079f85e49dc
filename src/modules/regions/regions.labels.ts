import { REGION_LEVELS } from '../../shared/labels.ts';

/** The stored codes' labels live in src/shared/labels.ts, shared with the admin. */
export { REGION_LEVELS };

export type RegionLevel = keyof typeof REGION_LEVELS;

const ORDER: RegionLevel[] = ['province', 'city', 'county', 'township', 'village'];

/** The level directly above, or null at the top. */
export function regionLevelAbove(level: RegionLevel): RegionLevel | null {
  const i = ORDER.indexOf(level);
  return i > 0 ? ORDER[i - 1]! : null;
}
