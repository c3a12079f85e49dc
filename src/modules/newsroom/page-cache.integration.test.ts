import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context.ts';
import { createDb } from '../../db/create-db.ts';
import type { Listener } from '../../db/notify.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildUser } from '../../test/factories.ts';
import { setNewsroomClock } from './newsroom.clock.ts';
import { listenForPageChanges } from './page-cache.ts';

/** Waits until `probe` holds, polling every 20 ms; how long it took, or Infinity after `withinMs`. */
async function within(withinMs: number, probe: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start <= withinMs) {
    if (await probe()) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * Issue 14: two processes on one database each keep rendered pages in memory; a publish on one must reach
 * the other's readers within a second. Two contexts (two pools, as two processes have) stand for them here;
 * test/faults/cluster.quick.test.ts does it with real processes.
 */
for (const dialect of DIALECTS) {
  describe(`page cache across processes (${dialect})`, () => {
    let ctx: TestContext;
    let other: AppContext;
    let a: App;
    let b: App;
    let listener: Listener | null;
    let editor: Session;
    let reviewer: Session;
    let admin: Session;
    // Both processes read the same clock, as two processes on one machine do; tests move it.
    let now = new Date();

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      other = { ...ctx, db: createDb(ctx.config.databaseUrl) };
      setNewsroomClock(ctx, () => now);
      setNewsroomClock(other, () => now);
      a = await buildTestApp(ctx);
      b = await buildTestApp(other as TestContext);
      listener = listenForPageChanges(other);
      await listener?.ready;
      await buildOrg(ctx, { code: 'PC', name: '共青团缓存市委员会', parentCode: null, kind: 'committee' });
      await buildUser(ctx, { username: 'admin', orgCode: 'PC', roles: ['org_admin'] });
      await buildUser(ctx, { username: 'editor', orgCode: 'PC', roles: ['portal_editor'] });
      await buildUser(ctx, { username: 'reviewer', orgCode: 'PC', roles: ['portal_reviewer'] });
      admin = await login(a, 'admin', 'correct-horse-battery');
      editor = await login(a, 'editor', 'correct-horse-battery');
      reviewer = await login(a, 'reviewer', 'correct-horse-battery');
      const made = await a.inject({
        method: 'POST',
        url: '/api/newsroom/channels',
        headers: admin.headers,
        payload: { slug: 'news', name: '团情快讯', sortOrder: 1 },
      });
      expect(made.statusCode, made.body).toBe(201);
    });
    afterAll(async () => {
      await listener?.close();
      await b.close();
      await a.close();
      await other.db.destroy();
      await ctx.dispose();
    });

    async function publish(title: string, publishAt?: string): Promise<void> {
      const post = (s: Session, url: string, payload?: object) =>
        a.inject({ method: 'POST', url, headers: s.headers, ...(payload ? { payload } : {}) });
      const made = await post(editor, '/api/newsroom/articles', {
        title,
        bodyHtml: '<p>正文</p>',
        channelSlug: 'news',
        ...(publishAt ? { publishAt } : {}),
      });
      expect(made.statusCode, made.body).toBe(201);
      const id = made.json().id as number;
      await post(editor, `/api/newsroom/articles/${id}/submit`);
      const approved = await post(reviewer, `/api/newsroom/articles/${id}/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
    }

    const showsOnB = (text: string) => async () => (await b.inject({ url: '/' })).body.includes(text);

    it.skipIf(dialect !== 'postgres')('a publish on A is served by B within a second', async () => {
      await b.inject({ url: '/' });
      expect((await b.inject({ url: '/' })).headers['x-cache']).toBe('hit');
      await publish('甲进程发布的稿件');
      expect(await within(1000, showsOnB('甲进程发布的稿件'))).toBeLessThan(1000);
    });

    it.skipIf(dialect !== 'postgres')(
      'B’s listener reconnects after its connection is cut, and empties its cache for what it missed',
      async () => {
        await b.inject({ url: '/' });
        expect((await b.inject({ url: '/' })).headers['x-cache']).toBe('hit');
        const admin = new pg.Client({ connectionString: ctx.config.databaseUrl });
        await admin.connect();
        const { rows } = await admin.query(
          "select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and query ilike 'listen %'",
        );
        await admin.end();
        expect(rows.length).toBe(1);
        // Published while B's listener is away: the notification is lost, the reconnection makes up for it.
        await publish('断线期间发布的稿件');
        expect(await within(3000, showsOnB('断线期间发布的稿件'))).toBeLessThan(3000);
        // And it listens again.
        await publish('重连之后发布的稿件');
        expect(await within(1000, showsOnB('重连之后发布的稿件'))).toBeLessThan(1000);
      },
    );

    it.skipIf(dialect !== 'postgres')(
      'a piece scheduled on A appears on B when it falls due, not a cache expiry later',
      async () => {
        await b.inject({ url: '/' });
        expect((await b.inject({ url: '/' })).headers['x-cache']).toBe('hit');
        const due = new Date(now.getTime() + 10 * 60_000);
        await publish('定时发布的稿件', due.toISOString());
        // B emptied its cache on A's announcement, and now keeps its pages only until the piece is due.
        expect(
          await within(1000, async () => (await b.inject({ url: '/' })).headers['x-cache'] === 'miss'),
        ).toBeLessThan(1000);
        expect((await b.inject({ url: '/' })).body).not.toContain('定时发布的稿件');
        now = new Date(due.getTime() + 1000);
        const after = await b.inject({ url: '/' });
        expect(after.headers['x-cache']).toBe('miss');
        expect(after.body).toContain('定时发布的稿件');
      },
    );

    it.skipIf(dialect !== 'sqlite')(
      'SQLite keeps one process’s cache, emptied by its own publish',
      async () => {
        expect(listener).toBeNull();
        await a.inject({ url: '/' });
        expect((await a.inject({ url: '/' })).headers['x-cache']).toBe('hit');
        await publish('单进程发布的稿件');
        const after = await a.inject({ url: '/' });
        expect(after.headers['x-cache']).toBe('miss');
        expect(after.body).toContain('单进程发布的稿件');
      },
    );
  });
}
