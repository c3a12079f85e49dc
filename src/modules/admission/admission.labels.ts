export const RECOMMENDED_BY = {
  pioneer_recommendation: '少先队推优',
  member_recommendation: '团员推荐',
  other: '其他',
} as const;
export const CIVICS_GRADES = ['优秀', '良好', '合格', '不合格'] as const;
export const ADMISSION_STATUSES = {
  applied: '申请',
  activist: '积极分子',
  candidate: '发展对象',
  admitted: '已入团',
  rejected: '未通过',
  withdrawn: '撤回',
} as const;
export type AdmissionStatus = keyof typeof ADMISSION_STATUSES;

export const PARTY_STAGES = ['入党积极分子', '发展对象'] as const;
export const PARTY_OUTCOMES = ['已推荐', '已列为积极分子', '已列为发展对象', '已入党', '未通过'] as const;

/** The steps of the timeline (DOMAIN.md "Admission"). */
export const ADMISSION_STEPS = {
  applied: '提交入团申请',
  talk: '谈话',
  civics: '登记思政课评价',
  activist: '确定为入团积极分子',
  candidate: '确定为发展对象',
  vote: '支部大会表决',
  vote_corrected: '更正支部大会表决',
  approved: '上级团委审批',
  ceremony: '入团仪式',
  rejected: '未通过',
  withdrawn: '撤回申请',
} as const;

/** Reminders on the pipeline board. */
export const ADMISSION_REMINDERS = {
  talk_overdue: '申请已满一个月未谈话',
  activist_due: '积极分子培养已满3个月',
  publicity_ending: '发展对象公示3天内期满',
  vote_due: '公示期满待召开支部大会表决',
  ceremony_overdue: '入团已满3个月未举行入团仪式',
  awaiting_approval: '支部大会已通过，待上级团委审批',
} as const;
