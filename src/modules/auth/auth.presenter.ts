import type { Actor } from './auth.policy.ts';

export function presentMe(actor: Actor) {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    org: { code: actor.orgCode, name: actor.orgName, level: actor.orgLevel },
    roles: actor.roles,
    permissions: [...actor.permissions],
  };
}
