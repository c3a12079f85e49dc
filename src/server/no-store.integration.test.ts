import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../test/db.ts';
import type { App } from './app.ts';

for (const dialect of DIALECTS) {
  describe(`API answers are never cached (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('marks every /api answer no-store, errors included', async () => {
      for (const url of ['/api/health', '/api/people', '/api/no-such-route']) {
        const res = await sut.inject({ method: 'GET', url });
        expect(res.headers['cache-control'], url).toBe('no-store');
      }
    });
  });
}
