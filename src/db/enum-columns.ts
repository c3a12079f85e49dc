import * as L from '../shared/labels.ts';
import type { Database } from './schema.ts';

type Column = { [T in keyof Database]: { table: T; column: keyof Database[T] & string } }[keyof Database];

/**
 * The columns that store a code (or a fixed word) and the labels they are shown by (src/shared/labels.ts). The
 * demo seed's test reads every value stored in each and fails on one without its label.
 */
export const ENUM_COLUMNS: (Column & { labels: Readonly<Record<string, string>> | readonly string[] })[] = [
  { table: 'people', column: 'political_status', labels: L.POLITICAL_STATUSES },
  { table: 'orgs', column: 'kind', labels: L.ORG_KINDS },
  { table: 'orgs', column: 'level', labels: L.ORG_LEVELS },
  { table: 'orgs', column: 'domain', labels: L.ORG_DOMAINS },
  { table: 'orgs', column: 'status', labels: L.ORG_STATUSES },
  { table: 'regions', column: 'level', labels: L.REGION_LEVELS },
  { table: 'user_roles', column: 'role', labels: L.ROLE_LABELS },
  { table: 'users', column: 'status', labels: L.USER_STATUSES },
  { table: 'admissions', column: 'status', labels: L.ADMISSION_STATUSES },
  { table: 'admissions', column: 'recommended_by', labels: L.RECOMMENDED_BY },
  { table: 'member_transfers', column: 'reason', labels: L.TRANSFER_REASONS },
  { table: 'member_transfers', column: 'initiated_by', labels: L.TRANSFER_INITIATORS },
  { table: 'member_transfers', column: 'status', labels: L.TRANSFER_STATUSES },
  { table: 'member_evaluations', column: 'grade', labels: L.GRADES },
  { table: 'dues_bases', column: 'category', labels: L.DUES_CATEGORIES },
  { table: 'branch_meetings', column: 'kind', labels: L.MEETING_KINDS },
  { table: 'member_departures', column: 'reason', labels: L.DEPARTURE_REASONS },
  { table: 'lapse_cases', column: 'status', labels: L.LAPSE_STATUSES },
  { table: 'cadre_posts', column: 'title', labels: L.CADRE_TITLES },
  { table: 'cadre_posts', column: 'mode', labels: L.CADRE_MODES },
  { table: 'cadre_posts', column: 'source', labels: L.CADRE_SOURCES },
  { table: 'attendance', column: 'result', labels: L.ATTENDANCE_RESULTS },
  { table: 'venues', column: 'kind', labels: L.VENUE_KINDS },
  { table: 'venues', column: 'status', labels: L.VENUE_STATUSES },
  { table: 'consultations', column: 'risk', labels: L.RISK_LEVELS },
  { table: 'consultations', column: 'channel', labels: L.CONSULTATION_CHANNELS },
  { table: 'internship_posts', column: 'program', labels: L.INTERNSHIP_PROGRAMS },
  { table: 'internship_placements', column: 'status', labels: L.PLACEMENT_STATUSES },
  { table: 'internship_applications', column: 'status', labels: L.APPLICATION_STATUSES },
  { table: 'funds', column: 'program', labels: L.FUND_PROGRAMS },
  { table: 'funds', column: 'source', labels: L.FUND_SOURCES },
  { table: 'donations', column: 'program', labels: L.AID_PROGRAMS },
  { table: 'donations', column: 'donor_kind', labels: L.DONOR_KINDS },
  { table: 'grants', column: 'program', labels: L.AID_PROGRAMS },
  { table: 'notifications', column: 'channel', labels: L.NOTIFICATION_CHANNELS },
  { table: 'notifications', column: 'kind', labels: L.NOTIFICATION_KINDS },
  { table: 'notifications', column: 'state', labels: L.NOTIFICATION_STATES },
  { table: 'notification_opt_outs', column: 'channel', labels: L.NOTIFICATION_CHANNELS },
  { table: 'notification_opt_outs', column: 'kind', labels: L.NOTIFICATION_KINDS },
];

/** Whether a stored value has its label: a key of a code's labels, or one of the fixed words. */
export function hasLabel(
  labels: Readonly<Record<string, string>> | readonly string[],
  value: string,
): boolean {
  return Array.isArray(labels) ? labels.includes(value) : Object.hasOwn(labels, value);
}
