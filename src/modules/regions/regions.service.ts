import type { AppContext } from '../../context.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import {
  findRegionByCode,
  findRegionById,
  findRegionChildren,
  type RegionRow,
} from './regions.repository.ts';

export function presentRegion(r: RegionRow, parentCode: string | null) {
  return { code: r.code, name: r.name, level: r.level, parentCode };
}

/**
 * Regions are shared reference data; a user browses from his organisation's region downwards
 * (a system administrator from the top).
 */
export async function listRegions(ctx: AppContext, actor: Actor, parentCode?: string) {
  if (parentCode) {
    const parent = await findRegionByCode(ctx.db, parentCode);
    if (!parent) throw new NotFoundError(`行政区划 ${parentCode} 不存在`);
    const children = await findRegionChildren(ctx.db, parent.id);
    return { items: children.map((c) => presentRegion(c, parent.code)) };
  }
  if (actor.scopePath === '/') {
    return { items: (await findRegionChildren(ctx.db, null)).map((r) => presentRegion(r, null)) };
  }
  const org = await findOrgById(ctx.db, actor.orgId);
  const region = org ? await findRegionById(ctx.db, org.region_id) : undefined;
  if (!region) return { items: [] };
  const parent = region.parent_id ? await findRegionById(ctx.db, region.parent_id) : undefined;
  return { items: [presentRegion(region, parent?.code ?? null)] };
}
