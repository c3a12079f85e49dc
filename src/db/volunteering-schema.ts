import type { Generated } from 'kysely';

/** The columns issue 5 adds to the ledger tables the imports fill (migration 20261128000400). */
declare module './ledger-schema.ts' {
  interface VolunteerActivityTable {
    campaign_id: number | null;
    /** null: no limit (imported history). */
    capacity: number | null;
    signup_opens_at: string | null;
    signup_closes_at: string | null;
    description: string | null;
    contact: string | null;
    /** The rounding rule (hours-rules.ts), copied from the org's settings when the activity is published. */
    min_minutes: Generated<number>;
    min_share_percent: Generated<number>;
    rounding_minutes: Generated<number>;
  }

  interface VolunteerRecordTable {
    /** import 导入 / checkin 扫码签到 / manual 手工补录 / correction 更正 */
    source: Generated<string>;
    revision: Generated<number>;
    entered_by_user_id: number | null;
    entered_at: string | null;
    confirmed_by_user_id: number | null;
    confirmed_at: string | null;
    /** Required for manual and late entries and for corrections. */
    reason: string | null;
    /**
     * The start date of the same person's previous record under this record's activity's depth-k org
     * (previous-dates.repository.ts; migration 20261208050001): what turns the 志愿者 figure into a plain count.
     */
    prev_date_1: Generated<string | null>;
    prev_date_2: Generated<string | null>;
    prev_date_3: Generated<string | null>;
    prev_date_4: Generated<string | null>;
    prev_date_5: Generated<string | null>;
    prev_date_6: Generated<string | null>;
  }
}

export interface VolunteerOrgSettingsTable {
  org_id: number;
  contact: string | null;
  min_minutes: number;
  min_share_percent: number;
  rounding_minutes: number;
  updated_at: string;
}

export interface VolunteerCampaignTable {
  id: Generated<number>;
  org_id: number;
  title: string;
  starts_on: string;
  ends_on: string;
  description: string | null;
  created_at: string;
  updated_at: string;
}

/** Every version of a volunteer record, append-only: a correction never overwrites the evidence. */
export interface VolunteerRecordRevisionTable {
  id: Generated<number>;
  record_id: number;
  revision: number;
  activity_id: number;
  person_id: number;
  hours_hundredths: number;
  checked_in_at: string | null;
  checked_out_at: string | null;
  source: string;
  entered_by_user_id: number | null;
  entered_at: string | null;
  confirmed_by_user_id: number | null;
  confirmed_at: string | null;
  reason: string | null;
  at: string;
}

export interface VolunteerEnrolmentTable {
  id: Generated<number>;
  activity_id: number;
  person_id: number;
  /** signed_up 已报名 / cancelled 已取消 */
  status: string;
  signed_up_at: string;
  cancelled_at: string | null;
  checked_in_at: string | null;
  checked_out_at: string | null;
  /** qr 扫码 / manual 手工补录 */
  method: string | null;
  entered_by_user_id: number | null;
  entered_at: string | null;
  reason: string | null;
  /** Computed at check-out by the activity's rule; counted only once confirmed into volunteer_records. */
  hours_hundredths: number | null;
  /** null 待确认 / confirmed 已确认 / rejected 不予确认 */
  decision: string | null;
  decided_by_user_id: number | null;
  decided_at: string | null;
  record_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface VolunteerRegistrationTable {
  id: Generated<number>;
  user_id: number;
  org_id: number;
  person_id: number | null;
  name: string;
  phone: string;
  id_number_hash: string;
  id_number_enc: string;
  id_number_masked: string;
  /** 证件类型 (lib/id-document.ts), as people have it. */
  id_type: Generated<string>;
  /** As typed at registration (a passport says neither); null on registrations from before it was asked. */
  gender: string | null;
  birth_date: string | null;
  /** pending 待确认 / confirmed 已确认 / rejected 未通过 */
  status: string;
  decided_by_user_id: number | null;
  decided_at: string | null;
  created_at: string;
  /** When the privacy notice was accepted (null: registered before it was asked, issue 17 item 9). */
  privacy_accepted_at: string | null;
  /** Under 18 when registering: the guardian who consented, and when. */
  guardian_name: string | null;
  guardian_phone: string | null;
  guardian_consent_at: string | null;
}

export interface VolunteerCertificateTable {
  id: Generated<number>;
  number: string;
  person_id: number;
  org_id: number;
  name: string;
  id_type: string;
  id_number_masked: string;
  volunteer_no: string;
  period_from: string;
  period_to: string;
  hours_hundredths: number;
  activity_count: number;
  content: string;
  issuer_name: string;
  contact: string;
  issued_on: string;
  issued_by_user_id: number | null;
  created_at: string;
}

export interface VolunteeringTables {
  volunteer_org_settings: VolunteerOrgSettingsTable;
  volunteer_campaigns: VolunteerCampaignTable;
  volunteer_record_revisions: VolunteerRecordRevisionTable;
  volunteer_enrolments: VolunteerEnrolmentTable;
  volunteer_registrations: VolunteerRegistrationTable;
  volunteer_certificates: VolunteerCertificateTable;
}
