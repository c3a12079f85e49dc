/** Shapes of the tuanwu HTTP API (docs/api.md). Dates are `YYYY-MM-DD` strings. */

export interface Me {
  id: string | number;
  username: string;
  displayName: string;
  org: { code: string; name: string; level: OrgLevel };
  roles: string[];
  permissions: string[];
  /** An administrator reset the password: only the password page until it is changed. */
  mustChangePassword?: boolean;
}

export interface Session {
  user: Me;
  csrfToken: string;
  mustChangePassword: boolean;
}

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export type OrgKind = 'committee' | 'working_committee' | 'general_branch' | 'branch';
export type OrgLevel = 'city' | 'county' | 'township' | 'grassroots';
export type OrgStatus = 'active' | 'revoked';

export interface Org {
  code: string;
  name: string;
  kind: OrgKind;
  level: OrgLevel;
  domain: string;
  parentCode: string | null;
  regionCode: string;
  regionName: string;
  unitName: string | null;
  establishedOn: string | null;
  status: OrgStatus;
  memberCount: number;
}

export interface OrgInput {
  code: string;
  name: string;
  kind: OrgKind;
  level: OrgLevel;
  domain: string;
  parentCode: string;
  regionCode: string;
  unitName?: string | null;
  establishedOn?: string | null;
}

export type PoliticalStatus =
  | 'young_pioneer'
  | 'league_member'
  | 'probationary_party_member'
  | 'party_member'
  | 'masses';

export interface PersonSummary {
  id: string | number;
  name: string;
  gender: '男' | '女' | null;
  /** 周岁; the birth date is shown only with the whole number (audited reveal). */
  age: number;
  idNumberMasked: string;
  phoneMasked: string | null;
  politicalStatus: PoliticalStatus;
  org: { code: string; name: string } | null;
  joinedOn: string | null;
  memberNo: string | null;
}

export interface Person extends PersonSummary {
  ethnicity: string | null;
  education: string | null;
  workplace: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PersonInput {
  idNumber?: string;
  name: string;
  gender?: '男' | '女' | null;
  birthDate?: string | null;
  ethnicity?: string | null;
  phone?: string | null;
  politicalStatus: PoliticalStatus;
  orgCode?: string | null;
  joinedOn?: string | null;
  memberNo?: string | null;
  education?: string | null;
  workplace?: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

export interface ImportColumn {
  header: string;
  key: string;
  required: boolean;
  format: string | null;
}

export interface ImportKind {
  kind: string;
  label: string;
  columns: ImportColumn[];
}

export interface Problem {
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

export interface ImportResult {
  importId: string | number;
  kind: string;
  fileName: string;
  dryRun: boolean;
  inserted: number;
  updated: number;
  unchanged: number;
  rows: number;
  warnings: Problem[];
}

/** An upload in the import queue (GET /imports → jobs): 排队中, 导入中, or 已中断 within the last day. */
export interface ImportJob {
  id: number;
  kind: string;
  fileName: string;
  dryRun: boolean;
  state: 'queued' | 'running' | 'interrupted' | 'done' | 'failed';
  stateLabel: string;
  /** Imports that start before this one (running, and queued before it). */
  ahead: number;
  username: string | null;
  mine: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  summary: string | null;
  /** The import record of an ended job. */
  importId: number | null;
  /** A running job's figures, told at most every half second; null before the first. */
  progress: ImportJobProgress | null;
}

export interface ImportJobProgress {
  phase: 'reading' | 'importing' | 'committing';
  phaseLabel: string;
  read: number;
  checked: number;
  written: number;
  /** Estimated data rows in the file; null when it cannot be told. */
  total: number | null;
  etaSeconds: number | null;
  at: string;
}

export interface ImportRecord {
  id: string | number;
  kind: string;
  fileName: string;
  checksum: string;
  dryRun: boolean;
  status: string;
  inserted: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  warningCount: number;
  username: string;
  createdAt: string;
}

export type AuditAction =
  | 'create'
  | 'update'
  | 'move'
  | 'revoke'
  | 'import'
  | 'export'
  | 'reveal'
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'grant_confidential'
  | 'password_change'
  | 'password_reset'
  | 'disable'
  | 'enable';

export interface AuditEntry {
  id: string | number;
  at: string;
  username: string | null;
  action: string;
  /** 中文 (issue 17 item 13). */
  actionLabel?: string;
  entity: string | null;
  entityLabel?: string | null;
  entityId: string | null;
  orgCode: string | null;
  summary: string | null;
  ip: string | null;
}

export interface User {
  id: string | number;
  username: string;
  displayName: string;
  org: { code: string; name: string };
  roles: string[];
  status: string;
}

export interface UserInput {
  username: string;
  password: string;
  displayName: string;
  orgCode: string;
  roles: string[];
  /** Links the login to a registered person (counsellor, young person). */
  idNumber?: string;
}
