import type { Generated } from 'kysely';

/** Tables of the admission procedure, the league school's teachers and 推优入党 (migration 20261128000300). */

/** Columns the procedure adds to the `admissions` ledger (merged into AdmissionTable by the Database type). */
export interface AdmissionProcedureColumns {
  talk_on: string | null;
  publicity_from: string | null;
  publicity_to: string | null;
  vote_should_attend: number | null;
  vote_attended: number | null;
  vote_yes: number | null;
  member_no: string | null;
  ceremony_on: string | null;
  ended_on: string | null;
  end_reason: string | null;
}

export interface AdmissionSponsorTable {
  admission_id: number;
  person_id: number;
  /** mentor 培养联系人 | introducer 入团介绍人 */
  role: string;
}

export interface AdmissionEventTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  admission_id: number;
  step: string;
  on_date: string;
  user_id: number | null;
  username: string | null;
  note: string | null;
  created_at: string;
}

export interface AdmissionSettingsTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  civics_required: number;
  min_class_hours_tenths: number;
  min_volunteer_hundredths: number;
  /** attending | should_attend: the base of the yes-vote majority at the branch meeting. */
  vote_base: string;
  quota_junior_pct: number;
  quota_senior_pct: number;
  updated_at: string;
}

export interface AdmissionQuotaTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  year: number;
  /** junior 初中 | senior 高中 */
  school_stage: string;
  graduates: number;
  members_before: number;
  updated_at: string;
}

export interface SchoolTeacherTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  school_id: number;
  name: string;
  kind: string;
  created_at: string;
}

export interface PartyCaseTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  person_id: number;
  party_applied_on: string;
  stage: string;
  screened_on: string;
  proposed_on: string | null;
  ballot_on: string | null;
  ballot_should_attend: number | null;
  ballot_attended: number | null;
  ballot_yes: number | null;
  /** screened | proposed | recommended | not_recommended */
  status: string;
  recommendation_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface AdmissionTables {
  admission_sponsors: AdmissionSponsorTable;
  admission_events: AdmissionEventTable;
  admission_settings: AdmissionSettingsTable;
  admission_quotas: AdmissionQuotaTable;
  school_teachers: SchoolTeacherTable;
  party_cases: PartyCaseTable;
}
