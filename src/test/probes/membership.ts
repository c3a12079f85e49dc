import { makeIdNumber } from '../../lib/id-number.ts';
import { systemActor } from '../../modules/auth/auth.policy.ts';
import { recordElection, recordMeeting } from '../../modules/membership/branch-life.service.ts';
import { proposeLapse } from '../../modules/membership/departures.service.ts';
import { setDuesBasis } from '../../modules/membership/dues.service.ts';
import { attachToMeeting } from '../../modules/membership/meeting-attachments.service.ts';
import { createCampaign } from '../../modules/membership/registration.service.ts';
import { saveSelfScore, saveStarChecklist } from '../../modules/membership/star-rating.service.ts';
import { startTransfer } from '../../modules/membership/transfers.service.ts';
import type { TestContext } from '../db.ts';

type Expectation = 'denied' | 'own';
interface Probe {
  url: string;
  payload?: object;
  expect: Expectation;
  why?: string;
}

/**
 * SL-A's membership records for the scope walk (src/server/scope.integration.test.ts), made through the
 * services: a transfer, a registration campaign, a meeting, an election, a star checklist with a branch's
 * self-score, a lapse case. Their ids replace `:transfer`, `:campaign`, `:meeting`, `:checklist`, `:lapse`.
 */
export async function seedMembershipProbeRecords(
  ctx: TestContext,
  slAPerson: number,
): Promise<Record<string, number>> {
  const system = systemActor('测试');
  await setDuesBasis(ctx, system, slAPerson, { category: 'salaried', monthlyIncome: '6000' });
  const lapse = await proposeLapse(ctx, system, {
    personId: slAPerson,
    votedOn: '2026-01-10',
    note: '甲县脱团',
  });
  const transfer = await startTransfer(ctx, system, {
    personId: slAPerson,
    toOrgCode: 'SL-A-T1',
    reason: 'work',
  });
  const campaign = await createCampaign(ctx, system, {
    orgCode: 'SL-A',
    year: 2026,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
  });
  const meeting = await recordMeeting(ctx, system, {
    branchCode: 'SL-A-T1-V1',
    kind: 'general_meeting',
    heldOn: '2026-03-01',
    topic: '甲县支部大会',
    attendeeIds: [slAPerson],
  });
  await recordElection(ctx, system, {
    branchCode: 'SL-A-T1-V1',
    heldOn: '2025-03-01',
    termYears: 2,
    secretaryName: '甲县书记',
    committeeSize: 1,
  });
  const file = await attachToMeeting(ctx, system, meeting.id!, async () => ({
    name: '签到表.pdf',
    content: Buffer.from('%PDF-1.4\n%%EOF\n'),
    truncated: false,
  }));
  const checklist = await saveStarChecklist(ctx, system, {
    orgCode: 'SL-A',
    year: 2026,
    items: [{ code: 'a', label: '甲县标准', points: 100 }],
  });
  await saveSelfScore(ctx, system, checklist.id, 'SL-A-T1-V1', { scores: { a: 90 } });
  return {
    ':transfer': transfer.id,
    ':campaign': campaign.id,
    ':meeting': meeting.id,
    ':checklist': checklist.id,
    ':lapse': lapse.id,
    ':meetingFile': file.id,
  };
}

/** SL-A's person in payloads: the walk builds 甲县张三 first, so he is person 1. */
const P = 1;
const M = '/api/membership';

export const MEMBERSHIP_PROBES: Record<string, Probe[]> = {
  [`GET ${M}/transfers`]: [
    { url: `${M}/transfers?org=SL-A`, expect: 'denied' },
    { url: `${M}/transfers?org=SL-A-T1&direction=incoming`, expect: 'denied' },
    {
      url: `${M}/transfers?direction=incoming`,
      expect: 'own',
      why: 'transfers addressed to his own county only',
    },
  ],
  [`GET ${M}/transfers/destinations`]: [
    {
      url: `${M}/transfers/destinations?q=${encodeURIComponent('甲县')}`,
      expect: 'own',
      why: 'receiving organisations of his own county only',
    },
  ],
  [`GET ${M}/transfers/export`]: [
    { url: `${M}/transfers/export?org=SL-A`, expect: 'denied' },
    { url: `${M}/transfers/export?org=SL-A-T1&direction=incoming`, expect: 'denied' },
  ],
  [`POST ${M}/transfers`]: [
    { url: `${M}/transfers`, payload: { personId: P, toOrgCode: 'SL-B', reason: 'work' }, expect: 'denied' },
    {
      url: `${M}/transfers`,
      payload: {
        idNumber: makeIdNumber('419901', '2003-09-09', 1),
        name: '甲县张三',
        toOrgCode: 'SL-A-T1',
        reason: 'work',
      },
      expect: 'denied',
    },
  ],
  [`GET ${M}/transfers/:id`]: [{ url: `${M}/transfers/:transfer`, expect: 'denied' }],
  [`POST ${M}/transfers/:id/release`]: [{ url: `${M}/transfers/:transfer/release`, expect: 'denied' }],
  [`POST ${M}/transfers/:id/accept`]: [
    { url: `${M}/transfers/:transfer/accept`, payload: { branchCode: 'SL-A-T1-V1' }, expect: 'denied' },
  ],
  [`POST ${M}/transfers/:id/decline`]: [
    { url: `${M}/transfers/:transfer/decline`, payload: { reason: '越界' }, expect: 'denied' },
  ],
  [`POST ${M}/transfers/:id/cancel`]: [{ url: `${M}/transfers/:transfer/cancel`, expect: 'denied' }],
  [`GET ${M}/campaigns`]: [
    { url: `${M}/campaigns?org=SL-A`, expect: 'denied' },
    {
      url: `${M}/campaigns`,
      expect: 'own',
      why: 'campaigns of his subtree and of the organisations above him',
    },
  ],
  [`POST ${M}/campaigns`]: [
    {
      url: `${M}/campaigns`,
      payload: { orgCode: 'SL-A', year: 2027, startsOn: '2027-01-01', endsOn: '2027-03-31' },
      expect: 'denied',
    },
  ],
  [`GET ${M}/campaigns/:id/progress`]: [
    { url: `${M}/campaigns/:campaign/progress`, expect: 'denied' },
    { url: `${M}/campaigns/:campaign/progress?org=SL-A`, expect: 'denied' },
  ],
  [`GET ${M}/campaigns/:id/progress/export`]: [
    { url: `${M}/campaigns/:campaign/progress/export`, expect: 'denied' },
  ],
  [`GET ${M}/campaigns/:id/branches/:code`]: [
    { url: `${M}/campaigns/:campaign/branches/SL-A-T1-V1`, expect: 'denied' },
  ],
  [`PUT ${M}/campaigns/:id/branches/:code`]: [
    {
      url: `${M}/campaigns/:campaign/branches/SL-A-T1-V1`,
      payload: { meetingOn: '2026-06-01', items: [{ personId: P, grade: 'qualified', attended: true }] },
      expect: 'denied',
    },
  ],
  [`GET ${M}/dues`]: [{ url: `${M}/dues?org=SL-A`, expect: 'denied' }],
  [`PUT ${M}/dues/bases/:personId`]: [
    { url: `${M}/dues/bases/:person`, payload: { category: 'student' }, expect: 'denied' },
  ],
  [`POST ${M}/dues/payments`]: [
    {
      url: `${M}/dues/payments`,
      payload: { branchCode: 'SL-A-T1-V1', month: '2026-01', paidOn: '2026-01-05', items: [{ personId: P }] },
      expect: 'denied',
    },
  ],
  [`GET ${M}/dues/arrears`]: [{ url: `${M}/dues/arrears?org=SL-A`, expect: 'denied' }],
  [`GET ${M}/dues/arrears/export`]: [{ url: `${M}/dues/arrears/export?org=SL-A`, expect: 'denied' }],
  [`GET ${M}/ageing-out`]: [{ url: `${M}/ageing-out?org=SL-A&until=2100-01-01`, expect: 'denied' }],
  [`GET ${M}/ageing-out/export`]: [
    { url: `${M}/ageing-out/export?org=SL-A&until=2100-01-01`, expect: 'denied' },
  ],
  [`GET ${M}/departures`]: [{ url: `${M}/departures?org=SL-A`, expect: 'denied' }],
  [`POST ${M}/departures`]: [
    {
      url: `${M}/departures`,
      payload: { personIds: [P], reason: 'other', leftOn: '2026-01-01', note: '越界' },
      expect: 'denied',
    },
  ],
  [`GET ${M}/lapses/flags`]: [{ url: `${M}/lapses/flags?org=SL-A`, expect: 'denied' }],
  [`GET ${M}/lapses`]: [{ url: `${M}/lapses?org=SL-A`, expect: 'denied' }],
  [`POST ${M}/lapses`]: [
    { url: `${M}/lapses`, payload: { personId: P, votedOn: '2026-01-01' }, expect: 'denied' },
  ],
  [`POST ${M}/lapses/:id/decide`]: [
    { url: `${M}/lapses/:lapse/decide`, payload: { approve: true }, expect: 'denied' },
  ],
  [`GET ${M}/meetings`]: [{ url: `${M}/meetings?org=SL-A&year=2026`, expect: 'denied' }],
  [`POST ${M}/meetings`]: [
    {
      url: `${M}/meetings`,
      payload: {
        branchCode: 'SL-A-T1-V1',
        kind: 'league_class',
        heldOn: '2026-01-01',
        topic: '越界',
        attendeeIds: [],
      },
      expect: 'denied',
    },
  ],
  [`GET ${M}/meetings/:id`]: [{ url: `${M}/meetings/:meeting`, expect: 'denied' }],
  [`POST ${M}/meetings/:id/attachments`]: [{ url: `${M}/meetings/:meeting/attachments`, expect: 'denied' }],
  [`GET ${M}/meetings/:id/attachments/:attachmentId`]: [
    { url: `${M}/meetings/:meeting/attachments/:meetingFile`, expect: 'denied' },
  ],
  [`GET ${M}/meetings-rhythm`]: [{ url: `${M}/meetings-rhythm?org=SL-A`, expect: 'denied' }],
  [`GET ${M}/meetings-rhythm/export`]: [{ url: `${M}/meetings-rhythm/export?org=SL-A`, expect: 'denied' }],
  [`GET ${M}/elections`]: [{ url: `${M}/elections?org=SL-A`, expect: 'denied' }],
  [`POST ${M}/elections`]: [
    {
      url: `${M}/elections`,
      payload: {
        branchCode: 'SL-A-T1-V1',
        heldOn: '2026-01-01',
        termYears: 2,
        secretaryName: '越界',
        committeeSize: 1,
      },
      expect: 'denied',
    },
  ],
  [`GET ${M}/elections/reminders`]: [{ url: `${M}/elections/reminders?org=SL-A`, expect: 'denied' }],
  [`GET ${M}/star-checklists`]: [
    { url: `${M}/star-checklists?org=SL-A`, expect: 'denied' },
    {
      url: `${M}/star-checklists`,
      expect: 'own',
      why: 'checklists of his subtree and of the organisations above him',
    },
  ],
  [`PUT ${M}/star-checklists`]: [
    {
      url: `${M}/star-checklists`,
      payload: { orgCode: 'SL-A', year: 2027, items: [{ code: 'a', label: '越界', points: 100 }] },
      expect: 'denied',
    },
  ],
  [`GET ${M}/star-checklists/:id/ratings`]: [
    { url: `${M}/star-checklists/:checklist/ratings`, expect: 'denied' },
  ],
  [`GET ${M}/star-checklists/:id/ratings/export`]: [
    { url: `${M}/star-checklists/:checklist/ratings/export`, expect: 'denied' },
  ],
  [`PUT ${M}/star-checklists/:id/branches/:code`]: [
    {
      url: `${M}/star-checklists/:checklist/branches/SL-A-T1-V1`,
      payload: { scores: { a: 100 } },
      expect: 'denied',
    },
  ],
  [`POST ${M}/star-checklists/:id/branches/:code/review`]: [
    {
      url: `${M}/star-checklists/:checklist/branches/SL-A-T1-V1/review`,
      payload: { stars: 5 },
      expect: 'denied',
    },
  ],
  [`GET ${M}/coverage`]: [{ url: `${M}/coverage?org=SL-A`, expect: 'denied' }],
  [`GET ${M}/coverage/export`]: [{ url: `${M}/coverage/export?org=SL-A`, expect: 'denied' }],
  [`GET ${M}/people/:id/life`]: [{ url: `${M}/people/:person/life`, expect: 'denied' }],
};

/** Replaces the membership placeholders of a probe's url with the seeded ids. */
export function membershipProbeUrl(url: string, ids: Record<string, number>): string {
  return url.replace(/:transfer|:campaign|:meetingFile|:meeting|:checklist|:lapse/g, (k) => String(ids[k]));
}
