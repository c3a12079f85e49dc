import type { AppContext } from '../../context.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { findCountyOnPath, findDestinationsUnder } from './transfers.repository.ts';
import type { DestinationsQuery } from './transfers.schemas.ts';

const LIMIT = 20;

/**
 * Where a member may be sent, found by name (issue 17, item 6: the receiving org's code had to be asked
 * for by phone). The search runs over the caller's own county — a branch secretary finds the county's other
 * branches, though his reach is his branch — never over another county's tree (DESIGN.md "Access"); for a
 * move to another county, that county starts the transfer in (发起转入) or gives its code.
 */
export async function searchDestinations(ctx: AppContext, actor: Actor, query: DestinationsQuery) {
  assertCan(actor, 'person.write');
  const county = await findCountyOnPath(ctx.db, actor.orgPath);
  const root = county?.path ?? actor.scopePath;
  const rows = await findDestinationsUnder(ctx.db, root, query.q.trim(), LIMIT);
  return {
    within: county ? { code: county.code, name: county.name } : null,
    items: rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, parentName: r.parent_name })),
  };
}
