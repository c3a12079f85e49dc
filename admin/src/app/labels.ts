/** Every enum code the admin shows, with its Chinese label (DOMAIN.md glossary). */

import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../../src/modules/audit/audit.labels';

export type LabelMap = Readonly<Record<string, string>>;

export const orgKindLabels: LabelMap = {
  committee: '团委',
  working_committee: '团工委',
  general_branch: '团总支',
  branch: '团支部',
};

export const orgLevelLabels: LabelMap = {
  city: '市',
  county: '县',
  township: '乡镇',
  grassroots: '基层',
};

export const orgStatusLabels: LabelMap = {
  active: '正常',
  revoked: '撤销',
};

/** The domains are stored as their Chinese labels. */
export const orgDomains: readonly string[] = [
  '党政机关',
  '事业单位',
  '国有企业',
  '非公企业',
  '社会组织',
  '高校',
  '中职',
  '中学',
  '乡镇街道',
  '村社区',
  '其他',
];

export const regionLevelLabels: LabelMap = {
  province: '省',
  city: '市',
  county: '县',
  township: '乡镇/街道',
  village: '村/社区',
};

export const politicalStatusLabels: LabelMap = {
  young_pioneer: '少先队员',
  league_member: '共青团员',
  probationary_party_member: '中共预备党员',
  party_member: '中共党员',
  masses: '群众',
};

/** The audit log's codes: one source, shared with the server (src/modules/audit/audit.labels.ts). */
export const auditActionLabels: LabelMap = AUDIT_ACTION_LABELS;
export const auditEntityLabels: LabelMap = AUDIT_ENTITY_LABELS;

export const roleLabels: LabelMap = {
  system_admin: '系统管理员',
  org_admin: '组织管理员',
  branch_secretary: '团支部书记',
  school_staff: '团校工作人员',
  volunteer_organiser: '志愿服务组织者',
  counsellor: '心理咨询师',
  counselling_supervisor: '心理督导',
  aid_officer: '助学工作人员',
  portal_editor: '网站编辑',
  portal_reviewer: '网站审核',
  young_person: '青年',
};

export const userStatusLabels: LabelMap = {
  active: '正常',
  disabled: '停用',
  locked: '锁定',
  pending: '待确认',
};

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
