/**
 * Every enum code the admin shows, with its Chinese label: the stored codes' labels come from src/shared/labels.ts,
 * the one source the server's exports and messages use too (issue 16 item 1).
 */

import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '@shared/audit-labels';
import {
  ORG_DOMAINS,
  ORG_KINDS,
  ORG_LEVELS,
  ORG_STATUSES,
  POLITICAL_STATUSES,
  REGION_LEVELS,
  ROLE_LABELS,
  USER_STATUSES,
} from '@shared/labels';

export type LabelMap = Readonly<Record<string, string>>;

export const orgKindLabels: LabelMap = ORG_KINDS;

export const orgLevelLabels: LabelMap = ORG_LEVELS;

export const orgStatusLabels: LabelMap = ORG_STATUSES;

/** The domains are stored as their Chinese labels. */
export const orgDomains: readonly string[] = ORG_DOMAINS;

export const regionLevelLabels: LabelMap = REGION_LEVELS;

export const politicalStatusLabels: LabelMap = POLITICAL_STATUSES;

/** The audit log's codes: one source, shared with the server (src/shared/audit-labels.ts). */
export const auditActionLabels: LabelMap = AUDIT_ACTION_LABELS;
export const auditEntityLabels: LabelMap = AUDIT_ENTITY_LABELS;

export const roleLabels: LabelMap = ROLE_LABELS;

export const userStatusLabels: LabelMap = USER_STATUSES;

export const importKindLabels: LabelMap = {
  orgs: '团组织',
  people: '人员',
  members: '团员',
  cadres: '团干部',
  regions: '行政区划',
};

export const importStatusLabels: LabelMap = {
  imported: '已导入',
  succeeded: '成功',
  success: '成功',
  completed: '成功',
  committed: '成功',
  done: '成功',
  ok: '成功',
  validated: '校验通过',
  dry_run: '校验通过',
  checked: '已校验',
  refused: '未导入',
  rejected: '未导入',
  failed: '失败',
  error: '失败',
};

export const genderOptions = ['男', '女'] as const;

export function label(map: LabelMap, code: string | null | undefined, fallback = '—'): string {
  if (code === null || code === undefined || code === '') return fallback;
  return map[code] ?? code;
}

export function optionsOf(map: LabelMap): { value: string; label: string }[] {
  return Object.entries(map).map(([value, text]) => ({ value, label: text }));
}

/** The level a new child organisation usually has. */
export const childLevel: Readonly<Record<string, string>> = {
  city: 'county',
  county: 'township',
  township: 'grassroots',
  grassroots: 'grassroots',
};
