import { importableKinds } from '../imports/kinds.ts';
import type { Actor } from './auth.policy.ts';
import { type RoutePermission, writesOf } from './auth.request.ts';

export function presentMe(actor: Actor, writes: Map<string, RoutePermission>) {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    org: { code: actor.orgCode, name: actor.orgName, level: actor.orgLevel },
    roles: actor.roles,
    permissions: [...actor.permissions],
    writes: writesOf(actor, writes),
    // Each kind asks its own permission of the importer (imports.policy.ts): the menu shows 数据导入 when any is his.
    importKinds: importableKinds(actor).map((k) => k.kind),
  };
}
