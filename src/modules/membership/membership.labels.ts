import {
  DEPARTURE_REASONS,
  DUES_CATEGORIES,
  GRADES,
  LAPSE_STATUSES,
  MEETING_KINDS,
  TRANSFER_INITIATORS,
  TRANSFER_REASONS,
  TRANSFER_STATUSES,
} from '../../shared/labels.ts';

/** The stored codes' labels live in src/shared/labels.ts, shared with the admin. */
export {
  DEPARTURE_REASONS,
  DUES_CATEGORIES,
  GRADES,
  LAPSE_STATUSES,
  MEETING_KINDS,
  TRANSFER_INITIATORS,
  TRANSFER_REASONS,
  TRANSFER_STATUSES,
};

export type TransferReason = keyof typeof TRANSFER_REASONS;

export type TransferInitiator = keyof typeof TRANSFER_INITIATORS;

export type TransferStatus = keyof typeof TRANSFER_STATUSES;
export const IN_FLIGHT: TransferStatus[] = ['pending_release', 'pending_acceptance'];

export type Grade = keyof typeof GRADES;

export type DuesCategory = keyof typeof DUES_CATEGORIES;

export type MeetingKind = keyof typeof MEETING_KINDS;

export type DepartureReason = keyof typeof DEPARTURE_REASONS;

/** 所属领域 whose branches are student branches: their term is one year (DOMAIN.md "Organisations"). */
export const STUDENT_DOMAINS = ['高校', '中职', '中学'];
