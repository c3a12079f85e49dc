import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { nowIso } from '../../db/create-db.ts';
import { hashPassword } from '../../lib/crypto.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, assertReaches, isRole, ROLE_LABELS, reaches } from '../auth/auth.policy.ts';
import { requireOrgByCode } from '../orgs/orgs.service.ts';
import { findPersonByIdNumber } from '../people/people.service.ts';
import { findUserByPerson, findUserByUsername, findUsersInScope, insertUser } from './users.repository.ts';

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
  if (input.password.length < 8) throw ValidationError.field('password', null, '密码至少8位');
  const unknown = input.roles.filter((r) => !isRole(r));
  if (input.roles.length === 0 || unknown.length > 0) {
    throw ValidationError.field(
      'roles',
      input.roles.join(','),
      `角色无效，可选：${Object.values(ROLE_LABELS).join('、')}`,
    );
  }
  if (input.roles.includes('system_admin') && actor.scopePath !== '/') {
    throw ValidationError.field('roles', 'system_admin', '只有系统管理员可以设立系统管理员');
  }
  const org = await requireOrgByCode(ctx.db, input.orgCode);
  assertReaches(actor, org.path);
  return ctx.db.transaction().execute(async (trx) => {
    if (await findUserByUsername(trx, input.username))
      throw new ConflictError(`用户名 ${input.username} 已被使用`);
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
      input.roles,
    );
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'user',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `新建用户 ${input.username}（${input.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS]).join('、')}）`,
    });
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
    throw ValidationError.field('idNumber', null, '该身份证号的人员未在您管理的组织中登记，请先登记人员信息');
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
