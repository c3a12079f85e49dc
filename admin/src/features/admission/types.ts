import { ADMISSION_REMINDERS, ADMISSION_STATUSES, RECOMMENDED_BY } from '@shared/labels';
import type { LabelMap } from '../../app/labels';
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

export const statusLabels: LabelMap = ADMISSION_STATUSES;

export const statusColors: Record<string, string> = {
  applied: 'default',
  activist: 'blue',
  candidate: 'orange',
  admitted: 'red',
  rejected: 'default',
  withdrawn: 'default',
};

export const reminderLabels: LabelMap = ADMISSION_REMINDERS;

export const recommendedByLabels: LabelMap = RECOMMENDED_BY;

export const today = () => {
  const d = new Date(Date.now() + 8 * 3600_000);
  return d.toISOString().slice(0, 10);
};
