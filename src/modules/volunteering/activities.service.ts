import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { randomToken } from '../../lib/crypto.ts';
import { localDateOf } from '../../lib/dates.ts';
import { ValidationError } from '../../lib/errors.ts';
import { hoursOfHundredths } from '../../lib/hours.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach, reaches } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { findRegionByCode } from '../regions/regions.service.ts';
import {
  type ActivityListRow,
  countActivities,
  findActivities,
  findActivityDetailed,
  findCampaignById,
  findCampaigns,
  findEffectiveSettings,
  insertActivity,
  updateActivity,
} from './activities.repository.ts';
import { checkRule, DEFAULT_HOURS_RULE, type HoursRule } from './hours-rules.ts';
import { optionalInstant, parseInstant } from './instants.ts';
import { refreshPreviousDates } from './previous-dates.repository.ts';
import type {
  ActivityChanges,
  ActivityQuery,
  NewActivity,
  NewCampaign,
  Settings,
} from './volunteering.schemas.ts';

export function presentActivity(a: ActivityListRow) {
  return {
    id: a.id,
    code: a.code,
    title: a.title,
    category: a.category,
    orgCode: a.org_code,
    orgName: a.org_name,
    place: a.place,
    regionCode: a.region_code,
    regionName: a.region_name,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    startDate: a.start_date,
    capacity: a.capacity,
    signupOpensAt: a.signup_opens_at,
    signupClosesAt: a.signup_closes_at,
    description: a.description,
    contact: a.contact,
    campaignId: a.campaign_id,
    campaignTitle: a.campaign_title,
    rule: {
      minMinutes: a.min_minutes,
      minSharePercent: a.min_share_percent,
      roundingMinutes: a.rounding_minutes,
    },
    signedUp: Number(a.signed_up ?? 0),
    records: Number(a.records ?? 0),
    hours: hoursOfHundredths(a.hours_hundredths ?? 0),
  };
}
export type ActivityView = ReturnType<typeof presentActivity>;

/** The activity, which the actor must reach (another county's reads as missing: 404). */
export async function requireActivityInScope(db: Db, actor: Actor, id: number) {
  return findInReach(actor, findActivityDetailed(db, id), (a) => a.org_path, '志愿服务活动不存在');
}

export async function listActivities(ctx: AppContext, actor: Actor, query: ActivityQuery) {
  assertCan(actor, 'volunteer.read');
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const filter = {
    scopePath: org.path,
    from: query.from,
    to: query.to,
    campaignId: query.campaignId,
    q: query.q,
    awaiting: query.awaiting,
  };
  const [total, rows] = await Promise.all([
    countActivities(ctx.db, filter),
    findActivities(ctx.db, filter, pageSize, (page - 1) * pageSize),
  ]);
  return { items: rows.map(presentActivity), total, page, pageSize };
}

export async function getActivity(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'volunteer.read');
  return presentActivity(await requireActivityInScope(ctx.db, actor, id));
}

interface Times {
  startsAt: string;
  endsAt: string;
  signupOpensAt: string | null;
  signupClosesAt: string | null;
}

function checkTimes(t: Times): void {
  if (t.endsAt <= t.startsAt) throw ValidationError.field('endsAt', t.endsAt, '结束时间应晚于开始时间');
  if (Date.parse(t.endsAt) - Date.parse(t.startsAt) > 7 * 24 * 3_600_000)
    throw ValidationError.field('endsAt', t.endsAt, '单次活动不能超过7天，请按天分别发布');
  if (t.signupOpensAt && t.signupClosesAt && t.signupClosesAt <= t.signupOpensAt)
    throw ValidationError.field('signupClosesAt', t.signupClosesAt, '报名截止时间应晚于报名开始时间');
  if (t.signupClosesAt && t.signupClosesAt > t.endsAt)
    throw ValidationError.field('signupClosesAt', t.signupClosesAt, '报名截止时间不能晚于活动结束时间');
}

function ruleFrom(input: Partial<HoursRule>, fallback: HoursRule): HoursRule {
  const rule = {
    minMinutes: input.minMinutes ?? fallback.minMinutes,
    minSharePercent: input.minSharePercent ?? fallback.minSharePercent,
    roundingMinutes: input.roundingMinutes ?? fallback.roundingMinutes,
  };
  const problem = checkRule(rule);
  if (problem) throw ValidationError.field('rule', null, problem);
  return rule;
}

async function regionIdOf(db: Db, code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const region = await findRegionByCode(db, code);
  if (!region) throw ValidationError.field('regionCode', code, `行政区划 ${code} 不存在`);
  return region.id;
}

async function campaignIdOf(db: Db, actor: Actor, id: number | null | undefined): Promise<number | null> {
  if (!id) return null;
  const campaign = await findCampaignById(db, id);
  // Another county's campaign reads as missing.
  if (!campaign || !reaches(actor, campaign.org_path))
    throw ValidationError.field('campaignId', id, '主题活动不存在');
  return id;
}

export async function createActivity(ctx: AppContext, actor: Actor, input: NewActivity) {
  assertCan(actor, 'volunteer.write');
  const times = {
    startsAt: parseInstant('startsAt', input.startsAt, '开始时间'),
    endsAt: parseInstant('endsAt', input.endsAt, '结束时间'),
    signupOpensAt: optionalInstant('signupOpensAt', input.signupOpensAt, '报名开始时间'),
    signupClosesAt: optionalInstant('signupClosesAt', input.signupClosesAt, '报名截止时间'),
  };
  checkTimes(times);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrgInScope(trx, actor, input.orgCode);
    const settings = await findEffectiveSettings(trx, org.path);
    const rule = ruleFrom(
      input,
      settings
        ? {
            minMinutes: settings.min_minutes,
            minSharePercent: settings.min_share_percent,
            roundingMinutes: settings.rounding_minutes,
          }
        : DEFAULT_HOURS_RULE,
    );
    const now = nowIso();
    const code = `ZY${localDateOf(times.startsAt).replaceAll('-', '')}${randomToken(4)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X')}`;
    const newId = await insertActivity(trx, {
      code,
      title: input.title,
      category: input.category ?? null,
      org_id: org.id,
      org_path: org.path,
      starts_at: times.startsAt,
      ends_at: times.endsAt,
      start_date: localDateOf(times.startsAt),
      region_id: await regionIdOf(trx, input.regionCode),
      place: input.place ?? null,
      campaign_id: await campaignIdOf(trx, actor, input.campaignId),
      capacity: input.capacity,
      signup_opens_at: times.signupOpensAt,
      signup_closes_at: times.signupClosesAt,
      description: input.description ?? null,
      contact: input.contact ?? null,
      min_minutes: rule.minMinutes,
      min_share_percent: rule.minSharePercent,
      rounding_minutes: rule.roundingMinutes,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'volunteer_activity',
      entityId: code,
      org: { path: org.path, code: org.code },
      summary: `发布志愿服务活动 ${input.title}（${code}）`,
      detail: input,
    });
    return newId;
  });
  return getActivity(ctx, actor, id);
}

export async function changeActivity(ctx: AppContext, actor: Actor, id: number, changes: ActivityChanges) {
  assertCan(actor, 'volunteer.write');
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireActivityInScope(trx, actor, id);
    const times = {
      startsAt: changes.startsAt ? parseInstant('startsAt', changes.startsAt, '开始时间') : a.starts_at,
      endsAt: changes.endsAt ? parseInstant('endsAt', changes.endsAt, '结束时间') : a.ends_at,
      signupOpensAt:
        changes.signupOpensAt === undefined
          ? a.signup_opens_at
          : optionalInstant('signupOpensAt', changes.signupOpensAt, '报名开始时间'),
      signupClosesAt:
        changes.signupClosesAt === undefined
          ? a.signup_closes_at
          : optionalInstant('signupClosesAt', changes.signupClosesAt, '报名截止时间'),
    };
    checkTimes(times);
    const timesChanged = times.startsAt !== a.starts_at || times.endsAt !== a.ends_at;
    if (timesChanged && Number(a.records) > 0) {
      // Confirmed hours were measured against these times; moving them would silently change their cap.
      throw ValidationError.field(
        'startsAt',
        changes.startsAt,
        '该活动已有确认的服务时长，不能再修改活动时间',
      );
    }
    if (changes.capacity !== undefined && changes.capacity < Number(a.signed_up)) {
      throw ValidationError.field(
        'capacity',
        changes.capacity,
        `已有 ${a.signed_up} 人报名，招募人数不能少于报名人数`,
      );
    }
    const rule = ruleFrom(changes, {
      minMinutes: a.min_minutes,
      minSharePercent: a.min_share_percent,
      roundingMinutes: a.rounding_minutes,
    });
    await updateActivity(trx, id, {
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.category !== undefined ? { category: changes.category } : {}),
      ...(changes.place !== undefined ? { place: changes.place } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.contact !== undefined ? { contact: changes.contact } : {}),
      ...(changes.capacity !== undefined ? { capacity: changes.capacity } : {}),
      ...(changes.regionCode !== undefined ? { region_id: await regionIdOf(trx, changes.regionCode) } : {}),
      ...(changes.campaignId !== undefined
        ? { campaign_id: await campaignIdOf(trx, actor, changes.campaignId) }
        : {}),
      starts_at: times.startsAt,
      ends_at: times.endsAt,
      start_date: localDateOf(times.startsAt),
      signup_opens_at: times.signupOpensAt,
      signup_closes_at: times.signupClosesAt,
      min_minutes: rule.minMinutes,
      min_share_percent: rule.minSharePercent,
      rounding_minutes: rule.roundingMinutes,
      updated_at: nowIso(),
    });
    // Refused above once there are records, but the previous dates must not depend on that rule holding.
    if (localDateOf(times.startsAt) !== a.start_date) await refreshPreviousDates(trx, { activityIds: [id] });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'volunteer_activity',
      entityId: a.code,
      org: { path: a.org_path, code: a.org_code },
      summary: `修改志愿服务活动 ${a.title}（${a.code}）`,
      detail: changes,
    });
  });
  return getActivity(ctx, actor, id);
}

export async function listCampaigns(ctx: AppContext, actor: Actor, orgCode?: string) {
  assertCan(actor, 'volunteer.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  const rows = await findCampaigns(ctx.db, org.path);
  return {
    items: rows.map((c) => ({
      id: c.id,
      title: c.title,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      description: c.description,
      orgCode: c.org_code,
      orgName: c.org_name,
      activities: Number(c.activities ?? 0),
    })),
  };
}

export async function createCampaign(ctx: AppContext, actor: Actor, input: NewCampaign) {
  assertCan(actor, 'volunteer.write');
  if (input.endsOn < input.startsOn)
    throw ValidationError.field('endsOn', input.endsOn, '结束日期应不早于开始日期');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrgInScope(trx, actor, input.orgCode);
    const now = nowIso();
    const { id } = await trx
      .insertInto('volunteer_campaigns')
      .values({
        org_id: org.id,
        title: input.title,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        description: input.description ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'volunteer_campaign',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `新建志愿服务主题活动 ${input.title}`,
      detail: input,
    });
    return id;
  });
  return { id, ...input };
}

export async function getSettings(ctx: AppContext, actor: Actor, orgCode?: string) {
  assertCan(actor, 'volunteer.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  const s = await findEffectiveSettings(ctx.db, org.path);
  return {
    orgCode: org.code,
    inherited: s != null && s.org_id !== org.id,
    contact: s?.contact ?? null,
    minMinutes: s?.min_minutes ?? DEFAULT_HOURS_RULE.minMinutes,
    minSharePercent: s?.min_share_percent ?? DEFAULT_HOURS_RULE.minSharePercent,
    roundingMinutes: s?.rounding_minutes ?? DEFAULT_HOURS_RULE.roundingMinutes,
  };
}

export async function saveSettings(ctx: AppContext, actor: Actor, input: Settings) {
  assertCan(actor, 'volunteer.write');
  const rule = ruleFrom(input, DEFAULT_HOURS_RULE);
  await ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrgInScope(trx, actor, input.orgCode);
    const row = {
      contact: input.contact ?? null,
      min_minutes: rule.minMinutes,
      min_share_percent: rule.minSharePercent,
      rounding_minutes: rule.roundingMinutes,
      updated_at: nowIso(),
    };
    await trx
      .insertInto('volunteer_org_settings')
      .values({ org_id: org.id, ...row })
      .onConflict((oc) => oc.column('org_id').doUpdateSet(row))
      .execute();
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'volunteer_settings',
      entityId: org.code,
      org: { path: org.path, code: org.code },
      summary: `修改 ${org.name} 的志愿服务计时规则和证明联系人`,
      detail: input,
    });
  });
  return getSettings(ctx, actor, input.orgCode);
}
