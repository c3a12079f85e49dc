import type { Generated } from 'kysely';
import type { AdmissionProcedureColumns, AdmissionTables } from './admission-schema.ts';
import type { AdmissionTable, LedgerTables } from './ledger-schema.ts';
import type { MembershipTables } from './membership-schema.ts';
import type { NotificationTables } from './notifications-schema.ts';
import type { PortalTables } from './portal-schema.ts';
import type { ServiceTables } from './services-schema.ts';
import type { VolunteeringTables } from './volunteering-schema.ts';

/** Table types. Dates are `YYYY-MM-DD` strings, instants ISO-8601 strings, money integer fen. */

export interface RegionTable {
  id: Generated<number>;
  code: string;
  name: string;
  level: string;
  parent_id: number | null;
  /** Materialised path of ids, `/1/5/23/`. */
  path: string;
  created_at: string;
  updated_at: string;
}

export interface OrgTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  level: string;
  domain: string;
  parent_id: number | null;
  path: string;
  region_id: number;
  unit_name: string | null;
  established_on: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  id_number_hash: string;
  id_number_enc: string;
  id_number_masked: string;
  /** 证件类型 (lib/id-document.ts): resident_id, hkmt_residence_permit, passport. */
  id_type: Generated<string>;
  name: string;
  gender: string;
  birth_date: string;
  ethnicity: string | null;
  phone: string | null;
  political_status: string;
  /** 所在团组织: set for league members. */
  org_id: number | null;
  joined_on: string | null;
  member_no: string | null;
  education: string | null;
  workplace: string | null;
  /** The organisation whose subtree may see this person: 所在团组织, else the one that registered him. */
  scope_org_id: number;
  scope_path: string;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  display_name: string;
  org_id: number;
  person_id: number | null;
  status: string;
  created_at: string;
  updated_at: string;
  /** 1 after an administrator's reset: the next session must change the password first. */
  must_change_password: Generated<number>;
  password_changed_at: string | null;
}

/** Attempts per key (`login:ip:…`, `login:user:…`, `register:id:…`) in a window, and the back-off after it. */
export interface AuthThrottleTable {
  key: string;
  hits: number;
  window_started_ms: number;
  strikes: Generated<number>;
  blocked_until_ms: Generated<number>;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}

export interface SessionTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  org_path: string | null;
  org_code: string | null;
  summary: string;
  detail: string | null;
  ip: string | null;
}

/** The last number given in a series (团员编号 of a year, a ledger's codes of an org, receipts of an org's year). */
export interface NumberSequenceTable {
  name: string;
  scope: string;
  last_value: number;
}

export interface ImportTable {
  id: Generated<number>;
  kind: string;
  file_name: string;
  checksum: string;
  user_id: number | null;
  username: string | null;
  org_path: string;
  dry_run: number;
  status: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  error_count: number;
  warning_count: number;
  created_at: string;
}

/** A header mapping an organisation saved for one import kind (imports/import-mappings.service.ts). */
export interface ImportMappingTable {
  id: Generated<number>;
  kind: string;
  org_path: string;
  org_code: string;
  name: string;
  /** JSON: the file's header → our column header, or null (ignored). */
  mapping: string;
  /** JSON: the headers it was saved from, folded and sorted (a file with the same headers reuses it). */
  header_keys: string;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One upload in the import queue, from 排队中 to its end (imports/import-queue.ts). */
export interface ImportJobTable {
  id: Generated<number>;
  kind: string;
  file_name: string;
  user_id: number | null;
  username: string | null;
  org_path: string;
  dry_run: number;
  /** queued | running | done | failed | interrupted */
  state: string;
  /** The process holding the uploaded file (host:pid:token); only it runs the job. */
  owner: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string;
  import_id: number | null;
  summary: string | null;
  /** While running: reading | importing | committing (imports/progress.ts). */
  phase: string | null;
  rows_read: number | null;
  rows_checked: number | null;
  rows_written: number | null;
  /** The estimated number of data rows in the file; null when it cannot be told before reading. */
  rows_total: number | null;
  eta_seconds: number | null;
  progress_at: string | null;
}

/** One fact about the installation (the data key's check value). */
export interface SystemSettingTable {
  name: string;
  value: string;
}

/** A scheduled job's next due time and its last run (src/modules/scheduler). */
export interface ScheduledRunTable {
  job: string;
  next_run_at: string;
  runs: Generated<number>;
  last_started_at: string | null;
  last_finished_at: string | null;
  /** The process (host:pid) that ran it last. */
  last_owner: string | null;
  last_error: string | null;
}

export interface Database
  extends LedgerTables,
    AdmissionTables,
    ServiceTables,
    PortalTables,
    MembershipTables,
    VolunteeringTables,
    NotificationTables {
  admissions: AdmissionTable & AdmissionProcedureColumns;
  regions: RegionTable;
  orgs: OrgTable;
  people: PersonTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  imports: ImportTable;
  import_jobs: ImportJobTable;
  import_mappings: ImportMappingTable;
  number_sequences: NumberSequenceTable;
  system_settings: SystemSettingTable;
  scheduled_runs: ScheduledRunTable;
}
