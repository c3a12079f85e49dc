import type { Generated } from 'kysely';

/** Tables of the membership module (migration 20261128000700_membership). */
interface Row {
  id: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MemberTransferTable extends Row {
  person_id: number;
  /** study 升学, work 就业, relocation 迁居, other 其他. */
  reason: string;
  reason_note: string | null;
  /** sender 转出组织, receiver 转入组织, member 团员本人. */
  initiated_by: string;
  /** pending_release → pending_acceptance → accepted | declined; cancelled while pending. */
  status: string;
  /** The member's organisation when the transfer started. */
  from_org_id: number;
  from_org_path: string;
  /** The receiving organisation the transfer is addressed to. */
  to_org_id: number;
  to_org_path: string;
  /** The branch the receiver assigned on acceptance. */
  assigned_org_id: number | null;
  assigned_org_path: string | null;
  started_on: string;
  released_on: string | null;
  decided_on: string | null;
  decline_reason: string | null;
  started_by: string;
  decided_by: string | null;
}

export interface RegistrationCampaignTable extends Row {
  org_id: number;
  org_path: string;
  year: number;
  starts_on: string;
  ends_on: string;
}

export interface MemberEvaluationTable extends Row {
  campaign_id: number;
  year: number;
  person_id: number;
  /** The branch that rated him. */
  org_id: number;
  org_path: string;
  grade: string;
  attended: number;
  registered: number;
  meeting_on: string;
}

export interface DuesBasisTable extends Row {
  person_id: number;
  category: string;
  monthly_income_fen: number | null;
  amount_fen: number;
}

export interface DuesPaymentTable extends Row {
  person_id: number;
  org_id: number;
  org_path: string;
  /** `YYYY-MM` */
  month: string;
  amount_fen: number;
  paid_on: string;
}

export interface BranchMeetingTable extends Row {
  org_id: number;
  org_path: string;
  kind: string;
  held_on: string;
  topic: string;
  minutes: string | null;
  expected_count: number;
  attended_count: number;
}

export interface BranchMeetingAttendanceTable {
  meeting_id: number;
  person_id: number;
  /** 1 present, 0 expected but absent (rows before migration 20261205040001 are attendees only). */
  present: Generated<number>;
}

/** A file attached to a meeting record (签到表, photos); stored under the data folder, served through the scoped route. */
export interface BranchMeetingAttachmentTable {
  id: Generated<number>;
  meeting_id: number;
  org_path: string;
  file_name: string;
  original_name: string;
  mime_type: string;
  bytes: number;
  user_id: number | null;
  created_at: string;
}

export interface BranchElectionTable extends Row {
  org_id: number;
  org_path: string;
  held_on: string;
  term_years: number;
  term_ends_on: string;
  secretary_name: string;
  committee_size: number;
  note: string | null;
}

export interface StarChecklistTable extends Row {
  org_id: number;
  org_path: string;
  year: number;
  /** JSON: [{ code, label, points }] summing to 100. */
  items: string;
  /** JSON: { "5": 20 } — at most that percentage of rated branches at that star level. */
  quotas: string;
}

export interface StarRatingTable extends Row {
  checklist_id: number;
  org_id: number;
  org_path: string;
  /** JSON: { [itemCode]: points } */
  scores: string;
  self_total: number;
  stars: number | null;
  reviewed_on: string | null;
  reviewed_by: string | null;
}

export interface MemberDepartureTable extends Row {
  person_id: number;
  org_id: number;
  org_path: string;
  /** age 超龄离团, lapsed 自行脱团, other 其他. */
  reason: string;
  left_on: string;
  member_no: string | null;
  note: string | null;
  recorded_by: string;
}

export interface LapseCaseTable extends Row {
  person_id: number;
  org_id: number;
  org_path: string;
  voted_on: string;
  /** voted (by the branch) → approved | rejected (by the organisation above). */
  status: string;
  note: string | null;
  decided_on: string | null;
  decided_by: string | null;
}

export interface MembershipTables {
  member_transfers: MemberTransferTable;
  registration_campaigns: RegistrationCampaignTable;
  member_evaluations: MemberEvaluationTable;
  dues_bases: DuesBasisTable;
  dues_payments: DuesPaymentTable;
  branch_meetings: BranchMeetingTable;
  branch_meeting_attendance: BranchMeetingAttendanceTable;
  branch_meeting_attachments: BranchMeetingAttachmentTable;
  branch_elections: BranchElectionTable;
  star_checklists: StarChecklistTable;
  star_ratings: StarRatingTable;
  member_departures: MemberDepartureTable;
  lapse_cases: LapseCaseTable;
}
