import type { Generated } from 'kysely';

/** Columns every ledger row has: its organisation and that organisation's path (for scope and sharding). */
interface LedgerRow {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  created_at: string;
  updated_at: string;
}

export interface CadrePostTable extends LedgerRow {
  person_id: number;
  title: string;
  mode: string;
  source: string | null;
  started_on: string;
  ended_on: string | null;
}

export interface AdmissionTable extends LedgerRow {
  person_id: number;
  applied_on: string;
  recommended_by: string | null;
  civics_grade: string | null;
  activist_on: string | null;
  candidate_on: string | null;
  branch_vote_on: string | null;
  approved_on: string | null;
  joined_on: string | null;
  status: string;
}

export interface PartyRecommendationTable extends LedgerRow {
  person_id: number;
  recommended_on: string;
  stage: string;
  outcome: string | null;
}

export interface SchoolTable extends LedgerRow {
  code: string;
  name: string;
  honorary_principal: string | null;
  established_on: string | null;
}

export interface ClassSessionTable extends LedgerRow {
  code: string;
  title: string;
  school_id: number | null;
  held_on: string;
  hours_tenths: number;
  teacher: string | null;
  teacher_kind: string | null;
}

export interface AttendanceTable extends LedgerRow {
  class_session_id: number;
  person_id: number;
  result: string;
}

export interface VenueTable extends LedgerRow {
  code: string;
  name: string;
  kind: string;
  region_id: number;
  opened_on: string | null;
  status: string;
}

export interface VolunteerActivityTable extends LedgerRow {
  code: string;
  title: string;
  category: string | null;
  starts_at: string;
  ends_at: string;
  /** The Asia/Shanghai date of starts_at: what "in the period" compares. */
  start_date: string;
  region_id: number | null;
  place: string | null;
}

export interface VolunteerRecordTable extends LedgerRow {
  activity_id: number;
  person_id: number;
  hours_hundredths: number;
  checked_in_at: string | null;
  checked_out_at: string | null;
}

export interface DonationTable extends LedgerRow {
  code: string;
  donor: string;
  donor_kind: string;
  amount_fen: number;
  donated_on: string;
  program: string;
  note: string | null;
  /** 收据编号, given when the receipt is first issued (migration 20261128000600_services). */
  receipt_no: string | null;
  /** The Beijing day the receipt was issued (migration 20261205050001). */
  receipt_issued_on: string | null;
  /** 经办人: the display name of the staff member who issued it; null for receipts issued before it was kept. */
  receipt_issuer: string | null;
}

export interface GrantTable extends LedgerRow {
  code: string;
  person_id: number;
  amount_fen: number;
  granted_on: string;
  program: string;
  reason: string | null;
  /** The beneficiary's school (migration 20261128000600_services). */
  school: string | null;
}

export interface CounsellorTable extends LedgerRow {
  person_id: number;
  certificate: string;
  certificate_no: string;
  joined_on: string;
  left_on: string | null;
}

export interface OutreachEventTable extends LedgerRow {
  code: string;
  title: string;
  held_on: string;
  region_id: number;
  reach: number;
}

export interface ConsultationTable extends LedgerRow {
  code: string;
  held_on: string;
  counsellor_id: number;
  client_ref: string;
  channel: string;
  risk: string | null;
  notes_enc: string | null;
  /** Follow-up of a high-risk case and its referral to 12355 (migration 20261128000600_services). */
  followed_up_on: string | null;
  referred_on: string | null;
}

export interface InternshipPostTable extends LedgerRow {
  code: string;
  title: string;
  employer: string;
  program: string;
  slots: number;
  starts_on: string;
  ends_on: string | null;
}

export interface InternshipPlacementTable extends LedgerRow {
  post_id: number;
  person_id: number;
  status: string;
}

export interface FundTable extends LedgerRow {
  code: string;
  program: string;
  source: string;
  amount_fen: number;
  received_on: string;
  purpose: string | null;
}

export interface LedgerTables {
  cadre_posts: CadrePostTable;
  admissions: AdmissionTable;
  party_recommendations: PartyRecommendationTable;
  schools: SchoolTable;
  class_sessions: ClassSessionTable;
  attendance: AttendanceTable;
  venues: VenueTable;
  volunteer_activities: VolunteerActivityTable;
  volunteer_records: VolunteerRecordTable;
  donations: DonationTable;
  grants: GrantTable;
  counsellors: CounsellorTable;
  outreach_events: OutreachEventTable;
  consultations: ConsultationTable;
  internship_posts: InternshipPostTable;
  internship_placements: InternshipPlacementTable;
  funds: FundTable;
}

export type LedgerTableName = keyof LedgerTables;
