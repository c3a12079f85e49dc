/** The 青春答卷 indicators (REPORT-SPEC.md): the leads' colours and how figures are written. */

import { LEAD_LABELS } from '@shared/labels';
import type { Item } from '../../api/http';

export type Lead = IndicatorMeta['lead'];

export const leads: readonly { key: Lead; label: string; short: string; color: string }[] = [
  { key: 'party_building', label: LEAD_LABELS.party_building, short: '党建', color: '#c8161d' },
  { key: 'organization', label: LEAD_LABELS.organization, short: '组织', color: '#d4380d' },
  { key: 'innovation', label: LEAD_LABELS.innovation, short: '创新', color: '#1677ff' },
  { key: 'service', label: LEAD_LABELS.service, short: '服务', color: '#389e0d' },
  { key: 'activity', label: LEAD_LABELS.activity, short: '活动', color: '#7c3aed' },
];

export const leadLabel = (lead: string): string => leads.find((l) => l.key === lead)?.label ?? lead;

/**
 * An indicator as the server's table defines it (`GET /api/reports/indicators`, src/modules/reports/indicators.ts):
 * the admin keeps no list of its own, so a new indicator shows up here without a change.
 */
export type IndicatorMeta = Item<'/api/reports/indicators'>;

const isRatio = (unit: string) => unit === '%';
const isMoney = (unit: string) => unit === '元' || unit === '万元';

function trimDecimals(n: number, digits: number): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: digits, useGrouping: false });
}

/** A figure split into the number and its unit, written the Chinese way (`12.05万元`, `77.78%`, `70名`). */
export function figureParts(
  value: number | null | undefined,
  unit: string,
): { number: string; unit: string } {
  if (value === null || value === undefined || Number.isNaN(value)) return { number: '—', unit: '' };
  if (isRatio(unit)) return { number: (value * 100).toFixed(2), unit: '%' };
  if (isMoney(unit)) {
    if (Math.abs(value) >= 10_000) return { number: (value / 10_000).toFixed(2), unit: '万元' };
    return { number: trimDecimals(value, 2), unit: '元' };
  }
  return { number: trimDecimals(value, 2), unit };
}

export function formatFigure(value: number | null | undefined, unit: string): string {
  const p = figureParts(value, unit);
  return `${p.number}${p.unit}`;
}

/** The change from the previous period: direction and the difference, written like the figure. */
export function formatChange(
  current: number | undefined,
  previous: number | undefined,
  unit: string,
): { direction: 'up' | 'down' | 'same'; text: string } | null {
  if (current === undefined || previous === undefined) return null;
  const diff = Math.round((current - previous) * 10_000) / 10_000;
  if (diff === 0) return { direction: 'same', text: '持平' };
  const abs = Math.abs(diff);
  const text = isRatio(unit) ? `${(abs * 100).toFixed(2)}个百分点` : formatFigure(abs, unit);
  return { direction: diff > 0 ? 'up' : 'down', text };
}
