import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../../db/create-db.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { multipartFile } from '../../test/dump.ts';
import { buildOrg, buildUser } from '../../test/factories.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { claimJob } from './import-jobs.repository.ts';
import { ONE_AT_A_TIME, type QueuedJob } from './import-queue.ts';

let serial = 0;

/** A people file of `n` new 群众, each with an identity number never used before in this run. */
function peopleCsv(n: number): Buffer {
  const lines = ['身份证号,姓名,政治面貌'];
  for (let i = 0; i < n; i++) {
    const k = serial++;
    lines.push(
      `${makeIdNumber('419902', `2002-02-${String(1 + Math.floor(k / 1000)).padStart(2, '0')}`, k % 1000)},排队${k},群众`,
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

const until = async <T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> => {
  for (let i = 0; i < 400; i++) {
    const found = await probe();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

for (const dialect of DIALECTS) {
  describe(`import queue (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    const sessions = new Map<string, Session>();

    const upload = (app: App, user: string, name: string, content: Buffer, query = '') => {
      const { payload, headers } = multipartFile(name, content);
      return app.inject({
        method: 'POST',
        url: `/api/imports/people${query}`,
        headers: { ...sessions.get(user)!.headers, ...headers },
        payload,
      });
    };
    const jobsOf = async (app: App, user: string): Promise<QueuedJob[]> => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/imports',
        headers: sessions.get(user)!.headers,
      });
      expect(res.statusCode).toBe(200);
      return (res.json() as { jobs: QueuedJob[] }).jobs;
    };
    /** The user's own job once its file is in (queued with its name). */
    const queuedJob = (app: App, user: string, fileName: string) =>
      until(
        async () =>
          (await jobsOf(app, user)).find((j) => j.mine && j.fileName === fileName && j.state === 'queued'),
        `${user}'s ${fileName} to be queued`,
      );
    /** Takes one of the app's slots with a job of the command line's, until the returned function is called. */
    const holdSlot = async (app: App) => {
      const queue = app.importQueue;
      const id = await queue.enqueue(systemActor(), 'people', false, 'held.csv');
      await queue.start(id);
      return () => queue.finish(id, { state: 'done', summary: '测试占用结束' }, true);
    };

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, { code: 'QL', parentCode: null, kind: 'committee', level: 'city' });
      await buildOrg(ctx, { code: 'QL-A', parentCode: 'QL', kind: 'committee', level: 'county' });
      for (let i = 1; i <= 9; i++) {
        await buildUser(ctx, { username: `q${i}`, orgCode: 'QL-A', roles: ['org_admin'] });
        sessions.set(`q${i}`, await login(sut, `q${i}`, 'correct-horse-battery'));
      }
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('runs one import per process by default and queues the next as 排队中 with its place; a second upload of the same user is refused with 409, dry run included', async () => {
      expect(sut.importQueue.concurrency).toBe(1);
      const release = await holdSlot(sut);
      const first = upload(sut, 'q1', 'first.csv', peopleCsv(3));
      const job = await queuedJob(sut, 'q1', 'first.csv');
      expect(job).toMatchObject({
        state: 'queued',
        stateLabel: '排队中',
        ahead: 1,
        dryRun: false,
        username: 'q1',
      });

      for (const query of ['', '?dryRun=true']) {
        const second = await upload(sut, 'q1', 'second.csv', peopleCsv(1), query);
        expect(second.statusCode).toBe(409);
        expect(second.json().error.message).toBe(ONE_AT_A_TIME);
        expect(ONE_AT_A_TIME).toBe('您已有一个导入正在排队或进行中，请等它结束后再上传下一个文件');
      }
      // Another user is not held up by q1's place: he queues behind it.
      const other = upload(sut, 'q2', 'other.csv', peopleCsv(2), '?dryRun=true');
      expect(await queuedJob(sut, 'q2', 'other.csv')).toMatchObject({ ahead: 2, dryRun: true });

      await release();
      const [a, b] = await Promise.all([first, other]);
      expect(a.statusCode).toBe(200);
      expect(a.json()).toMatchObject({ fileName: 'first.csv', inserted: 3, dryRun: false });
      expect(b.statusCode).toBe(200);
      expect(b.json()).toMatchObject({ fileName: 'other.csv', inserted: 2, dryRun: true });
      expect((await jobsOf(sut, 'q1')).filter((j) => j.mine)).toEqual([]);
      // Once the first ended, the user may upload again.
      expect((await upload(sut, 'q1', 'again.csv', peopleCsv(1))).statusCode).toBe(200);
    });

    it('runs at most N at once per process and starts the queued ones first come, first served', async () => {
      const app = await buildTestApp(ctx, { importQueue: { concurrency: 2 } });
      try {
        const releases = [await holdSlot(app), await holdSlot(app)];
        const answers = [];
        for (const user of ['q3', 'q4', 'q5']) {
          answers.push(upload(app, user, `${user}.csv`, peopleCsv(200)));
          await queuedJob(app, user, `${user}.csv`);
        }
        const places = (await jobsOf(app, 'q3'))
          .filter((j) => j.state === 'queued')
          .map((j) => [j.username, j.ahead]);
        expect(places).toEqual([
          ['q5', 4],
          ['q4', 3],
          ['q3', 2],
        ]);
        let most = 0;
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            const running = await app.importQueue.db
              .selectFrom('import_jobs')
              .select('id')
              .where('owner', '=', app.importQueue.owner)
              .where('state', '=', 'running')
              .execute();
            most = Math.max(most, running.length);
            await new Promise((r) => setTimeout(r, 5));
          }
        })();
        await releases[0]!();
        expect((await answers[0]!).statusCode).toBe(200);
        // q3 took the freed slot; the other is still held, so q5 waits behind q4.
        await releases[1]!();
        const rest = await Promise.all(answers.slice(1));
        sampling = false;
        await sampler;
        expect(rest.map((r) => r.statusCode)).toEqual([200, 200]);
        expect(most).toBeLessThanOrEqual(2);
        const jobs = await app.importQueue.db
          .selectFrom('import_jobs')
          .select(['username', 'started_at', 'state'])
          .where('username', 'in', ['q3', 'q4', 'q5'])
          .orderBy('started_at')
          .orderBy('id')
          .execute();
        expect(jobs.map((j) => [j.username, j.state])).toEqual([
          ['q3', 'done'],
          ['q4', 'done'],
          ['q5', 'done'],
        ]);
      } finally {
        await app.close();
      }
    });

    it('marks 已中断 a job whose process stopped beating, and lets its user upload again; a live one elsewhere still counts', async () => {
      const queue = sut.importQueue;
      const users = await ctx.db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', 'in', ['q6', 'q7'])
        .execute();
      const idOf = (name: string) => users.find((u) => u.username === name)!.id;
      const { path: orgPath } = await ctx.db
        .selectFrom('orgs')
        .select('path')
        .where('code', '=', 'QL-A')
        .executeTakeFirstOrThrow();
      const long = new Date(Date.now() - 10 * 60_000).toISOString();
      const row = (user: string, heartbeat: string) => ({
        kind: 'people',
        file_name: `${user}-elsewhere.csv`,
        user_id: idOf(user),
        username: user,
        org_path: orgPath,
        dry_run: 0,
        state: 'running',
        owner: 'another-host:4242:deadbeef',
        created_at: long,
        started_at: long,
        heartbeat_at: heartbeat,
      });
      // Rows as another process would have left them: q6's died ten minutes ago, q7's beat just now.
      await queue.db
        .insertInto('import_jobs')
        .values([row('q6', long), row('q7', nowIso())])
        .execute();
      const seen = await jobsOf(sut, 'q6');
      expect(seen.find((j) => j.fileName === 'q6-elsewhere.csv')).toMatchObject({
        state: 'interrupted',
        stateLabel: '已中断',
        summary: '处理该导入的服务进程已停止（心跳超时），文件未导入；请重新上传',
      });
      expect(seen.find((j) => j.fileName === 'q7-elsewhere.csv')).toMatchObject({
        state: 'running',
        stateLabel: '导入中',
      });
      expect((await upload(sut, 'q6', 'retry.csv', peopleCsv(1))).statusCode).toBe(200);
      const refused = await upload(sut, 'q7', 'meanwhile.csv', peopleCsv(1));
      expect([refused.statusCode, refused.json().error.message]).toEqual([409, ONE_AT_A_TIME]);
    });

    it('keeps a long job of a live process alive by its heartbeat, and claims a job once only', async () => {
      const app = await buildTestApp(ctx, { importQueue: { concurrency: 1, heartbeatMs: 40, staleMs: 300 } });
      try {
        const queue = app.importQueue;
        const release = await holdSlot(app);
        await new Promise((r) => setTimeout(r, 700));
        const held = await queue.db
          .selectFrom('import_jobs')
          .select('state')
          .where('file_name', '=', 'held.csv')
          .where('owner', '=', queue.owner)
          .executeTakeFirstOrThrow();
        expect(held.state).toBe('running');
        await release();
        const id = await queue.enqueue(systemActor(), 'people', true, 'twice.csv');
        expect(await claimJob(queue.db, id, 'someone-else:1:x', 1, nowIso())).toBe(false);
        expect(await claimJob(queue.db, id, queue.owner, 1, nowIso())).toBe(true);
        expect(await claimJob(queue.db, id, queue.owner, 1, nowIso())).toBe(false);
        await queue.finish(id, { state: 'done', summary: '—' }, false);
      } finally {
        await app.close();
      }
    });

    it('drops a queued job whose uploader left before its turn: it never runs and takes no slot', async () => {
      const queue = sut.importQueue;
      const release = await holdSlot(sut);
      const id = await queue.enqueue(systemActor(), 'people', false, 'left.csv');
      const left = new AbortController();
      const waiting = queue.start(id, left.signal);
      left.abort();
      await expect(waiting).rejects.toThrow('上传已取消：您已离开页面或断开连接，文件未导入');
      await queue.finish(id, { state: 'failed', summary: '上传者已离开' }, false);
      await release();
      // The slot is free again: the next job starts at once.
      const next = await queue.enqueue(systemActor(), 'people', true, 'next.csv');
      await queue.start(next);
      await queue.finish(next, { state: 'done', summary: '—' }, true);
      const row = await queue.db
        .selectFrom('import_jobs')
        .select(['state', 'started_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'failed', started_at: null });
    });

    it.runIf(dialect === 'postgres')(
      'two app instances on one database: each runs at most N, no job runs twice, per-user limit across both',
      async () => {
        const a = await buildTestApp(ctx, { importQueue: { concurrency: 1 } });
        const b = await buildTestApp(ctx, { importQueue: { concurrency: 1 } });
        try {
          let most = 0;
          let sampling = true;
          const sampler = (async () => {
            while (sampling) {
              const rows = await ctx.db
                .selectFrom('import_jobs')
                .select(['owner', (eb) => eb.fn.countAll<number>().as('n')])
                .where('state', '=', 'running')
                .groupBy('owner')
                .execute();
              for (const r of rows) most = Math.max(most, Number(r.n));
              await new Promise((r) => setTimeout(r, 5));
            }
          })();
          const before = await ctx.db.selectFrom('imports').select('id').execute();
          const users = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];
          const answers = await Promise.all(
            users.map((user, i) => upload(i % 2 === 0 ? a : b, user, `${user}-both.csv`, peopleCsv(300))),
          );
          sampling = false;
          await sampler;
          expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
          expect(most).toBe(1);
          const jobs = await ctx.db
            .selectFrom('import_jobs')
            .select(['owner', 'state', 'import_id'])
            .where('file_name', 'like', '%-both.csv')
            .execute();
          expect(jobs).toHaveLength(6);
          expect(new Set(jobs.map((j) => j.import_id)).size).toBe(6);
          expect(new Set(jobs.map((j) => j.owner))).toEqual(
            new Set([a.importQueue.owner, b.importQueue.owner]),
          );
          const after = await ctx.db.selectFrom('imports').select('id').execute();
          expect(after.length - before.length).toBe(6);

          // One user, one import, whichever process is asked.
          const release = await holdSlot(a);
          const waiting = upload(a, 'q8', 'q8-a.csv', peopleCsv(1));
          await queuedJob(a, 'q8', 'q8-a.csv');
          const onB = await upload(b, 'q8', 'q8-b.csv', peopleCsv(1));
          expect([onB.statusCode, onB.json().error.message]).toEqual([409, ONE_AT_A_TIME]);
          await release();
          expect((await waiting).statusCode).toBe(200);
        } finally {
          await a.close();
          await b.close();
        }
      },
    );
  });
}
