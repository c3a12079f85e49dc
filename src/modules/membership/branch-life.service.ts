import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { addDays, addYears, today } from '../../lib/dates.ts';
import { ValidationError } from '../../lib/errors.ts';
import { branchVoteMeetings } from '../admission/admission.votes.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import {
  findAbsencesUnder,
  findAttachmentsOf,
  findAttachmentsUnder,
  findAttendees,
  findElectionsUnder,
  findMeetingById,
  findMeetingsUnder,
  insertElection,
  insertMeeting,
} from './branch-life.repository.ts';
import type { MeetingsQuery, NewElection, NewMeeting } from './branch-life.schemas.ts';
import { findBranchesUnder, findMembersOfOrg } from './members.repository.ts';
import { assertDate, requireBranchInScope, xlsxOf } from './membership.common.ts';
import { MEETING_KINDS, type MeetingKind, STUDENT_DOMAINS } from './membership.labels.ts';

/** DOMAIN.md: a branch with 7+ members elects a committee of 3–5; smaller ones have only a secretary. */
export const COMMITTEE_THRESHOLD = 7;
export const TERM_REMINDER_DAYS = 90;

export async function recordMeeting(ctx: AppContext, actor: Actor, input: NewMeeting) {
  assertCan(actor, 'person.write');
  assertDate('heldOn', input.heldOn);
  if (input.heldOn > today()) throw ValidationError.field('heldOn', input.heldOn, '会议日期不能晚于今天');
  const topic = input.topic.trim();
  if (!topic) throw ValidationError.field('topic', input.topic, '请填写会议主题');
  return ctx.db.transaction().execute(async (trx) => {
    const branch = await requireBranchInScope(trx, actor, input.branchCode);
    // Who was a member of the branch on the day: those who joined later neither attended nor were expected.
    const members = (await findMembersOfOrg(trx, branch.id)).filter(
      (m) => !m.joined_on || m.joined_on <= input.heldOn,
    );
    const ids = new Set(members.map((m) => m.id));
    const attendees = [...new Set(input.attendeeIds)];
    const strangers = attendees.filter((id) => !ids.has(id));
    if (strangers.length > 0)
      throw ValidationError.field(
        'attendeeIds',
        strangers.join(','),
        `出席人员 ${strangers.join('、')} 在 ${input.heldOn} 不是 ${branch.name} 的团员`,
      );
    const present = new Set(attendees);
    const now = nowIso();
    const id = await insertMeeting(
      trx,
      {
        org_id: branch.id,
        org_path: branch.path,
        kind: input.kind,
        held_on: input.heldOn,
        topic,
        minutes: input.minutes?.trim() || null,
        expected_count: members.length,
        attended_count: attendees.length,
        created_at: now,
        updated_at: now,
      },
      // The whole roll of the day, so the record says who was absent (issue 17, item 11).
      members.map((m) => ({ personId: m.id, present: present.has(m.id) })),
    );
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'branch_meeting',
      entityId: id,
      org: { path: branch.path, code: branch.code },
      summary: `${branch.name} ${input.heldOn} ${MEETING_KINDS[input.kind as MeetingKind]}「${topic}」，应到 ${members.length} 人，实到 ${attendees.length} 人`,
    });
    return getMeeting(ctx, actor, id, trx);
  });
}

type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeetingById>>>;
type Attachment = Awaited<ReturnType<typeof findAttachmentsOf>>[number];
type VoteMeeting = Awaited<ReturnType<typeof branchVoteMeetings>>[number];

const presentAttachment = (a: Attachment) => ({
  id: a.id,
  name: a.original_name,
  mimeType: a.mime_type,
  bytes: a.bytes,
});

function presentMeeting(m: MeetingRow, vote?: VoteMeeting) {
  return {
    id: m.id,
    kind: m.kind,
    heldOn: m.held_on,
    topic: m.topic,
    minutes: m.minutes,
    expected: m.expected_count,
    attended: m.attended_count,
    branch: { code: m.org_code, name: m.org_name },
    admissionCandidates: vote?.candidates ?? 0,
  };
}

/** A vote meeting recorded only through 发展团员 (no meeting record of that branch and day): listed as a 支部大会. */
function presentVoteMeeting(v: VoteMeeting) {
  return {
    id: null,
    kind: 'general_meeting',
    heldOn: v.heldOn,
    topic: `发展团员表决（${v.candidates} 名发展对象）`,
    minutes: null,
    expected: v.expected,
    attended: v.attended,
    branch: { code: v.orgCode, name: v.orgName },
    admissionCandidates: v.candidates,
  };
}

const dayKey = (orgCode: string | null, heldOn: string) => `${orgCode}:${heldOn}`;

/**
 * The year's meetings of the subtree with the admission votes merged in: a vote held the day the branch recorded a
 * 支部大会 is that meeting (not a second row); one with no such record is a 支部大会 of its own.
 */
async function meetingsOfYear(ctx: AppContext, path: string, year: number) {
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  const [rows, votes] = await Promise.all([
    findMeetingsUnder(ctx.db, path, from, to),
    branchVoteMeetings(ctx.db, path, from, to),
  ]);
  const voteByDay = new Map(votes.map((v) => [dayKey(v.orgCode, v.heldOn), v]));
  const recorded = rows.map((m) => {
    const key = dayKey(m.org_code, m.held_on);
    const vote = m.kind === 'general_meeting' ? voteByDay.get(key) : undefined;
    if (vote) voteByDay.delete(key);
    return presentMeeting(m, vote);
  });
  const items = [...recorded, ...[...voteByDay.values()].map(presentVoteMeeting)];
  items.sort((a, b) => b.heldOn.localeCompare(a.heldOn) || (b.id ?? 0) - (a.id ?? 0));
  return items;
}

export async function getMeeting(ctx: AppContext, actor: Actor, id: number, db = ctx.db) {
  assertCan(actor, 'person.read');
  const m = await findInReach(actor, findMeetingById(db, id), (r) => r.org_path, '会议记录不存在');
  const [roll, attachments, votes] = await Promise.all([
    findAttendees(db, id),
    findAttachmentsOf(db, id),
    m.kind === 'general_meeting' ? branchVoteMeetings(db, m.org_path, m.held_on, m.held_on) : [],
  ]);
  return {
    ...presentMeeting(
      m,
      votes.find((v) => v.orgCode === m.org_code),
    ),
    attendees: roll.filter((r) => r.present).map((r) => ({ id: r.id, name: r.name })),
    absentees: roll.filter((r) => !r.present).map((r) => ({ id: r.id, name: r.name })),
    attachments: attachments.map(presentAttachment),
  };
}

export async function listMeetings(ctx: AppContext, actor: Actor, query: MeetingsQuery) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const year = query.year ?? Number(today().slice(0, 4));
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  const [items, absences, attachments] = await Promise.all([
    meetingsOfYear(ctx, org.path, year),
    findAbsencesUnder(ctx.db, org.path, from, to),
    findAttachmentsUnder(ctx.db, org.path, from, to),
  ]);
  const absent = new Map<number, string[]>();
  for (const a of absences) absent.set(a.meeting_id, [...(absent.get(a.meeting_id) ?? []), a.name]);
  const files = new Map<number, ReturnType<typeof presentAttachment>[]>();
  for (const a of attachments)
    files.set(a.meeting_id, [...(files.get(a.meeting_id) ?? []), presentAttachment(a)]);
  return {
    year,
    items: items.map((m) => ({
      ...m,
      absentNames: m.id ? (absent.get(m.id) ?? []) : [],
      attachments: m.id ? (files.get(m.id) ?? []) : [],
    })),
  };
}

/**
 * Each branch's meetings of a year against 三会两制一课: 支部大会 and 团课 about quarterly, 支委会 monthly
 * (only where a committee exists, 7+ members). Expected counts run to the last completed month.
 */
export async function meetingRhythm(ctx: AppContext, actor: Actor, query: MeetingsQuery) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const now = today();
  const year = query.year ?? Number(now.slice(0, 4));
  const months =
    year < Number(now.slice(0, 4)) ? 12 : year > Number(now.slice(0, 4)) ? 0 : Number(now.slice(5, 7)) - 1;
  const [branches, meetings] = await Promise.all([
    findBranchesUnder(ctx.db, org.path),
    meetingsOfYear(ctx, org.path, year),
  ]);
  // The admission vote meetings count as 支部大会 (once per branch and day, merged in meetingsOfYear).
  const counts = new Map<string, number>();
  for (const m of meetings)
    counts.set(`${m.branch.code}:${m.kind}`, (counts.get(`${m.branch.code}:${m.kind}`) ?? 0) + 1);
  const items = branches.map((b) => {
    const hasCommittee = Number(b.members) >= COMMITTEE_THRESHOLD;
    const expected: Record<MeetingKind, number> = {
      general_meeting: Math.floor(months / 3),
      committee_meeting: hasCommittee ? months : 0,
      group_meeting: 0,
      league_class: Math.floor(months / 3),
      theme_day: 0,
    };
    const held = Object.fromEntries(
      (Object.keys(MEETING_KINDS) as MeetingKind[]).map((k) => [k, counts.get(`${b.code}:${k}`) ?? 0]),
    ) as Record<MeetingKind, number>;
    const behind = (Object.keys(expected) as MeetingKind[]).filter((k) => held[k] < expected[k]);
    return { branch: { code: b.code, name: b.name }, members: Number(b.members), held, expected, behind };
  });
  return { year, monthsCounted: months, items };
}

export async function recordElection(ctx: AppContext, actor: Actor, input: NewElection) {
  assertCan(actor, 'person.write');
  assertDate('heldOn', input.heldOn);
  if (input.heldOn > today()) throw ValidationError.field('heldOn', input.heldOn, '换届日期不能晚于今天');
  return ctx.db.transaction().execute(async (trx) => {
    const branch = await requireBranchInScope(trx, actor, input.branchCode);
    const student = STUDENT_DOMAINS.includes(branch.domain);
    if (student && input.termYears !== 1)
      throw ValidationError.field('termYears', input.termYears, '学生团支部每届任期为1年');
    if (!student && (input.termYears < 2 || input.termYears > 3))
      throw ValidationError.field('termYears', input.termYears, '团支部每届任期为2至3年');
    const members = (await findMembersOfOrg(trx, branch.id)).length;
    if (members >= COMMITTEE_THRESHOLD && (input.committeeSize < 3 || input.committeeSize > 5))
      throw ValidationError.field(
        'committeeSize',
        input.committeeSize,
        `团员 ${members} 人，应选举3至5人组成支部委员会`,
      );
    if (members < COMMITTEE_THRESHOLD && input.committeeSize !== 1)
      throw ValidationError.field(
        'committeeSize',
        input.committeeSize,
        `团员不足7人（${members} 人），只设书记一人`,
      );
    const now = nowIso();
    const termEndsOn = addYears(input.heldOn, input.termYears);
    const id = await insertElection(trx, {
      org_id: branch.id,
      org_path: branch.path,
      held_on: input.heldOn,
      term_years: input.termYears,
      term_ends_on: termEndsOn,
      secretary_name: input.secretaryName.trim(),
      committee_size: input.committeeSize,
      note: input.note?.trim() || null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'branch_election',
      entityId: id,
      org: { path: branch.path, code: branch.code },
      summary: `${branch.name} ${input.heldOn} 换届，书记 ${input.secretaryName.trim()}，任期至 ${termEndsOn}`,
    });
    return { id, termEndsOn };
  });
}

export async function listElections(ctx: AppContext, actor: Actor, orgCode?: string) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  return {
    items: (await findElectionsUnder(ctx.db, org.path)).map((e) => ({
      id: e.id,
      branch: { code: e.org_code, name: e.org_name },
      heldOn: e.held_on,
      termYears: e.term_years,
      termEndsOn: e.term_ends_on,
      secretaryName: e.secretary_name,
      committeeSize: e.committee_size,
      note: e.note,
    })),
  };
}

/**
 * The day of each org's latest 换届 held by `on` (orgs under the path). Branch secretaries are often recorded only
 * at the election, not as cadre posts; the cadre reminders count the one elected as sitting until a later record
 * says otherwise. A term run out is 任期已满 (termReminders), not a vacancy: the secretary serves until the 换届.
 */
export async function latestElectionDays(ctx: AppContext, orgPath: string, on: string) {
  const latest = latestElectionByOrg(await findElectionsUnder(ctx.db, orgPath), on);
  return new Map([...latest].map(([orgId, e]) => [orgId, e.held_on]));
}

type ElectionRow = Awaited<ReturnType<typeof findElectionsUnder>>[number];

/** Each org's latest election held by `on`; the rows come newest first. */
function latestElectionByOrg(elections: ElectionRow[], on: string) {
  const latest = new Map<number, ElectionRow>();
  for (const e of elections) if (e.held_on <= on && !latest.has(e.org_id)) latest.set(e.org_id, e);
  return latest;
}

/** Branches whose term ends within the notice, has ended, or that have no election on record. */
export async function termReminders(ctx: AppContext, actor: Actor, orgCode?: string, within?: number) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  const now = today();
  const horizon = addDays(now, within ?? TERM_REMINDER_DAYS);
  const [branches, elections] = await Promise.all([
    findBranchesUnder(ctx.db, org.path),
    findElectionsUnder(ctx.db, org.path),
  ]);
  const latest = latestElectionByOrg(elections, now);
  const items = [];
  for (const b of branches) {
    const e = latest.get(b.id);
    const status = !e ? 'none' : e.term_ends_on < now ? 'expired' : e.term_ends_on <= horizon ? 'due' : null;
    if (!status) continue;
    items.push({
      branch: { code: b.code, name: b.name },
      status,
      termEndsOn: e?.term_ends_on ?? null,
      secretaryName: e?.secretary_name ?? null,
    });
  }
  return { horizon, items };
}

/** The rhythm table as xlsx: held / expected of each kind per branch; audited. */
export async function exportRhythm(ctx: AppContext, actor: Actor, query: MeetingsQuery): Promise<Buffer> {
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const { year, items } = await meetingRhythm(ctx, actor, query);
  const kinds = Object.keys(MEETING_KINDS) as MeetingKind[];
  const file = await xlsxOf(
    '组织生活',
    [
      { header: '团支部', key: 'branch', width: 36 },
      { header: '团员数', key: 'members' },
      ...kinds.map((k) => ({ header: `${MEETING_KINDS[k]}（已开/应开）`, key: k, width: 18 })),
      { header: '不足', key: 'behind', width: 24 },
    ],
    items.map((i) => ({
      branch: i.branch.name,
      members: i.members,
      ...Object.fromEntries(kinds.map((k) => [k, `${i.held[k]} / ${i.expected[k]}`])),
      behind: i.behind.map((k) => MEETING_KINDS[k]).join('、'),
    })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'branch_meeting',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} ${year} 年组织生活情况 ${items.length} 个团支部`,
  });
  return file;
}
