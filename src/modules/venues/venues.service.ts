import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { attachment, xlsxOf } from '../../lib/downloads.ts';
import { ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach } from '../auth/auth.policy.ts';
import { nextLedgerCode } from '../numbering/numbering.service.ts';
import { requireLedgerOrg } from '../orgs/orgs.service.ts';
import { findRegionByCode } from '../regions/regions.service.ts';
import { resolveLedgerScope } from '../reports/reports.service.ts';
import type { ScopeRequest } from '../shared.schemas.ts';
import { VENUE_KINDS, VENUE_STATUSES } from './venues.labels.ts';
import {
  findTownshipCoverage,
  findVenue,
  findVenues,
  insertVenue,
  updateVenue,
} from './venues.repository.ts';
import type { NewVenue, VenueChanges, VenueQuery } from './venues.schemas.ts';

type VenueRow = Awaited<ReturnType<ReturnType<typeof findVenues>['execute']>>[number];

function presentVenue(r: VenueRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    openedOn: r.opened_on,
    status: r.status,
    region: { code: r.region_code, name: r.region_name, level: r.region_level },
    org: { code: r.org_code, name: r.org_name },
  };
}

async function venueRows(ctx: AppContext, actor: Actor, q: VenueQuery) {
  const { org, scope } = await resolveLedgerScope(ctx, actor, 'service.read', q);
  let query = findVenues(ctx.db, scope);
  if (q.kind) query = query.where('venues.kind', '=', q.kind);
  if (q.status) query = query.where('venues.status', '=', q.status);
  return { org, rows: await query.execute() };
}

export async function listVenues(ctx: AppContext, actor: Actor, q: VenueQuery) {
  const { rows } = await venueRows(ctx, actor, q);
  return { total: rows.length, items: rows.map(presentVenue) };
}

export async function exportVenues(ctx: AppContext, actor: Actor, q: VenueQuery) {
  const { org, rows } = await venueRows(ctx, actor, q);
  const file = await xlsxOf(
    '阵地',
    [
      { header: '阵地编号', key: 'code' },
      { header: '阵地名称', key: 'name', width: 28 },
      { header: '类型', key: 'kind' },
      { header: '所在区划', key: 'region', width: 20 },
      { header: '所属组织', key: 'org', width: 24 },
      { header: '建成日期', key: 'openedOn' },
      { header: '状态', key: 'status' },
    ],
    rows.map((r) => ({
      ...presentVenue(r),
      kind: VENUE_KINDS[r.kind as keyof typeof VENUE_KINDS] ?? r.kind,
      status: VENUE_STATUSES[r.status as keyof typeof VENUE_STATUSES] ?? r.status,
      region: r.region_name,
      org: r.org_name,
    })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'venue',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} 阵地 ${rows.length} 条`,
    detail: q,
  });
  return { file, disposition: attachment('阵地.xlsx') };
}

/**
 * 青年之家 coverage (DOMAIN.md): each township of the org's region, and whether an active youth home lies in it or
 * in one of its villages — the same query as the report's venue.townships_covered.
 */
export async function townshipCoverage(ctx: AppContext, actor: Actor, q: ScopeRequest) {
  const { org, scope } = await resolveLedgerScope(ctx, actor, 'service.read', q);
  const townships = await findTownshipCoverage(ctx.db, scope);
  const covered = townships.filter((t) => t.youthHomes > 0).length;
  return {
    org: { code: org.code, name: org.name },
    asOf: scope.to,
    townships: townships.length,
    covered,
    coverage: townships.length === 0 ? 0 : Math.round((covered / townships.length) * 10_000) / 10_000,
    items: townships.map((t) => ({
      code: t.code,
      name: t.name,
      youthHomes: t.youthHomes,
      covered: t.youthHomes > 0,
    })),
  };
}

async function requirePlace(ctx: AppContext, regionCode: string) {
  const region = await findRegionByCode(ctx.db, regionCode);
  if (!region) throw ValidationError.field('regionCode', regionCode, `行政区划 ${regionCode} 不存在`);
  if (!['township', 'village'].includes(region.level))
    throw ValidationError.field('regionCode', regionCode, '阵地所在地应为乡镇（街道）或村（社区）');
  return region;
}

export async function createVenue(ctx: AppContext, actor: Actor, input: NewVenue) {
  assertCan(actor, 'service.write');
  const region = await requirePlace(ctx, input.regionCode);
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireLedgerOrg(trx, actor, input.orgCode);
    const prefix = `${org.code}-ZD`;
    const code = await nextLedgerCode(trx, 'venues', prefix);
    const now = nowIso();
    const id = await insertVenue(trx, {
      code,
      name: input.name,
      kind: input.kind,
      region_id: region.id,
      opened_on: input.openedOn ?? null,
      status: input.status ?? 'active',
      org_id: org.id,
      org_path: org.path,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'venue',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `新建阵地 ${input.name}（${VENUE_KINDS[input.kind]}，${region.name}）`,
    });
    return { id, code };
  });
}

export async function changeVenue(ctx: AppContext, actor: Actor, id: number, changes: VenueChanges) {
  assertCan(actor, 'service.write');
  await ctx.db.transaction().execute(async (trx) => {
    const venue = await findInReach(actor, findVenue(trx, id), (v) => v.org_path, '阵地不存在');
    await updateVenue(trx, id, {
      name: changes.name ?? venue.name,
      opened_on: changes.openedOn === undefined ? venue.opened_on : changes.openedOn,
      status: changes.status ?? venue.status,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'venue',
      entityId: id,
      org: { path: venue.org_path, code: '' },
      summary: `修改阵地 ${venue.name}`,
      detail: changes,
    });
  });
  return { id };
}
