import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context.ts';
import { createDb } from '../../db/create-db.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildUser } from '../../test/factories.ts';
import { JOBS } from './scheduler.jobs.ts';
import { findRuns } from './scheduler.repository.ts';
import { type Job, Scheduler } from './scheduler.service.ts';

/** Issue 14: a job due once runs once, however many processes' schedulers find it due together. */
for (const dialect of DIALECTS) {
  describe(`scheduler (${dialect})`, () => {
    let ctx: TestContext;
    let other: AppContext;
    let now = new Date('2026-12-03T08:00:00.000Z');
    const clock = () => now;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      // A second pool on the same database: what a second process has.
      other = { ...ctx, db: createDb(ctx.config.databaseUrl) };
    });
    afterAll(async () => {
      await other.db.destroy();
      await ctx.dispose();
    });

    it('runs a due job once across two processes ticking together, then again when next due', async () => {
      const ran: string[] = [];
      const job = (who: string): Job => ({
        name: 'test.counted',
        everyMs: 60_000,
        run: async () => {
          ran.push(who);
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
      });
      const a = new Scheduler(ctx, [job('A')], { tickMs: 3_600_000, owner: 'A', now: clock });
      const b = new Scheduler(other, [job('B')], { tickMs: 3_600_000, owner: 'B', now: clock });
      await Promise.all([a.start(), b.start()]);
      await Promise.all([a.tick(), b.tick()]);
      for (let i = 0; i < 10; i++) await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      expect(ran).toHaveLength(1);
      now = new Date(now.getTime() + 60_000);
      for (let i = 0; i < 10; i++) await Promise.all([a.tick(), b.tick()]);
      expect(ran).toHaveLength(2);
      await Promise.all([a.stop(), b.stop()]);
      const row = (await findRuns(ctx.db)).find((r) => r.job === 'test.counted')!;
      expect(row.runs).toBe(2);
      expect(['A', 'B']).toContain(row.last_owner);
      expect(row.next_run_at).toBe(new Date(now.getTime() + 60_000).toISOString());
    });

    it('records a failing job’s error and goes on with the others', async () => {
      const done: string[] = [];
      const failing: Job = {
        name: 'test.failing',
        everyMs: 60_000,
        run: async () => {
          throw new Error('身份证号 411424200001010011 无法处理');
        },
      };
      const fine: Job = { name: 'test.fine', everyMs: 60_000, run: async () => void done.push('fine') };
      const s = new Scheduler(ctx, [failing, fine], { tickMs: 3_600_000, now: clock });
      await s.start();
      await s.tick();
      await s.stop();
      expect(done).toEqual(['fine']);
      const row = (await findRuns(ctx.db)).find((r) => r.job === 'test.failing')!;
      // No personal data comes to rest in the table (DESIGN.md).
      expect(row.last_error).toBe('身份证号 4114************11 无法处理');
    });

    it('stop() waits for the run under way', async () => {
      let finished = false;
      const slow: Job = {
        name: 'test.slow',
        everyMs: 60_000,
        run: async () => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          finished = true;
        },
      };
      const s = new Scheduler(ctx, [slow], { tickMs: 3_600_000, now: clock });
      await s.start();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await s.stop();
      expect(finished).toBe(true);
    });

    it('the server’s jobs remove expired sessions and stale throttle keys', async () => {
      const user = await buildUser(ctx, { username: 'sched-user' });
      const at = (ms: number) => new Date(Date.now() + ms).toISOString();
      const session = (id: string, expiresAt: string) => ({
        id,
        user_id: user.id,
        csrf_token: 'x',
        ip: null,
        user_agent: null,
        created_at: at(-1000),
        expires_at: expiresAt,
        last_seen_at: at(-1000),
      });
      await ctx.db
        .insertInto('sessions')
        .values([session('expired', at(-1)), session('live', at(3_600_000))])
        .execute();
      const old = Date.now() - 3 * 24 * 3_600_000;
      await ctx.db
        .insertInto('auth_throttle')
        .values([
          { key: 'login:ip:old', hits: 1, window_started_ms: old, strikes: 0, blocked_until_ms: 0 },
          { key: 'login:ip:new', hits: 1, window_started_ms: Date.now(), strikes: 0, blocked_until_ms: 0 },
        ])
        .execute();
      const s = new Scheduler(ctx, JOBS, { tickMs: 3_600_000 });
      await s.start();
      await s.tick();
      await s.stop();
      const sessions = await ctx.db.selectFrom('sessions').select('id').execute();
      expect(sessions.map((r) => r.id)).toEqual(['live']);
      const keys = await ctx.db.selectFrom('auth_throttle').select('key').execute();
      expect(keys.map((r) => r.key)).toEqual(['login:ip:new']);
    });
  });
}
