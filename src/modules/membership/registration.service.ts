import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { today } from '../../lib/dates.ts';
import { ConflictError, type Problem, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach, seesFromBelow } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { findBranchesUnder, findMembersOfOrg } from './members.repository.ts';
import {
  assertDate,
  innerPath,
  requireBranchInScope,
  requireCommitteeInScope,
  xlsxOf,
} from './membership.common.ts';
import { GRADES, type Grade } from './membership.labels.ts';
import {
  ancestorPathsOf,
  type CampaignRow,
  deleteBranchEvaluations,
  findCampaign,
  findCampaignById,
  findCampaignsFor,
  findEvaluationsOfCampaign,
  findEvaluationsOfYear,
  insertCampaign,
  insertEvaluations,
} from './registration.repository.ts';
import type { NewCampaign, RatingsInput } from './registration.schemas.ts';

/** DOMAIN.md: 优秀 at most 30% of a branch's members. */
export const EXCELLENT_SHARE = 0.3;
/** The most members of a branch's evaluated roster who may be graded 优秀 (the form shows it, the save checks it). */
export function excellentCapOf(rated: number): number {
  return Math.floor(rated * EXCELLENT_SHARE);
}

/**
 * Who a branch evaluates at a meeting on a date: its members who had joined by then. Those who joined
 * later are not evaluated this time (nor counted in the shares); the form and the save both use this.
 */
export function rosterOn<M extends { joined_on: string | null }>(members: M[], meetingOn: string) {
  const eligible = members.filter((m) => !m.joined_on || m.joined_on <= meetingOn);
  const late = members.filter((m) => !eligible.includes(m));
  return { eligible, late, excellentCap: excellentCapOf(eligible.length) };
}

/** The meeting date a form opens with: the one recorded, else today kept within the campaign's dates. */
function defaultMeetingOn(c: CampaignRow, recorded: string | undefined): string {
  if (recorded) return recorded;
  const now = today();
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings compare as text; Math.min would turn them into NaN
  return now < c.starts_on ? c.starts_on : now > c.ends_on ? c.ends_on : now;
}

/** Graded 基本合格 or better, a member is registered for the year (团籍注册). */
const REGISTERED_GRADES: Grade[] = ['excellent', 'qualified', 'basically_qualified'];

function presentCampaign(c: CampaignRow) {
  return {
    id: c.id,
    year: c.year,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    org: { code: c.org_code, name: c.org_name },
  };
}

export async function createCampaign(ctx: AppContext, actor: Actor, input: NewCampaign) {
  assertCan(actor, 'org.write');
  assertDate('startsOn', input.startsOn);
  assertDate('endsOn', input.endsOn);
  if (input.endsOn < input.startsOn)
    throw ValidationError.field('endsOn', input.endsOn, '结束日期早于开始日期');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const org = await requireCommitteeInScope(trx, actor, input.orgCode);
    if (await findCampaign(trx, org.id, input.year))
      throw new ConflictError(`${org.name} 已开展 ${input.year} 年度团籍注册和教育评议`);
    // One evaluation per member and year: a committee above or below running the same year would clash.
    const nested = (await findCampaignsFor(trx, org.path, ancestorPathsOf(org.path))).find(
      (c) => c.year === input.year,
    );
    if (nested)
      throw new ConflictError(`${nested.org_name} 已开展 ${input.year} 年度团籍注册和教育评议，范围重叠`);
    const now = nowIso();
    const newId = await insertCampaign(trx, {
      org_id: org.id,
      org_path: org.path,
      year: input.year,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'registration_campaign',
      entityId: newId,
      org: { path: org.path, code: org.code },
      summary: `部署 ${org.name} ${input.year} 年度团籍注册和教育评议`,
    });
    return newId;
  });
  return presentCampaign((await findCampaignById(ctx.db, id))!);
}

export async function listCampaigns(ctx: AppContext, actor: Actor, orgCode?: string) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  return {
    items: (await findCampaignsFor(ctx.db, org.path, ancestorPathsOf(org.path))).map(presentCampaign),
  };
}

async function requireCampaign(ctx: AppContext, actor: Actor, id: number): Promise<CampaignRow> {
  assertCan(actor, 'person.read');
  // A committee's record is seen by its subtree and by those below it (a branch secretary sees his county's).
  const c = await findInReach(
    actor,
    findCampaignById(ctx.db, id),
    (r) => seesFromBelow(actor, r.org_path),
    '注册评议不存在',
  );
  return c;
}

/** Each branch's progress: members, rated, 优秀, registered, attendance. */
export async function campaignProgress(ctx: AppContext, actor: Actor, id: number, orgCode?: string) {
  const c = await requireCampaign(ctx, actor, id);
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  if (!org.path.startsWith(c.org_path) && !c.org_path.startsWith(org.path))
    throw ValidationError.field('org', orgCode, `${org.name} 不在本次注册评议范围内`);
  const area = innerPath(c.org_path, org.path);
  const [branches, evaluations] = await Promise.all([
    findBranchesUnder(ctx.db, area),
    findEvaluationsOfCampaign(ctx.db, c.id, area),
  ]);
  const byBranch = new Map<number, typeof evaluations>();
  for (const e of evaluations) byBranch.set(e.org_id, [...(byBranch.get(e.org_id) ?? []), e]);
  const items = branches.map((b) => {
    const rows = byBranch.get(b.id) ?? [];
    const members = Number(b.members);
    return {
      branch: { code: b.code, name: b.name },
      members,
      rated: rows.length,
      excellent: rows.filter((r) => r.grade === 'excellent').length,
      registered: rows.filter((r) => r.registered === 1).length,
      attended: rows.filter((r) => r.attended === 1).length,
      meetingOn: rows[0]?.meeting_on ?? null,
      done: rows.length > 0,
    };
  });
  const sum = (k: 'members' | 'rated' | 'registered') => items.reduce((s, i) => s + i[k], 0);
  return {
    campaign: presentCampaign(c),
    totals: {
      branches: items.length,
      branchesDone: items.filter((i) => i.done).length,
      members: sum('members'),
      rated: sum('rated'),
      registered: sum('registered'),
    },
    items,
  };
}

export async function exportProgress(ctx: AppContext, actor: Actor, id: number, orgCode?: string) {
  const progress = await campaignProgress(ctx, actor, id, orgCode);
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  const file = await xlsxOf(
    '注册评议进度',
    [
      { header: '团支部', key: 'branch', width: 32 },
      { header: '团员数', key: 'members' },
      { header: '已评议', key: 'rated' },
      { header: '优秀', key: 'excellent' },
      { header: '已注册', key: 'registered' },
      { header: '参会人数', key: 'attended' },
      { header: '评议大会日期', key: 'meetingOn' },
    ],
    progress.items.map((i) => ({ ...i, branch: i.branch.name })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'registration_campaign',
    entityId: id,
    org: { path: org.path, code: org.code },
    summary: `导出 ${progress.campaign.year} 年度注册评议进度（${org.name}）`,
  });
  return file;
}

async function requireCampaignBranch(ctx: AppContext, actor: Actor, id: number, code: string) {
  const c = await requireCampaign(ctx, actor, id);
  const branch = await requireBranchInScope(ctx.db, actor, code);
  if (!branch.path.startsWith(c.org_path))
    throw ValidationError.field('branchCode', code, `${branch.name} 不在本次注册评议范围内`);
  return { c, branch };
}

/**
 * The form of a branch's evaluation: the members evaluated at a meeting on `meetingOn` (by default the
 * date recorded, else today within the campaign) with the grade each got, the 优秀 cap of that roster,
 * and those who joined after the meeting — the same roster the save checks against.
 */
export async function branchRatings(
  ctx: AppContext,
  actor: Actor,
  id: number,
  code: string,
  meetingOn?: string,
) {
  const { c, branch } = await requireCampaignBranch(ctx, actor, id, code);
  if (meetingOn) assertDate('meetingOn', meetingOn);
  const [members, all] = await Promise.all([
    findMembersOfOrg(ctx.db, branch.id),
    findEvaluationsOfCampaign(ctx.db, c.id, branch.path),
  ]);
  const rows = all.filter((r) => r.org_id === branch.id);
  const on = meetingOn ?? defaultMeetingOn(c, rows[0]?.meeting_on);
  const roster = rosterOn(members, on);
  const byPerson = new Map(rows.map((r) => [r.person_id, r]));
  return {
    campaign: presentCampaign(c),
    branch: { code: branch.code, name: branch.name },
    meetingOn: on,
    excellentCap: roster.excellentCap,
    joinedAfter: roster.late.map((m) => ({ personId: m.id, name: m.name, joinedOn: m.joined_on! })),
    items: roster.eligible.map((m) => {
      const r = byPerson.get(m.id);
      return {
        personId: m.id,
        name: m.name,
        idNumberMasked: m.id_number_masked,
        grade: (r?.grade ?? null) as Grade | null,
        attended: r ? r.attended === 1 : null,
        registered: r ? r.registered === 1 : null,
      };
    }),
  };
}

/**
 * A branch's 教育评议 at its member meeting: every member graded once, 优秀 at most 30%, more than two
 * thirds present; those graded 基本合格 or better are registered. Saving again replaces the branch's grades.
 */
export async function saveRatings(
  ctx: AppContext,
  actor: Actor,
  id: number,
  code: string,
  input: RatingsInput,
) {
  assertCan(actor, 'person.write');
  assertDate('meetingOn', input.meetingOn);
  const { c, branch } = await requireCampaignBranch(ctx, actor, id, code);
  if (input.meetingOn < c.starts_on || input.meetingOn > c.ends_on)
    throw ValidationError.field(
      'meetingOn',
      input.meetingOn,
      `评议大会日期应在 ${c.starts_on} 至 ${c.ends_on} 之间`,
    );
  return ctx.db.transaction().execute(async (trx) => {
    const roster = rosterOn(await findMembersOfOrg(trx, branch.id), input.meetingOn);
    const members = roster.eligible;
    const late = new Map(roster.late.map((m) => [m.id, m]));
    const names = new Map(members.map((m) => [m.id, m.name]));
    const problems: Problem[] = [];
    const seen = new Set<number>();
    for (const [index, item] of input.items.entries()) {
      const fail = (reason: string) =>
        problems.push({ row: index + 1, column: 'personId', value: String(item.personId), reason });
      if (late.has(item.personId)) {
        fail(
          `${late.get(item.personId)!.name} ${late.get(item.personId)!.joined_on} 入团，晚于评议大会，不参加本次评议`,
        );
        continue;
      }
      if (!names.has(item.personId)) {
        fail(`人员 ${item.personId} 不是 ${branch.name} 的在册团员`);
        continue;
      }
      if (seen.has(item.personId)) {
        fail(`${names.get(item.personId)} 重复评议`);
        continue;
      }
      seen.add(item.personId);
    }
    const missing = members.filter((m) => !seen.has(m.id));
    if (missing.length > 0)
      problems.push({
        row: null,
        column: 'items',
        value: null,
        reason: `还有 ${missing.length} 名团员未评议：${missing
          .slice(0, 5)
          .map((m) => m.name)
          .join('、')}${missing.length > 5 ? '等' : ''}`,
      });
    const excellent = input.items.filter((i) => i.grade === 'excellent').length;
    const cap = roster.excellentCap;
    if (excellent > cap)
      problems.push({
        row: null,
        column: 'grade',
        value: String(excellent),
        reason: `评为优秀的 ${excellent} 人超过团员总数 ${members.length} 人的30%（最多 ${cap} 人）`,
      });
    const attended = input.items.filter((i) => i.attended).length;
    if (attended * 3 <= members.length * 2)
      problems.push({
        row: null,
        column: 'attended',
        value: String(attended),
        reason: `参会 ${attended} 人，未超过团员总数 ${members.length} 人的三分之二，评议无效`,
      });
    const elsewhere = (await findEvaluationsOfYear(trx, c.year, [...seen])).filter(
      (e) => e.campaign_id !== c.id || e.org_id !== branch.id,
    );
    for (const e of elsewhere)
      problems.push({
        row: null,
        column: 'personId',
        value: String(e.person_id),
        reason: `${names.get(e.person_id)} 已在 ${c.year} 年度其他支部参加评议`,
      });
    if (problems.length > 0) throw new ValidationError(problems.map((p) => p.reason).join('；'), problems);

    await deleteBranchEvaluations(trx, c.id, branch.id);
    const now = nowIso();
    await insertEvaluations(
      trx,
      input.items.map((i) => ({
        campaign_id: c.id,
        year: c.year,
        person_id: i.personId,
        org_id: branch.id,
        org_path: branch.path,
        grade: i.grade,
        attended: i.attended ? 1 : 0,
        registered: REGISTERED_GRADES.includes(i.grade as Grade) ? 1 : 0,
        meeting_on: input.meetingOn,
        created_at: now,
        updated_at: now,
      })),
    );
    const registered = input.items.filter((i) => REGISTERED_GRADES.includes(i.grade as Grade)).length;
    const counts = Object.entries(GRADES)
      .map(([k, label]) => `${label}${input.items.filter((i) => i.grade === k).length}`)
      .join('、');
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'member_evaluation',
      entityId: c.id,
      org: { path: branch.path, code: branch.code },
      summary: `${branch.name} ${c.year} 年度教育评议：${counts}，注册 ${registered} 人`,
      detail: input,
    });
    return { rated: input.items.length, excellent, registered, attended };
  });
}
