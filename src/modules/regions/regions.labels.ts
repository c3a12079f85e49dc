export const REGION_LEVELS = {
  province: '省',
  city: '市',
  county: '县',
  township: '乡镇',
  village: '村社区',
} as const;
export type RegionLevel = keyof typeof REGION_LEVELS;

const ORDER: RegionLevel[] = ['province', 'city', 'county', 'township', 'village'];

/** The level directly above, or null at the top. */
export function regionLevelAbove(level: RegionLevel): RegionLevel | null {
  const i = ORDER.indexOf(level);
  return i > 0 ? ORDER[i - 1]! : null;
}
