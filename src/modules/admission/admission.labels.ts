import { ADMISSION_REMINDERS, ADMISSION_STATUSES, RECOMMENDED_BY } from '../../shared/labels.ts';

/** The stored codes' labels live in src/shared/labels.ts, shared with the admin. */
export { ADMISSION_REMINDERS, ADMISSION_STATUSES, RECOMMENDED_BY };

export const CIVICS_GRADES = ['优秀', '良好', '合格', '不合格'] as const;
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
