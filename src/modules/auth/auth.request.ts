import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Config } from '../../config.ts';
import type { AppContext } from '../../context.ts';
import { ForbiddenError, UnauthorizedError } from '../../lib/errors.ts';
import { type Actor, can, type Permission } from './auth.policy.ts';
import { type ResolvedSession, resolveSession } from './auth.service.ts';

export const SESSION_COOKIE = 'tuanwu_session';
export const CSRF_COOKIE = 'tuanwu_csrf';
const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes reachable without a session, or where no session exists yet to hold a CSRF token. */
const CSRF_EXEMPT = new Set(['/api/auth/login']);
/** All a user whose password an administrator reset may do before changing it. */
const BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);
/** Routes registered by plugins rather than modules: the API's own documentation, for signed-in users only. */
const PLUGIN_ROUTES = /^\/api\/docs(\/|$)/;

/**
 * Who may call a route, declared by every /api route in its options (`config: { permission }`):
 * `public` (no session), `authenticated` (any signed-in user), or permissions of which he needs one.
 * The hook below enforces it before the body is read; finer rules (reach, per-record) stay in services.
 */
export type RoutePermission = 'public' | 'authenticated' | Permission | readonly Permission[];

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
  interface FastifyInstance {
    /** Every /api write (`POST /api/people/{id}`, as the OpenAPI document names it) and who may call it. */
    apiWrites: Map<string, RoutePermission>;
  }
}

/**
 * The writes the actor's permissions let him call, named as in the OpenAPI document: the admin shows an action
 * only when its operation is here (admin/src/app/auth.tsx `may`), so a screen learns what a role may do from the
 * routes' own declarations instead of restating them (issue 17, item 8). Per-record rules (reach, the step's
 * organisation) stay with each service.
 */
export function writesOf(actor: Actor, writes: Map<string, RoutePermission>): string[] {
  const allowed: string[] = [];
  for (const [operation, permission] of writes) {
    if (permission === 'public') continue;
    if (permission === 'authenticated') allowed.push(operation);
    else if ((typeof permission === 'string' ? [permission] : permission).some((p) => can(actor, p)))
      allowed.push(operation);
  }
  return allowed.sort();
}

/** The signed-in actor of a route that declared a permission: the hook has already checked him. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new UnauthorizedError();
  return request.session.actor;
}

/** The actor when there is one: for public routes that say more to a signed-in user. */
export function optionalActor(request: FastifyRequest): Actor | null {
  return request.session?.actor ?? null;
}

/**
 * Whether the session cookies are Secure (config.ts `secureCookies`): forced either way, or by default when the
 * site's public URL is https or this request came over https. `request.protocol` reads X-Forwarded-Proto only
 * from the trusted proxy (TUANWU_TRUST_PROXY), so a client cannot talk the flag off or on.
 */
export function cookiesSecure(
  config: Pick<Config, 'secureCookies' | 'publicUrl'>,
  request: FastifyRequest,
): boolean {
  if (config.secureCookies !== 'auto') return config.secureCookies;
  return config.publicUrl?.startsWith('https:') === true || request.protocol === 'https';
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

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/');
}

/** Which permission a registered route needs; undefined only for routes no module declared. */
export function permissionOf(route: Pick<RouteOptions, 'url' | 'config'>): RoutePermission | undefined {
  if (PLUGIN_ROUTES.test(route.url)) return 'authenticated';
  return (route.config as { permission?: RoutePermission } | undefined)?.permission;
}

/** Throws unless the actor passes the declaration (a route's permission, or any one of several). */
export function checkPermission(actor: Actor | null, permission: RoutePermission): void {
  if (permission === 'public') return;
  if (!actor) throw new UnauthorizedError();
  if (permission === 'authenticated') return;
  const anyOf: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  if (!anyOf.some((p) => can(actor, p))) throw new ForbiddenError('无权执行此操作：您的角色没有该权限');
}

/**
 * Sessions, CSRF and route permissions for /api. An /api route without a declaration fails at startup,
 * so a new route cannot forget its check; an unknown /api path falls to the 404 handler.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('session', null);
  app.decorate('apiWrites', new Map<string, RoutePermission>());
  app.addHook('onRoute', (route) => {
    if (!isApi(route.url)) return;
    const permission = permissionOf(route);
    if (permission === undefined)
      throw new Error(`${[route.method].flat().join(',')} ${route.url}: declare config.permission`);
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    for (const method of [route.method].flat()) {
      if (!SAFE_METHODS.has(method)) app.apiWrites.set(`${method} ${path}`, permission);
    }
  });
  app.addHook('onRequest', async (request) => {
    if (!isApi(request.url)) return;
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await resolveSession(ctx, token, request.ip) : null;
    const route = request.routeOptions;
    // The 404 handler has no url; it answers "not found" to everyone.
    const permission =
      route.url === undefined ? undefined : permissionOf({ url: route.url, config: route.config });
    if (permission !== undefined) checkPermission(request.session?.actor ?? null, permission);
    if (!request.session) return;
    const path = request.url.split('?')[0]!;
    if (request.session.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(path)) {
      throw new ForbiddenError('管理员已重置您的密码，请先修改密码');
    }
    if (SAFE_METHODS.has(request.method)) return;
    if (CSRF_EXEMPT.has(path)) return;
    if (request.headers[CSRF_HEADER] !== request.session.csrfToken) {
      throw new ForbiddenError('安全校验失败（CSRF），请刷新页面后重试');
    }
  });
}
