/** DOMAIN.md glossary: the stored code and the label users read and import. */
export const ORG_KINDS = {
  committee: '团委',
  working_committee: '团工委',
  general_branch: '团总支',
  branch: '团支部',
} as const;
export type OrgKind = keyof typeof ORG_KINDS;

export const ORG_LEVELS = { city: '市', county: '县', township: '乡镇', grassroots: '基层' } as const;
export type OrgLevel = keyof typeof ORG_LEVELS;

/** 所属领域 is stored as its Chinese label: it is the vocabulary of the reports themselves. */
export const ORG_DOMAINS = [
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
] as const;
export type OrgDomain = (typeof ORG_DOMAINS)[number];

export const ORG_STATUSES = { active: '正常', revoked: '撤销' } as const;
export type OrgStatus = keyof typeof ORG_STATUSES;

/** Label → code, for reading spreadsheets. */
export function invert<K extends string, V extends string>(map: Record<K, V>): Map<string, K> {
  return new Map(Object.entries(map).map(([k, v]) => [v as string, k as K]));
}
