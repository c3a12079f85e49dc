/** DOMAIN.md "Membership": the stored codes and the labels users read. */
export const TRANSFER_REASONS = { study: '升学', work: '就业', relocation: '迁居', other: '其他' } as const;
export type TransferReason = keyof typeof TRANSFER_REASONS;

export const TRANSFER_INITIATORS = { sender: '转出组织', receiver: '转入组织', member: '团员本人' } as const;
export type TransferInitiator = keyof typeof TRANSFER_INITIATORS;

export const TRANSFER_STATUSES = {
  pending_release: '待转出组织同意',
  pending_acceptance: '待转入组织接收',
  accepted: '已接收',
  declined: '已退回',
  cancelled: '已撤回',
} as const;
export type TransferStatus = keyof typeof TRANSFER_STATUSES;
export const IN_FLIGHT: TransferStatus[] = ['pending_release', 'pending_acceptance'];

export const GRADES = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
} as const;
export type Grade = keyof typeof GRADES;

export const DUES_CATEGORIES = {
  student: '学生',
  unemployed: '无业',
  farmer: '农民',
  salaried: '工薪',
} as const;
export type DuesCategory = keyof typeof DUES_CATEGORIES;

export const MEETING_KINDS = {
  general_meeting: '支部大会',
  committee_meeting: '支委会',
  group_meeting: '团小组会',
  league_class: '团课',
  theme_day: '主题团日',
} as const;
export type MeetingKind = keyof typeof MEETING_KINDS;

export const DEPARTURE_REASONS = { age: '超龄离团', lapsed: '自行脱团', other: '其他' } as const;
export type DepartureReason = keyof typeof DEPARTURE_REASONS;

export const LAPSE_STATUSES = {
  voted: '支部已表决，待上级批准',
  approved: '已批准',
  rejected: '未批准',
} as const;

/** 所属领域 whose branches are student branches: their term is one year (DOMAIN.md "Organisations"). */
export const STUDENT_DOMAINS = ['高校', '中职', '中学'];
