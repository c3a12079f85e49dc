import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../test/db.ts';
import { buildApp } from './app.ts';
import type { Lifecycle } from './health.routes.ts';

/** Issue 14: liveness, readiness and request ids, as a load balancer and an operator reading logs see them. */
for (const dialect of DIALECTS) {
  describe(`liveness, readiness and request ids (${dialect})`, () => {
    let ctx: TestContext;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
    });
    afterAll(async () => {
      await ctx.dispose();
    });

    it('answers /api/health and /api/ready to anyone; ready turns 503 while the process drains', async () => {
      const lifecycle: Lifecycle = { draining: false };
      const sut = await buildApp({ ctx, lifecycle });
      try {
        const health = await sut.inject({ url: '/api/health' });
        expect(health.statusCode).toBe(200);
        expect(health.json()).toEqual({ status: 'ok' });
        const ready = await sut.inject({ url: '/api/ready' });
        expect(ready.statusCode).toBe(200);
        expect(ready.json()).toEqual({ status: 'ready' });
        lifecycle.draining = true;
        const draining = await sut.inject({ url: '/api/ready' });
        expect(draining.statusCode).toBe(503);
        expect(draining.json().error.code).toBe('DRAINING');
        // Still alive: a draining process is not to be restarted.
        expect((await sut.inject({ url: '/api/health' })).statusCode).toBe(200);
      } finally {
        await sut.close();
      }
    });

    it('is not ready while a migration of this build has not run', async () => {
      const name = '20261203000300_scheduled_runs';
      const row = await ctx.db
        .selectFrom('kysely_migration' as never)
        .selectAll()
        .where(sql.ref('name'), '=', name)
        .executeTakeFirstOrThrow();
      await ctx.db
        .deleteFrom('kysely_migration' as never)
        .where(sql.ref('name'), '=', name)
        .execute();
      const sut = await buildApp({ ctx });
      try {
        const ready = await sut.inject({ url: '/api/ready' });
        expect(ready.statusCode).toBe(503);
        expect(ready.json().error.code).toBe('MIGRATIONS_PENDING');
      } finally {
        await sut.close();
        await ctx.db
          .insertInto('kysely_migration' as never)
          .values(row as never)
          .execute();
      }
    });

    it('logs JSON lines with the request id, echoes it, and takes X-Request-Id only from a trusted proxy', async () => {
      const lines: string[] = [];
      const stream = new PassThrough();
      stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
      const behindProxy = { ...ctx, config: { ...ctx.config, trustProxy: 'loopback' } };
      const proxied = await buildApp({ ctx: behindProxy, logger: { stream } });
      const direct = await buildApp({ ctx });
      try {
        const nginxId = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
        const res = await proxied.inject({ url: '/api/health', headers: { 'x-request-id': nginxId } });
        expect(res.headers['x-request-id']).toBe(nginxId);
        const logged = lines.map((l) => JSON.parse(l) as { reqId?: string; msg: string });
        expect(logged.filter((l) => l.reqId === nginxId).map((l) => l.msg)).toEqual([
          'incoming request',
          'request completed',
        ]);
        // Not a plain token, or a phone number: replaced, so nothing personal or forged reaches the log.
        for (const hostile of ['13912345678', 'id with spaces', 'x'.repeat(65)]) {
          const r = await proxied.inject({ url: '/api/health', headers: { 'x-request-id': hostile } });
          expect(r.headers['x-request-id']).not.toBe(hostile);
          expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
        }
        expect(lines.join('\n')).not.toContain('13912345678');
        // Without a trusted proxy a client cannot choose its id.
        const own = await direct.inject({ url: '/api/ready', headers: { 'x-request-id': nginxId } });
        expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
        // Portal pages carry it too.
        expect((await direct.inject({ url: '/' })).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      } finally {
        await proxied.close();
        await direct.close();
      }
    });
  });
}
