/** The admission API's answers (src/modules/admission/admission.read.ts). */
export interface PersonRef {
  id: number;
  name: string;
  idNumberMasked: string;
}

export interface AdmissionSummary {
  id: number;
  person: PersonRef & { gender: string; age: number };
  org: { code: string; name: string };
  status: string;
  recommendedBy: string | null;
  civicsGrade: string | null;
  appliedOn: string;
  talkOn: string | null;
  activistOn: string | null;
  candidateOn: string | null;
  publicityFrom: string | null;
  publicityTo: string | null;
  branchVoteOn: string | null;
  vote: { shouldAttend: number; attended: number; yes: number } | null;
  approvedOn: string | null;
  joinedOn: string | null;
  memberNo: string | null;
  ceremonyOn: string | null;
  endedOn: string | null;
  endReason: string | null;
  reminders: string[];
}

export interface Board {
  org: { code: string; name: string; kind: string };
  counts: Record<string, number>;
  reminders: Record<string, number>;
  items: AdmissionSummary[];
}

export type Evidence =
  | {
      kind: 'class';
      code: string;
      title: string;
      on: string;
      hours: number;
      result: string;
      counted: boolean;
    }
  | { kind: 'volunteer'; code: string; title: string; on: string; hours: number };

export interface ChecklistItem {
  key: string;
  label: string;
  source: 'rule' | 'local';
  neededFor: 'activist' | 'candidate';
  met: boolean;
  detail: string;
  evidence: Evidence[];
}

export interface AdmissionDetail extends AdmissionSummary {
  checklist: { asOf: string; items: ChecklistItem[] };
  mentors: (PersonRef & { political_status: string })[];
  introducers: (PersonRef & { political_status: string })[];
  timeline: { step: string; label: string; on: string; by: string | null; note: string | null; at: string }[];
  quotaWarning: string | null;
  /** The branch's roster today (while 发展对象): the ceiling of 应到会. */
  votingMembers: number | null;
  voteCorrectable: boolean;
  settings: { voteBase: 'attending' | 'should_attend' };
}

export const statusLabels: Record<string, string> = {
  applied: '申请',
  activist: '积极分子',
  candidate: '发展对象',
  admitted: '已入团',
  rejected: '未通过',
  withdrawn: '撤回',
};

export const statusColors: Record<string, string> = {
  applied: 'default',
  activist: 'blue',
  candidate: 'orange',
  admitted: 'red',
  rejected: 'default',
  withdrawn: 'default',
};

export const reminderLabels: Record<string, string> = {
  talk_overdue: '申请已满一个月未谈话',
  activist_due: '积极分子培养已满3个月',
  publicity_ending: '发展对象公示3天内期满',
  vote_due: '公示期满待召开支部大会表决',
  ceremony_overdue: '入团已满3个月未举行入团仪式',
  awaiting_approval: '支部大会已通过，待上级团委审批',
};

export const recommendedByLabels: Record<string, string> = {
  pioneer_recommendation: '少先队推优',
  member_recommendation: '团员推荐',
  other: '其他',
};

export const today = () => {
  const d = new Date(Date.now() + 8 * 3600_000);
  return d.toISOString().slice(0, 10);
};
