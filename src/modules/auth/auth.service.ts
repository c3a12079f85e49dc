import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../lib/crypto.ts';
import { ForbiddenError, UnauthorizedError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findRoles, findUserById, findUserByUsername } from '../users/users.service.ts';
import { type Actor, isRole, permissionsOf } from './auth.policy.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  findLiveSession,
  insertSession,
  touchSession,
} from './auth.repository.ts';
import {
  assertNotBlocked,
  countAttempt,
  forgetAttempts,
  LOGIN_PER_USERNAME,
  type ThrottleRule,
} from './throttle.service.ts';

/**
 * Every session of a user ends, but the one in use when `keep` names it (his own password change); in the
 * caller's transaction, with the account change that calls for it (users' password reset, disabling).
 */
export async function endSessionsOfUser(db: Db, userId: number, keep?: string): Promise<void> {
  await deleteSessionsOfUser(db, userId, keep);
}

/** Sessions slide: each use extends them to this idle limit. */
const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** However busy, a session ends this long after sign-in (a stolen cookie does not live forever). */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Refresh the stored expiry at most this often, so reads do not each write. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface SessionStart {
  token: string;
  csrfToken: string;
  actor: Actor;
  /** An administrator reset the password: nothing but changing it until then. */
  mustChangePassword: boolean;
}

async function actorFor(
  ctx: AppContext,
  userId: number,
  ip: string | null,
): Promise<(Actor & { mustChangePassword: boolean }) | null> {
  const user = await findUserById(ctx.db, userId);
  if (user?.status !== 'active') return null;
  const roles = (await findRoles(ctx.db, user.id)).filter(isRole);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    orgId: user.org_id,
    orgCode: user.org_code,
    orgName: user.org_name,
    orgLevel: user.org_level,
    orgPath: user.org_path,
    scopePath: roles.includes('system_admin') ? '/' : user.org_path,
    roles,
    permissions: new Set(permissionsOf(roles)),
    ip,
    mustChangePassword: user.must_change_password === 1,
  };
}

/**
 * The actor a user is when no request is under way (issue 15: his daily digest counts what his to-do centre
 * would show him); null for a user who may not sign in.
 */
export async function actorForUser(ctx: AppContext, userId: number): Promise<Actor | null> {
  const found = await actorFor(ctx, userId, null);
  if (!found) return null;
  const { mustChangePassword: _, ...actor } = found;
  return actor;
}

/**
 * Verified when the username is unknown, so an unknown name costs the same scrypt as a wrong password and the
 * answer's timing tells nothing.
 */
const DUMMY_HASH = hashPassword('tuanwu-dummy-password-never-matches');

/** Why a user with the right password is still not let in; anyone else hears only 用户名或密码错误. */
const NOT_ACTIVE: Record<string, string> = {
  pending: '账号待组织者确认，确认后即可登录',
  disabled: '账号已停用，请联系管理员',
};

export async function login(
  ctx: AppContext,
  input: { username: string; password: string },
  client: { ip: string | null; userAgent: string | null; perAddress: ThrottleRule },
): Promise<SessionStart> {
  const budgets = [
    { key: `login:ip:${client.ip ?? '-'}`, rule: client.perAddress },
    { key: `login:user:${input.username.toLowerCase()}`, rule: LOGIN_PER_USERNAME },
  ];
  await assertNotBlocked(ctx.db, budgets);
  const user = await findUserByUsername(ctx.db, input.username);
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? (await DUMMY_HASH));
  if (!user || !passwordOk) {
    await recordAudit(
      ctx.db,
      null,
      {
        action: 'login_failed',
        entity: 'user',
        org: user ? { path: user.org_path, code: user.org_code } : null,
        summary: `登录失败：${user ? user.username : '未知用户名'}`,
      },
      client.ip,
    );
    await countAttempt(ctx.db, budgets);
    throw new UnauthorizedError('用户名或密码错误');
  }
  if (user.status !== 'active') throw new ForbiddenError(NOT_ACTIVE[user.status] ?? NOT_ACTIVE.disabled);
  await forgetAttempts(ctx.db, budgets[1]!.key);
  const { mustChangePassword, ...actor } = (await actorFor(ctx, user.id, client.ip))!;
  const token = randomToken();
  const csrfToken = randomToken(24);
  const now = nowIso();
  await insertSession(ctx.db, {
    id: sha256(token),
    user_id: user.id,
    csrf_token: csrfToken,
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
    created_at: now,
    expires_at: new Date(Date.now() + SESSION_IDLE_MS).toISOString(),
    last_seen_at: now,
  });
  await recordAudit(ctx.db, actor, {
    action: 'login',
    entity: 'user',
    entityId: user.id,
    org: { path: user.org_path, code: user.org_code },
    summary: `${user.display_name}（${user.username}）登录`,
  });
  return { token, csrfToken, actor, mustChangePassword };
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  sessionId: string;
  mustChangePassword: boolean;
}

export async function resolveSession(
  ctx: AppContext,
  token: string,
  ip: string | null,
): Promise<ResolvedSession | null> {
  const id = sha256(token);
  const now = new Date();
  const session = await findLiveSession(ctx.db, id, now.toISOString());
  if (!session) return null;
  if (now.getTime() - Date.parse(session.created_at) > SESSION_ABSOLUTE_MS) {
    await deleteSession(ctx.db, id);
    return null;
  }
  const found = await actorFor(ctx, session.user_id, ip);
  if (!found) return null;
  const { mustChangePassword, ...actor } = found;
  if (now.getTime() - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) {
    await touchSession(
      ctx.db,
      id,
      now.toISOString(),
      new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
    );
  }
  return { actor, csrfToken: session.csrf_token, sessionId: id, mustChangePassword };
}

/** Removes sessions past their expiry (a scheduled job, scheduler.jobs.ts); they no longer open anything. */
export async function endExpiredSessions(ctx: AppContext): Promise<void> {
  await deleteExpiredSessions(ctx.db, nowIso());
}

export async function logout(ctx: AppContext, session: ResolvedSession): Promise<void> {
  await deleteSession(ctx.db, session.sessionId);
  await recordAudit(ctx.db, session.actor, {
    action: 'logout',
    entity: 'user',
    entityId: session.actor.userId,
    org: { path: session.actor.orgPath, code: session.actor.orgCode },
    summary: `${session.actor.displayName}（${session.actor.username}）退出登录`,
  });
}
