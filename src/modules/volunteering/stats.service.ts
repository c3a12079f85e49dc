import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { today } from '../../lib/dates.ts';
import { xlsxOfSheets } from '../../lib/downloads.ts';
import { ValidationError } from '../../lib/errors.ts';
import { hoursOfHundredths } from '../../lib/hours.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { distinctVolunteers, type ReportScope, sources } from '../reports/report-sources.ts';
import type { PeriodQuery } from './volunteering.schemas.ts';

/**
 * Events, 人次, distinct volunteers and hours, counted over the same sources as the 青春答卷 (REPORT-SPEC.md):
 * activities by their start date in the period, records being confirmed hours only.
 */
async function scopeOf(ctx: AppContext, actor: Actor, query: PeriodQuery) {
  assertCan(actor, 'volunteer.read');
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const to = query.to ?? today();
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw ValidationError.field('from', from, '开始日期不能晚于结束日期');
  const scope: ReportScope = { orgPath: org.path, regionPath: '', from, to };
  return { org, scope };
}

const month = sql<string>`substr(cast(volunteer_activities.start_date as text), 1, 7)`;

async function figures(db: Db, s: ReportScope) {
  const events = await sources
    .volunteerActivities(db, s)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const records = await sources
    .volunteerRecords(db, s)
    .select((eb) => [
      eb.fn.countAll<number>().as('participations'),
      // As the answer sheet counts them, from the kept previous dates (no sort of person ids).
      distinctVolunteers(s).as('volunteers'),
      sql<number>`coalesce(sum(volunteer_records.hours_hundredths), 0)`.as('hundredths'),
    ])
    .executeTakeFirstOrThrow();
  return {
    events: Number(events.n),
    participations: Number(records.participations),
    volunteers: Number(records.volunteers),
    hours: hoursOfHundredths(records.hundredths),
  };
}

async function grouped(db: Db, s: ReportScope, key: ReturnType<typeof sql<string>>) {
  const events = await sources
    .volunteerActivities(db, s)
    .select((eb) => [key.as('k'), eb.fn.countAll<number>().as('n')])
    .groupBy(key)
    .execute();
  const records = await sources
    .volunteerRecords(db, s)
    .select((eb) => [
      key.as('k'),
      eb.fn.countAll<number>().as('participations'),
      sql<number>`count(distinct volunteer_records.person_id)`.as('volunteers'),
      sql<number>`coalesce(sum(volunteer_records.hours_hundredths), 0)`.as('hundredths'),
    ])
    .groupBy(key)
    .execute();
  const keys = [...new Set([...events.map((e) => e.k), ...records.map((r) => r.k)])].sort();
  return keys.map((k) => {
    const r = records.find((x) => x.k === k);
    return {
      key: k,
      events: Number(events.find((e) => e.k === k)?.n ?? 0),
      participations: Number(r?.participations ?? 0),
      volunteers: Number(r?.volunteers ?? 0),
      hours: hoursOfHundredths(r?.hundredths ?? 0),
    };
  });
}

export async function volunteeringStats(ctx: AppContext, actor: Actor, query: PeriodQuery) {
  const { org, scope } = await scopeOf(ctx, actor, query);
  const children = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'path'])
    .where('parent_id', '=', org.id)
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
  const byOrg = [];
  for (const child of children) {
    byOrg.push({
      orgCode: child.code,
      orgName: child.name,
      ...(await figures(ctx.db, { ...scope, orgPath: child.path })),
    });
  }
  return {
    orgCode: org.code,
    orgName: org.name,
    from: scope.from,
    to: scope.to,
    totals: await figures(ctx.db, scope),
    byMonth: await grouped(ctx.db, scope, month),
    byCategory: (
      await grouped(ctx.db, scope, sql<string>`coalesce(volunteer_activities.category, '其他')`)
    ).map(({ key, ...rest }) => ({ key: key || '其他', ...rest })),
    byOrg,
  };
}

async function perPerson(db: Db, s: ReportScope) {
  return sources
    .volunteerRecords(db, s)
    .innerJoin('people', 'people.id', 'volunteer_records.person_id')
    .select([
      'people.id',
      'people.name',
      'people.id_number_masked',
      (eb) => eb.fn.countAll<number>().as('participations'),
      sql<number>`sum(volunteer_records.hours_hundredths)`.as('hundredths'),
    ])
    .groupBy(['people.id', 'people.name', 'people.id_number_masked'])
    .orderBy(sql`sum(volunteer_records.hours_hundredths)`, 'desc')
    .orderBy('people.id')
    .limit(5000)
    .execute();
}

export async function volunteeringPeopleStats(ctx: AppContext, actor: Actor, query: PeriodQuery) {
  const { org, scope } = await scopeOf(ctx, actor, query);
  const rows = await perPerson(ctx.db, scope);
  return {
    orgCode: org.code,
    from: scope.from,
    to: scope.to,
    items: rows.map((r) => ({
      personId: r.id,
      name: r.name,
      idNumberMasked: r.id_number_masked,
      participations: Number(r.participations),
      hours: hoursOfHundredths(r.hundredths),
    })),
  };
}

/** The statistics as an .xlsx workbook (by org, month, category, person), identity numbers masked; audited. */
export async function exportStats(ctx: AppContext, actor: Actor, query: PeriodQuery): Promise<Buffer> {
  const stats = await volunteeringStats(ctx, actor, query);
  const people = await volunteeringPeopleStats(ctx, actor, query);
  const figureColumns = [
    { header: '活动数', key: 'events', width: 10 },
    { header: '参与人次', key: 'participations', width: 10 },
    { header: '志愿者人数', key: 'volunteers', width: 10 },
    { header: '服务时长（小时）', key: 'hours', width: 16 },
  ];
  const figures = (name: string, first: { header: string; key: string }, rows: object[]) => ({
    name,
    columns: [{ ...first, width: 24 }, ...figureColumns],
    rows: rows as Record<string, unknown>[],
  });
  const content = await xlsxOfSheets([
    figures('按组织', { header: '组织', key: 'orgName' }, [
      { orgName: `${stats.orgName}（合计）`, ...stats.totals },
      ...stats.byOrg,
    ]),
    figures('按月份', { header: '月份', key: 'key' }, stats.byMonth),
    figures('按类别', { header: '服务类别', key: 'key' }, stats.byCategory),
    {
      name: '按志愿者',
      columns: [
        { header: '姓名', key: 'name', width: 12 },
        { header: '证件号码', key: 'idNumberMasked', width: 22 },
        { header: '参与人次', key: 'participations', width: 10 },
        { header: '服务时长（小时）', key: 'hours', width: 16 },
      ],
      rows: people.items,
    },
  ]);
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'volunteer_record',
    org: { path: (await requireOrgInScope(ctx.db, actor, query.org)).path, code: stats.orgCode },
    summary: `导出 ${stats.orgName} ${stats.from} 至 ${stats.to} 志愿服务统计`,
    detail: query,
  });
  return content;
}
