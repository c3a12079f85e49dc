import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../test/db.ts';
import type { App } from './app.ts';

/**
 * Issue 12: with a response schema Fastify serialises only the declared fields, so a column added to a
 * query cannot leak by accident. Routes that still answer without one; this list only shrinks: give the
 * route a 2xx response schema (TypeBox, in its module's *.schemas.ts) and take it off. It is empty now:
 * every /api route declares one, and a new route without one fails here.
 */
const WITHOUT_RESPONSE_SCHEMA = new Set<string>([]);

function routeKeys(registered: RouteOptions[]): { key: string; declared: boolean }[] {
  const keys = new Map<string, boolean>();
  for (const r of registered) {
    if (!r.url.startsWith('/api/') || /^\/api\/docs(\/|$)/.test(r.url)) continue;
    const response = (r.schema as { response?: Record<string, unknown> } | undefined)?.response ?? {};
    const declared = Object.keys(response).some((status) => status.startsWith('2'));
    for (const method of [r.method].flat()) if (method !== 'HEAD') keys.set(`${method} ${r.url}`, declared);
  }
  return [...keys].map(([key, declared]) => ({ key, declared }));
}

for (const dialect of DIALECTS) {
  describe(`response schemas (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    const registered: RouteOptions[] = [];

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx, { onRoute: (r) => registered.push(r) });
      await sut.ready();
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('declares a 2xx response schema on every /api route outside the shrinking allow-list', () => {
      const routes = routeKeys(registered);
      const missing = routes
        .filter((r) => !r.declared && !WITHOUT_RESPONSE_SCHEMA.has(r.key))
        .map((r) => r.key);
      expect(missing, 'routes without a response schema: declare one').toEqual([]);
      const done = routes.filter((r) => r.declared && WITHOUT_RESPONSE_SCHEMA.has(r.key)).map((r) => r.key);
      expect(done, 'routes that have a schema now: take them off the allow-list').toEqual([]);
      const gone = [...WITHOUT_RESPONSE_SCHEMA].filter((k) => !routes.some((r) => r.key === k));
      expect(gone, 'allow-listed routes that no longer exist: take them off').toEqual([]);
    });
  });
}
