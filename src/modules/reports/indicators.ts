import { LEAD_LABELS as SHARED_LEAD_LABELS } from '../../shared/labels.ts';
import type { Lead } from './indicator.ts';
import { ACTIVITY } from './indicators/activity.ts';
import { INNOVATION } from './indicators/innovation.ts';
import { ORGANIZATION } from './indicators/organization.ts';
import { PARTY_BUILDING } from './indicators/party-building.ts';
import { SERVICE } from './indicators/service.ts';

export type { Indicator, Lead } from './indicator.ts';

export const LEAD_LABELS: Readonly<Record<Lead, string>> = SHARED_LEAD_LABELS;

/**
 * The 青春答卷 indicators of REPORT-SPEC.md, one entry each, in the order of the answer sheet's JSON: the one table
 * the answer sheet, its schema, the drill-downs and their exports, the dashboard's cards and the article read.
 */
export const INDICATORS = [...PARTY_BUILDING, ...ORGANIZATION, ...INNOVATION, ...SERVICE, ...ACTIVITY];

export type IndicatorKey = (typeof INDICATORS)[number]['key'];

/** REPORT-SPEC.md: the flat object of indicators. */
export type Indicators = Record<IndicatorKey, number>;

export function findIndicator(key: string) {
  return INDICATORS.find((i) => i.key === key);
}
