import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { nowIso } from '../../db/create-db.ts';
import { hashPassword } from '../../lib/crypto.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, assertReaches, type Role, reaches } from '../auth/auth.policy.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { requireOrgByCode } from '../orgs/orgs.service.ts';
import { findPersonByIdNumber } from '../people/people.service.ts';
import { assertMayGrant, roleLabels, validRoles } from './users.policy.ts';
import {
  activateUser,
  findPersonIdOfUser,
  findRoles,
  findUserById,
  findUserByPerson,
  findUserByUsername,
  findUsersInScope,
  insertUser,
  replaceRoles,
  setUserStatus,
} from './users.repository.ts';

/*
 * The public face of users: what other modules (auth's sign-in, volunteering's self-registration, the demo)
 * read of an account and the steps of its life they take. Each takes the caller's database or transaction
 * handle, so the caller's transaction stays whole; the users table is written nowhere else.
 */

export type { UserRecord } from './users.repository.ts';
/** The account of a name, whatever its case; its roles; the account linked to a person. */
export { findPersonIdOfUser, findRoles, findUserById, findUserByPerson, findUserByUsername };

/**
 * A young person's own account, pending until an organiser who reaches his person confirms it
 * (volunteering's registration).
 */
export async function openPendingAccount(
  db: Db,
  user: { username: string; passwordHash: string; displayName: string; orgId: number; now: string },
  roles: Role[],
): Promise<number> {
  return insertUser(db, { ...user, status: 'pending' }, roles);
}

/** The pending account confirmed: linked to its person and able to sign in. */
export async function activateAccount(db: Db, userId: number, personId: number, now: string): Promise<void> {
  await activateUser(db, userId, personId, now);
}

/** The pending account refused: it can never sign in. */
export async function disableAccount(db: Db, userId: number, now: string): Promise<void> {
  await setUserStatus(db, userId, 'disabled', now);
}

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  orgCode: string;
  roles: string[];
  /** The person this login belongs to (a counsellor, a young person…), named by identity number. */
  idNumber?: string;
}

const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,64}$/;

export async function createUser(ctx: AppContext, actor: Actor, input: NewUser): Promise<{ id: number }> {
  assertCan(actor, 'user.manage');
  if (!USERNAME_PATTERN.test(input.username)) {
    throw ValidationError.field('username', input.username, '用户名应为3至64位字母、数字或 _ . -');
  }
  const weak = passwordProblem(input.password, input.username);
  if (weak) throw ValidationError.field('password', null, weak);
  const roles = validRoles(input.roles);
  const granted = assertMayGrant(actor, roles);
  const org = await requireOrgByCode(ctx.db, input.orgCode);
  assertReaches(actor, org.path);
  return ctx.db.transaction().execute(async (trx) => {
    if (await findUserByUsername(trx, input.username))
      throw new ConflictError(`用户名 ${input.username} 已被使用（用户名不区分大小写）`);
    const personId = input.idNumber ? await personToLink(ctx, trx, actor, input.idNumber) : null;
    const id = await insertUser(
      trx,
      {
        username: input.username,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName,
        orgId: org.id,
        personId,
        now: nowIso(),
      },
      roles,
    );
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'user',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `新建用户 ${input.username}（${roleLabels(roles)}）`,
    });
    await auditGrant(trx, actor, { id, username: input.username, org }, granted);
    return { id };
  });
}

/**
 * The person a new login is linked to: registered, within the actor's reach, and not yet linked to another
 * login (a counsellor's notes and a young person's own pages follow this link).
 */
async function personToLink(ctx: AppContext, db: Db, actor: Actor, idNumber: string): Promise<number> {
  const person = await findPersonByIdNumber(ctx, db, idNumber, 'idNumber');
  // Someone outside the actor's reach reads as unregistered, so the form cannot probe other counties.
  if (!person || !reaches(actor, person.scope_path)) {
    throw ValidationError.field('idNumber', null, '该证件号码的人员未在您管理的组织中登记，请先登记人员信息');
  }
  const linked = await findUserByPerson(db, person.id);
  if (linked) throw new ConflictError(`该人员已关联用户 ${linked.username}`);
  return person.id;
}

export async function listUsers(ctx: AppContext, actor: Actor) {
  assertCan(actor, 'user.manage');
  const users = await findUsersInScope(ctx.db, actor.scopePath);
  return {
    items: users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      org: { code: u.org_code, name: u.org_name },
      roles: u.roles,
      status: u.status,
    })),
  };
}

/** A confidential role given is a sensitive event of its own, apart from the create or update that carried it. */
async function auditGrant(
  db: Db,
  actor: Actor,
  user: { id: number; username: string; org: { path: string; code: string } },
  granted: Role[],
): Promise<void> {
  for (const role of granted) {
    await recordAudit(db, actor, {
      action: 'grant_confidential',
      entity: 'user',
      entityId: user.id,
      org: { path: user.org.path, code: user.org.code },
      summary: `授予 ${user.username} ${roleLabels([role])}角色（可阅咨询记录）`,
    });
  }
}

/**
 * A user of the actor's subtree, or 404 for one outside it as for one that does not exist (no oracle of other
 * counties' usernames).
 */
export async function requireUserInReach(db: Db, actor: Actor, id: number) {
  const user = await findUserById(db, id);
  if (!user || !reaches(actor, user.org_path)) throw new NotFoundError('用户不存在');
  return user;
}

export async function setRoles(ctx: AppContext, actor: Actor, id: number, input: { roles: string[] }) {
  assertCan(actor, 'user.manage');
  const roles = validRoles(input.roles);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await requireUserInReach(trx, actor, id);
    if (user.id === actor.userId) throw new ForbiddenError('不能修改自己的角色，请由上级管理员办理');
    const before = (await findRoles(trx, id)) as Role[];
    const granted = assertMayGrant(actor, roles, before);
    await replaceRoles(trx, id, roles);
    const org = { path: user.org_path, code: user.org_code };
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'user',
      entityId: id,
      org,
      summary: `修改用户 ${user.username} 的角色：${roleLabels(before)} → ${roleLabels(roles)}`,
    });
    await auditGrant(trx, actor, { id, username: user.username, org }, granted);
    return { id, roles };
  });
}
