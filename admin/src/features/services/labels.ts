/** The service ledgers' words (DOMAIN.md glossary), from src/shared/labels.ts, the server's own. */
import {
  AID_PROGRAMS,
  APPLICATION_STATUSES,
  CADRE_MODES,
  CADRE_SOURCES,
  CADRE_TITLES,
  CONSULTATION_CHANNELS,
  DONOR_KINDS,
  FUND_PROGRAMS,
  FUND_SOURCES,
  INTERNSHIP_PROGRAMS,
  ORG_LEVELS,
  PLACEMENT_STATUSES,
  RISK_LEVELS,
  VENUE_KINDS,
  VENUE_STATUSES,
} from '@shared/labels';
import type { LabelMap } from '../../app/labels';

export const cadreTitles: LabelMap = CADRE_TITLES;
export const cadreModes: LabelMap = CADRE_MODES;
export const cadreSources = CADRE_SOURCES;
export const venueKinds: LabelMap = VENUE_KINDS;
export const venueStatuses: LabelMap = VENUE_STATUSES;
export const fundPrograms = FUND_PROGRAMS;
export const fundSources = FUND_SOURCES;
export const aidPrograms = AID_PROGRAMS;
export const donorKinds = DONOR_KINDS;
export const riskLevels: LabelMap = RISK_LEVELS;
export const channels = CONSULTATION_CHANNELS;
export const internshipPrograms = INTERNSHIP_PROGRAMS;
export const placementStatuses: LabelMap = PLACEMENT_STATUSES;
export const applicationStatuses: LabelMap = APPLICATION_STATUSES;
export const orgLevels: LabelMap = ORG_LEVELS;
