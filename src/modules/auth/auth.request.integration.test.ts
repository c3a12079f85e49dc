import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildUser } from '../../test/factories.ts';
import { registerAuth } from './auth.request.ts';

describe('route permission declarations', () => {
  it('refuses to start with an /api route that declares no permission', async () => {
    const app = Fastify();
    registerAuth(app, {} as AppContext);
    const start = async () => {
      await app.register(
        async (api) => {
          api.get('/forgotten', async () => ({ ok: true }));
        },
        { prefix: '/api/things' },
      );
      await app.ready();
    };
    await expect(start()).rejects.toThrow('GET /api/things/forgotten: declare config.permission');
  });

  it('starts when every /api route declares one; routes outside /api need none', async () => {
    const app = Fastify();
    await app.register(fastifyCookie);
    registerAuth(app, {} as AppContext);
    app.get('/api/open', { config: { permission: 'public' } }, async () => ({ ok: true }));
    app.get('/elsewhere', async () => ({ ok: true }));
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/api/open' })).statusCode).toBe(200);
    await app.close();
  });
});

for (const dialect of DIALECTS) {
  describe(`the permission hook (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let counsellor: Session;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, { code: 'SL-A', parentCode: null, kind: 'committee', level: 'county' });
      await buildUser(ctx, { username: 'xinli', orgCode: 'SL-A', roles: ['counsellor'] });
      counsellor = await login(sut, 'xinli', 'correct-horse-battery');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('answers 401 to an anonymous caller before looking at his body', async () => {
      const res = await sut.inject({ method: 'POST', url: '/api/orgs', payload: { nonsense: true } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toEqual({ code: 'UNAUTHORIZED', message: '请先登录' });
    });

    it('answers 403 to a role without the permission before looking at his body', async () => {
      const res = await sut.inject({
        method: 'POST',
        url: '/api/orgs',
        headers: counsellor.headers,
        payload: { nonsense: true },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('无权执行此操作：您的角色没有该权限');
    });

    it('lets a role holding the permission through to the route', async () => {
      const res = await sut.inject({
        method: 'GET',
        url: '/api/counselling/counsellors',
        headers: { cookie: counsellor.cookie },
      });
      expect(res.statusCode).toBe(200);
    });

    it('shows the API documentation to signed-in users only', async () => {
      const anonymous = await sut.inject({ method: 'GET', url: '/api/docs/json' });
      expect(anonymous.statusCode).toBe(401);
      const signedIn = await sut.inject({
        method: 'GET',
        url: '/api/docs/json',
        headers: { cookie: counsellor.cookie },
      });
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json()).toHaveProperty('openapi');
    });

    it('still answers 404 for an /api path no route serves', async () => {
      const res = await sut.inject({ method: 'GET', url: '/api/no-such-thing' });
      expect(res.statusCode).toBe(404);
    });
  });
}
