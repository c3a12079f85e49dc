import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { hashPassword, verifyPassword } from '../../lib/crypto.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { endSessionsOfUser } from '../auth/auth.service.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { assertMayActFor } from './users.policy.ts';
import {
  findRoles,
  findUserById,
  findUserByUsername,
  setUserStatus,
  updatePassword,
} from './users.repository.ts';
import { requireUserInReach } from './users.service.ts';

/**
 * An account's life after it is created: its holder changes his password, an administrator in reach resets it
 * (the holder must then change it first) or disables and enables the account. Every step ends the sessions it
 * should and is audited.
 */

function checkNewPassword(password: string, username: string): void {
  const weak = passwordProblem(password, username);
  if (weak) throw ValidationError.field('newPassword', null, weak);
}

/** His own password, with the current one; his other sessions end, the one in use stays. */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw new NotFoundError('用户不存在');
  if (!(await verifyPassword(input.currentPassword, user.password_hash)))
    throw ValidationError.field('currentPassword', null, '当前密码不正确');
  checkNewPassword(input.newPassword, user.username);
  if (input.newPassword === input.currentPassword)
    throw ValidationError.field('newPassword', null, '新密码不能与当前密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await updatePassword(trx, user.id, { passwordHash, mustChange: false, now: nowIso() });
    await endSessionsOfUser(trx, user.id, sessionId);
    await recordAudit(trx, actor, {
      action: 'password_change',
      entity: 'user',
      entityId: user.id,
      org: { path: user.org_path, code: user.org_code },
      summary: `${user.username} 修改了自己的密码`,
    });
  });
}

async function requireOtherUser(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'user.manage');
  const user = await requireUserInReach(ctx.db, actor, id);
  if (user.id === actor.userId)
    throw new ForbiddenError('不能对自己的账号执行此操作，修改密码请在“修改密码”页办理');
  return user;
}

/**
 * An administrator sets a new password (the holder forgot his): all his sessions end and, unless the
 * command line's operator says otherwise, his next sign-in can do nothing but change it.
 */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { newPassword: string },
  options: { forceChange?: boolean } = {},
): Promise<void> {
  const user = await requireOtherUser(ctx, actor, id);
  // Resetting a counsellor's password would let the admin sign in as him and read the notes.
  assertMayActFor(actor, await findRoles(ctx.db, user.id));
  checkNewPassword(input.newPassword, user.username);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await updatePassword(trx, user.id, {
      passwordHash,
      mustChange: options.forceChange ?? true,
      now: nowIso(),
    });
    await endSessionsOfUser(trx, user.id);
    await recordAudit(trx, actor, {
      action: 'password_reset',
      entity: 'user',
      entityId: user.id,
      org: { path: user.org_path, code: user.org_code },
      summary: `重置 ${user.username} 的密码`,
    });
  });
}

/** Disabled: every session ends now, and sign-in is refused (after a right password) as 账号已停用. */
export async function setAccountEnabled(
  ctx: AppContext,
  actor: Actor,
  id: number,
  enabled: boolean,
): Promise<void> {
  const user = await requireOtherUser(ctx, actor, id);
  if (user.status === 'pending')
    throw new ConflictError('该账号是待确认的志愿者注册，请在“注册审核”中确认或驳回');
  if (user.status === (enabled ? 'active' : 'disabled')) return;
  await ctx.db.transaction().execute(async (trx) => {
    await setUserStatus(trx, user.id, enabled ? 'active' : 'disabled', nowIso());
    if (!enabled) await endSessionsOfUser(trx, user.id);
    await recordAudit(trx, actor, {
      action: enabled ? 'enable' : 'disable',
      entity: 'user',
      entityId: user.id,
      org: { path: user.org_path, code: user.org_code },
      summary: `${enabled ? '启用' : '停用'}用户 ${user.username}`,
    });
  });
}

/** The command line names users by username. */
export async function userIdByUsername(ctx: AppContext, username: string): Promise<number> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw new NotFoundError(`用户 ${username} 不存在`);
  return user.id;
}
