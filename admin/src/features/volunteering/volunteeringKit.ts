/** The shapes /api/volunteering answers with (src/modules/volunteering). */
export interface Activity {
  id: number;
  code: string;
  title: string;
  category: string | null;
  orgCode: string;
  orgName: string;
  place: string | null;
  regionName: string | null;
  startsAt: string;
  endsAt: string;
  startDate: string;
  capacity: number | null;
  signupOpensAt: string | null;
  signupClosesAt: string | null;
  description: string | null;
  contact: string | null;
  campaignTitle: string | null;
  rule: { minMinutes: number; minSharePercent: number; roundingMinutes: number };
  signedUp: number;
  records: number;
  hours: number;
}

export interface Enrolment {
  id: number;
  personId: number;
  name: string;
  idNumberMasked: string;
  status: string;
  signedUpAt: string;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  method: string | null;
  enteredBy: string | null;
  reason: string | null;
  hours: number | null;
  decision: string | null;
  decidedBy: string | null;
  recordId: number | null;
}

export interface Figures {
  events: number;
  participations: number;
  volunteers: number;
  hours: number;
}

export interface Certificate {
  number: string;
  name: string;
  idType: string;
  idNumberMasked: string;
  volunteerNo: string;
  periodFrom: string;
  periodTo: string;
  hours: number;
  activityCount: number;
  content: string;
  issuerName: string;
  contact: string;
  issuedOn: string;
  verifyPath: string;
}

/** `2026-03-05 09:00` in Beijing time. */
export function beijing(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const SOURCE_LABELS: Record<string, string> = {
  import: '导入',
  checkin: '扫码签到',
  manual: '手工补录',
  correction: '更正',
};
