import type { AppContext } from '../../context.ts';
import { xlsxOf } from '../../lib/downloads.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { roundHours } from '../../lib/hours.ts';
import { ADMISSION_STATUSES, RECOMMENDED_BY } from '../admission/admission.labels.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, can } from '../auth/auth.policy.ts';
import { CADRE_MODES, CADRE_TITLES } from '../cadres/cadres.labels.ts';
import { RISK_LEVELS } from '../counselling/counselling.labels.ts';
import { PLACEMENT_STATUSES } from '../internships/internships.labels.ts';
import { ORG_KINDS, ORG_LEVELS } from '../orgs/orgs.labels.ts';
import {
  admissionStagesByMonth,
  aidByMonth,
  findCountiesBelow,
  orgsByDomain,
  townshipCoverage,
  volunteerByMonth,
} from './dashboard.repository.ts';
import { findIndicator, INDICATORS, LEAD_LABELS } from './indicators.ts';
import { countRecords, findRecords, LISTINGS } from './report-records.ts';
import { answerSheet, type ReportRequest, resolveScope } from './reports.service.ts';

/** The indicators; `drillable` says whether this actor may open the records behind each figure. */
export function listIndicators(actor: Actor) {
  return {
    items: INDICATORS.map((i) => ({
      key: i.key,
      label: i.label,
      lead: i.lead,
      leadLabel: LEAD_LABELS[i.lead],
      unit: i.unit,
      drillable: can(actor, i.records.permission),
    })),
  };
}

/** Stored codes shown as the words users know. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  recommended_by: RECOMMENDED_BY,
  status: { ...ADMISSION_STATUSES, ...PLACEMENT_STATUSES },
  title: CADRE_TITLES,
  mode: CADRE_MODES,
  kind: ORG_KINDS,
  level: ORG_LEVELS,
  risk: RISK_LEVELS,
};

/** Columns that hold quantities; every other column (团员编号, codes, dates) stays text even when it is all digits. */
const NUMERIC_COLUMNS = new Set([
  'amount',
  'hours',
  'reach',
  'slots',
  'classes',
  'grants',
  'participations',
  'youth_homes',
]);

function presentRecord(record: Record<string, unknown>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(record)) {
    const labels = VALUE_LABELS[key];
    if (value === null || value === undefined) out[key] = null;
    else if (key === 'hours') out[key] = roundHours(Number(value));
    else if (NUMERIC_COLUMNS.has(key)) out[key] = Number(value);
    else if (typeof value === 'string' && labels?.[value]) out[key] = labels[value];
    else out[key] = String(value);
  }
  return out;
}

/** The figure's records are rows of some list (members, aid recipients, consultations): its permission applies. */
function requireListing(actor: Actor, indicator: string) {
  const meta = findIndicator(indicator);
  if (!meta) throw new NotFoundError(`没有指标「${indicator}」`);
  const listing = LISTINGS[meta.key];
  assertCan(actor, listing.permission);
  return { meta, listing };
}

/** The records behind one figure: the same rows the figure counts. */
export async function indicatorRecords(
  ctx: AppContext,
  actor: Actor,
  request: ReportRequest & { indicator: string; page: number; pageSize: number },
) {
  const { meta, listing } = requireListing(actor, request.indicator);
  const { scope } = await resolveScope(ctx, actor, request);
  const [total, rows] = [
    await countRecords(ctx.db, listing, scope),
    await findRecords(ctx.db, listing, scope, request.pageSize, (request.page - 1) * request.pageSize),
  ];
  return {
    indicator: meta.key,
    label: meta.label,
    columns: listing.columns,
    items: rows.map(presentRecord),
    total,
    page: request.page,
    pageSize: request.pageSize,
  };
}

const EXPORT_LIMIT = 200_000;

export async function exportIndicatorRecords(
  ctx: AppContext,
  actor: Actor,
  request: ReportRequest & { indicator: string },
) {
  const { meta, listing } = requireListing(actor, request.indicator);
  const { org, scope } = await resolveScope(ctx, actor, request);
  const rows = await findRecords(ctx.db, listing, scope, EXPORT_LIMIT, 0);
  const content = await xlsxOf(
    meta.label,
    listing.columns.map((col) => ({
      header: col.title,
      key: col.key,
      width: Math.max(12, col.title.length * 2 + 4),
    })),
    rows.map(presentRecord),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'report',
    entityId: meta.key,
    org: { path: org.path, code: org.code },
    summary: `导出「${meta.label}」明细 ${rows.length} 条（${org.name}，${request.from} 至 ${request.to}）`,
  });
  return {
    fileName: `${org.name}-${meta.label}-${request.from}-${request.to}.xlsx`,
    content,
  };
}

/** Every month of the period as `YYYY-MM`, so the charts show empty months too. */
function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 600; guard++) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) break;
    if (m === 12) {
      y += 1;
      m = 1;
    } else {
      m += 1;
    }
  }
  return months;
}

export async function dashboard(ctx: AppContext, actor: Actor, request: ReportRequest) {
  const { scope } = await resolveScope(ctx, actor, request);
  const months = monthsOf(request.from, request.to);
  const volunteer = new Map((await volunteerByMonth(ctx.db, scope)).map((r) => [r.month, r]));
  const stages = await admissionStagesByMonth(ctx.db, scope);
  const stageMaps = Object.fromEntries(
    Object.entries(stages).map(([k, rows]) => [k, new Map(rows.map((r) => [r.month, Number(r.n)]))]),
  );
  const aid = await aidByMonth(ctx.db, scope);
  const raised = new Map(aid.raised.map((r) => [r.month, r.fen]));
  const granted = new Map(aid.granted.map((r) => [r.month, r.fen]));
  return {
    volunteerByMonth: months.map((month) => ({
      month,
      participations: volunteer.get(month)?.participations ?? 0,
      hours: volunteer.get(month)?.hours ?? 0,
    })),
    admissionsByMonth: months.map((month) => ({
      month,
      applied: stageMaps.applied!.get(month) ?? 0,
      activist: stageMaps.activist!.get(month) ?? 0,
      candidate: stageMaps.candidate!.get(month) ?? 0,
      admitted: stageMaps.admitted!.get(month) ?? 0,
    })),
    orgsByDomain: await orgsByDomain(ctx.db, scope),
    townshipCoverage: await townshipCoverage(ctx.db, scope),
    aidByMonth: months.map((month) => ({
      month,
      raised: (raised.get(month) ?? 0) / 100,
      granted: (granted.get(month) ?? 0) / 100,
    })),
  };
}

/** The counties below an organisation side by side (a county compares with itself). */
export async function compareCounties(ctx: AppContext, actor: Actor, request: ReportRequest) {
  const { org } = await resolveScope(ctx, actor, request);
  const counties = await findCountiesBelow(ctx.db, org.path);
  const items = [];
  for (const county of counties) items.push(await answerSheet(ctx, actor, { ...request, org: county.code }));
  return { items };
}
