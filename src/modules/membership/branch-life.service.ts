import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { today } from '../../lib/dates.ts';
import { ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import {
  findAttendees,
  findElectionsUnder,
  findMeetingById,
  findMeetingsUnder,
  insertElection,
  insertMeeting,
} from './branch-life.repository.ts';
import type { MeetingsQuery, NewElection, NewMeeting } from './branch-life.schemas.ts';
import { findBranchesUnder, findMembersOfOrg } from './members.repository.ts';
import { addDays, addYears, assertDate, requireBranchInScope, xlsxOf } from './membership.common.ts';
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
      attendees,
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

function presentMeeting(m: NonNullable<Awaited<ReturnType<typeof findMeetingById>>>) {
  return {
    id: m.id,
    kind: m.kind,
    heldOn: m.held_on,
    topic: m.topic,
    minutes: m.minutes,
    expected: m.expected_count,
    attended: m.attended_count,
    branch: { code: m.org_code, name: m.org_name },
  };
}

export async function getMeeting(ctx: AppContext, actor: Actor, id: number, db = ctx.db) {
  assertCan(actor, 'person.read');
  const m = await findInReach(actor, findMeetingById(db, id), (r) => r.org_path, '会议记录不存在');
  return { ...presentMeeting(m), attendees: await findAttendees(db, id) };
}

export async function listMeetings(ctx: AppContext, actor: Actor, query: MeetingsQuery) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const year = query.year ?? Number(today().slice(0, 4));
  const rows = await findMeetingsUnder(ctx.db, org.path, `${year}-01-01`, `${year}-12-31`);
  return { year, items: rows.map((m) => presentMeeting(m)) };
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
    findMeetingsUnder(ctx.db, org.path, `${year}-01-01`, `${year}-12-31`),
  ]);
  const counts = new Map<string, number>();
  for (const m of meetings)
    counts.set(`${m.org_code}:${m.kind}`, (counts.get(`${m.org_code}:${m.kind}`) ?? 0) + 1);
  const items = branches.map((b) => {
    const hasCommittee = Number(b.members) >= COMMITTEE_THRESHOLD;
    const expected: Record<MeetingKind, number> = {
      general_meeting: Math.floor(months / 3),
      committee_meeting: hasCommittee ? months : 0,
      group_meeting: 0,
      league_class: Math.floor(months / 3),
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
 * Orgs under the path whose latest 换届 held by `on` chose a secretary still in term on `on`. Branch secretaries
 * are often recorded only at the election, not as cadre posts; the cadre reminders count them as sitting.
 */
export async function orgsWithElectedSecretary(ctx: AppContext, orgPath: string, on: string) {
  const latest = latestElectionByOrg(await findElectionsUnder(ctx.db, orgPath), on);
  return new Set([...latest].filter(([, e]) => e.term_ends_on >= on).map(([orgId]) => orgId));
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
