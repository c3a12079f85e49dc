import type { AppContext } from '../../context.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import {
  findRegionByCode,
  findRegionById,
  findRegionChildren,
  findRegionOfOrg,
  type RegionRow,
} from './regions.repository.ts';

/**
 * The region lookups other modules may use. This file is the regions module's public face: other modules import
 * it (and regions.schemas/regions.labels), never regions.repository.ts (issue 16 item 2). Regions are reference
 * data below the org tree: this module imports nothing of orgs.
 */
export {
  findRegionByCode,
  findRegionById,
  findRegionsByCodes,
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
  const region = await findRegionOfOrg(ctx.db, actor.orgId);
  if (!region) return { items: [] };
  const parent = region.parent_id ? await findRegionById(ctx.db, region.parent_id) : undefined;
  return { items: [presentRegion(region, parent?.code ?? null)] };
}
