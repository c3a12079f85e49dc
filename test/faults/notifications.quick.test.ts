import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/create-db.ts';
import {
  PG_URL,
  type Place,
  place,
  prepared,
  type Server,
  startServer,
  stop,
} from '../../src/test/processes.ts';

/**
 * Issue 15: two real server processes on one PostgreSQL database queue the day's 待办 digest once and send it
 * once, however often their schedulers look (every 100 ms here) and however often the job falls due again.
 */
const places: Place[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await stop(s, 'SIGKILL');
  for (const p of places.splice(0)) await p.dispose();
});

async function within(withinMs: number, probe: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start <= withinMs) {
    if (await probe()) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Number.POSITIVE_INFINITY;
}

describe.skipIf(!PG_URL)('two server processes send a reminder once (issue 15)', () => {
  it('queue the digest once and write it once to the file channel', async () => {
    const where = await place('postgres');
    places.push(where);
    await prepared(where);
    const folder = path.join(where.dataDir, 'notifications');
    const db = createDb(where.databaseUrl);
    try {
      // The county admin of the prepared world: a branch without a secretary waits in his 待办.
      const admin = await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('notification_contacts')
        .values({
          user_id: admin.id,
          email: 'admin@fault.example',
          wechat_openid: 'oWx-fault-admin',
          updated_at: 'x',
        })
        .execute();
      const env = {
        ...where.env,
        TUANWU_SCHEDULER_TICK_MS: '100',
        TUANWU_NOTIFY_DIR: folder,
        // Whatever the hour the suite runs at.
        TUANWU_DIGEST_HOUR: '0',
      };
      servers.push(await startServer(env), await startServer(env));
      const lines = (channel: string) => {
        try {
          return readFileSync(path.join(folder, `${channel}.jsonl`), 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean);
        } catch {
          return [];
        }
      };
      expect(
        await within(10_000, async () => lines('email').length > 0 && lines('wechat').length > 0),
      ).toBeLessThan(10_000);
      // The digest job falls due again five times, each taken by one of them: nothing more is queued or sent.
      for (let i = 0; i < 5; i++) {
        const runs = async () =>
          (
            await db
              .selectFrom('scheduled_runs')
              .select('runs')
              .where('job', '=', 'notifications.digest')
              .executeTakeFirstOrThrow()
          ).runs;
        const before = await runs();
        await db
          .updateTable('scheduled_runs')
          .set({ next_run_at: new Date(Date.now() - 1000).toISOString() })
          .where('job', '=', 'notifications.digest')
          .execute();
        expect(await within(5_000, async () => (await runs()) > before)).toBeLessThan(5_000);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(lines('email')).toHaveLength(1);
      expect(lines('wechat')).toHaveLength(1);
      expect(JSON.parse(lines('email')[0]!)).toMatchObject({ to: 'admin@fault.example' });
      const rows = await db
        .selectFrom('notifications')
        .select(['channel', 'state', 'attempts'])
        .orderBy('channel')
        .execute();
      expect(rows).toEqual([
        { channel: 'email', state: 'sent', attempts: 1 },
        { channel: 'wechat', state: 'sent', attempts: 1 },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
