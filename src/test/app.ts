import type { App } from '../server/app.ts';
import { type BuildAppOptions, buildApp } from '../server/app.ts';
import type { TestContext } from './db.ts';

export async function buildTestApp(
  ctx: TestContext,
  options: {
    loginRateLimit?: number;
    onRoute?: BuildAppOptions['onRoute'];
    importQueue?: BuildAppOptions['importQueue'];
  } = {},
): Promise<App> {
  return buildApp({
    ctx,
    loginRateLimit: options.loginRateLimit ?? 10_000,
    onRoute: options.onRoute,
    importQueue: options.importQueue,
  });
}

export interface Session {
  cookie: string;
  csrfToken: string;
  /** Headers for app.inject: the session cookie, and the CSRF token that writes need. */
  headers: Record<string, string>;
}

export async function login(app: App, username: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const { csrfToken } = res.json() as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

type Reply = Awaited<ReturnType<App['inject']>>;

/** Requests through app.inject as any signed-in session: reads carry its cookie, writes its CSRF token too. */
export function requestsAs(app: App) {
  const write = (method: 'POST' | 'PUT' | 'DELETE') => (s: Session, url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  return {
    get: (s: Session, url: string): Promise<Reply> =>
      app.inject({ method: 'GET', url, headers: { cookie: s.cookie } }),
    post: write('POST'),
    put: write('PUT'),
    delete: write('DELETE'),
  };
}
