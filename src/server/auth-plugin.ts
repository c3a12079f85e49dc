import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { ForbiddenError, UnauthorizedError } from '../lib/errors.ts';
import type { Actor } from '../modules/auth/auth.policy.ts';
import { type ResolvedSession, resolveSession } from '../modules/auth/auth.service.ts';

export const SESSION_COOKIE = 'tuanwu_session';
export const CSRF_COOKIE = 'tuanwu_csrf';
const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes reachable without a session, or where no session exists yet to hold a CSRF token. */
const CSRF_EXEMPT = new Set(['/api/auth/login']);

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

/** The signed-in actor, or 401. Every protected route starts here. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.session) throw new UnauthorizedError();
  return request.session.actor;
}

export function setSessionCookies(
  reply: FastifyReply,
  tokens: { token: string; csrfToken: string },
  secure: boolean,
): void {
  reply.setCookie(SESSION_COOKIE, tokens.token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
  // Readable by the admin's script, which echoes it in the header (double submit, checked against the session).
  reply.setCookie(CSRF_COOKIE, tokens.csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await resolveSession(ctx, token, request.ip) : null;
    if (SAFE_METHODS.has(request.method) || !request.session) return;
    const path = request.url.split('?')[0]!;
    if (CSRF_EXEMPT.has(path)) return;
    if (request.headers[CSRF_HEADER] !== request.session.csrfToken) {
      throw new ForbiddenError('安全校验失败（CSRF），请刷新页面后重试');
    }
  });
}
