import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/create-db.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { multipartFile } from '../../test/dump.ts';
import { buildOrg, buildUser } from '../../test/factories.ts';
import { type Actor, permissionsOf, systemActor } from '../auth/auth.policy.ts';
import { runImport } from './engine.ts';
import type { ImportKind } from './import-kind.ts';
import type { QueuedJob } from './import-queue.ts';
import { findImportKind } from './kinds.ts';

let serial = 0;

/** A people file of `n` new 群众 with identity numbers never used before in this run. */
function peopleCsv(n: number): string {
  const lines = ['身份证号,姓名,政治面貌'];
  for (let i = 0; i < n; i++) {
    const k = serial++;
    const day = String(1 + (Math.floor(k / 1000) % 28)).padStart(2, '0');
    lines.push(`${makeIdNumber('419903', `2003-03-${day}`, k % 1000)},进度${k},群众`);
  }
  return `${lines.join('\n')}\n`;
}

const until = async <T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> => {
  for (let i = 0; i < 800; i++) {
    const found = await probe();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

for (const dialect of DIALECTS) {
  describe(`import progress (${dialect})`, () => {
    let ctx: TestContext;
    /** Two apps on one database: the one importing, and the one the browser happens to ask. */
    let importing: App;
    let asked: App;
    let dir: string;
    const sessions = new Map<string, Session>();

    const listOf = async (user: string) => {
      const res = await asked.inject({
        method: 'GET',
        url: '/api/imports',
        headers: sessions.get(user)!.headers,
      });
      expect(res.statusCode).toBe(200);
      return res.json() as { jobs: QueuedJob[]; recent: QueuedJob[] };
    };
    const upload = (user: string, name: string, content: string) => {
      const { payload, headers } = multipartFile(name, Buffer.from(content));
      return importing.inject({
        method: 'POST',
        url: '/api/imports/people',
        headers: { ...sessions.get(user)!.headers, ...headers },
        payload,
      });
    };

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      importing = await buildTestApp(ctx);
      asked = await buildTestApp(ctx);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-progress-'));
      await buildOrg(ctx, { code: 'PG', parentCode: null, kind: 'committee', level: 'city' });
      await buildOrg(ctx, { code: 'PG-A', parentCode: 'PG', kind: 'committee', level: 'county' });
      await buildOrg(ctx, { code: 'PG-B', parentCode: 'PG', kind: 'committee', level: 'county' });
      await buildOrg(ctx, { code: 'PG-A-1', parentCode: 'PG-A' });
      for (const [username, orgCode, role] of [
        ['padmin', 'PG-A', 'org_admin'],
        ['padmin2', 'PG-A', 'org_admin'],
        ['pclerk', 'PG-A-1', 'branch_secretary'],
        ['pclerk2', 'PG-A-1', 'branch_secretary'],
        ['pbadmin', 'PG-B', 'org_admin'],
      ] as const) {
        await buildUser(ctx, { username, orgCode, roles: [role] });
        sessions.set(username, await login(importing, username, 'correct-horse-battery'));
      }
    });
    afterAll(async () => {
      await importing.close();
      await asked.close();
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('shows rows read, checked and written and the time left on the job while the import runs, to another process', async () => {
      const rows = 3_000; // six batches of 500
      const file = path.join(dir, 'big.csv');
      writeFileSync(file, peopleCsv(rows));
      const people = findImportKind('people')!;
      // The writer stops once 1,000 rows are written (the third reader batch read, the engine writing it in
      // slices of ROWS_PER_TURN) until the test has looked: a moment mid-import, without timing.
      let reached!: () => void;
      let release!: () => void;
      const paused = new Promise<void>((r) => (reached = r));
      const gate = new Promise<void>((r) => (release = r));
      const gated: ImportKind = {
        ...people,
        async open(session) {
          const writer = await people.open(session);
          let written = 0;
          return {
            async writeBatch(batchRows) {
              if (written === 1_000) {
                reached();
                await gate;
              }
              await writer.writeBatch(batchRows);
              written += batchRows.length;
            },
            finish: writer.finish ? () => writer.finish!() : undefined,
          };
        },
      };
      const org = await buildOrg(ctx, { code: 'PG-A' });
      const user = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'padmin')
        .executeTakeFirstOrThrow();
      const actor: Actor = {
        ...systemActor(),
        userId: user.id,
        username: 'padmin',
        orgId: org.id,
        orgCode: org.code,
        orgPath: org.path,
        scopePath: org.path,
        roles: ['org_admin'],
        permissions: new Set(permissionsOf(['org_admin'])),
      };
      const queue = importing.importQueue;
      const jobId = await queue.enqueue(actor, 'people', false, 'big.csv');
      await queue.start(jobId);
      // As the upload route does on SQLite: the import's transaction on a connection of its own (imports.service.ts).
      const importDb = dialect === 'sqlite' ? createDb(ctx.config.databaseUrl) : ctx.db;
      const run = runImport(
        { ...ctx, db: importDb },
        actor,
        gated,
        { path: file, name: 'big.csv' },
        {
          dryRun: false,
          record: async () => 0,
          progress: (p) => queue.progress(jobId, p),
        },
      );
      try {
        await Promise.race([paused, run]);
        // Two batches written, the third read and waiting: told within half a second, to whoever asks.
        const mid = await until(async () => {
          const job = (await listOf('padmin')).jobs.find((j) => j.id === jobId);
          return job?.progress?.checked === 1_000 && job.progress.read === 1_500 && job;
        }, 'the job to show two batches done');
        expect(mid).toMatchObject({ state: 'running', mine: true });
        expect(mid.progress).toMatchObject({
          phase: 'importing',
          phaseLabel: '检查并写入',
          read: 1_500,
          checked: 1_000,
          written: 1_000,
          total: rows,
        });
        expect(mid.progress!.etaSeconds).toEqual(expect.any(Number));
        // The clerk of a branch does not see an administrator's job above him; the other county does not either.
        expect((await listOf('pclerk')).jobs.some((j) => j.id === jobId)).toBe(false);
        expect((await listOf('pbadmin')).jobs.some((j) => j.id === jobId)).toBe(false);

        release();
        const outcome = await run;
        expect(outcome).toMatchObject({ rows, inserted: rows, errorCount: 0 });
        const last = await ctx.db
          .selectFrom('import_jobs')
          .select(['phase', 'rows_read', 'rows_checked', 'rows_written', 'rows_total'])
          .where('id', '=', jobId)
          .executeTakeFirst()
          .catch(() => undefined);
        // On SQLite the queue is kept beside the database; there the API is the witness.
        if (dialect === 'postgres')
          expect(last).toEqual({
            phase: 'committing',
            rows_read: rows,
            rows_checked: rows,
            rows_written: rows,
            rows_total: rows,
          });
        const done = (await listOf('padmin')).jobs.find((j) => j.id === jobId);
        expect(done?.progress).toMatchObject({
          phase: 'committing',
          read: rows,
          checked: rows,
          written: rows,
          etaSeconds: 0,
        });
      } finally {
        release();
        await run.catch(() => {});
        await queue.finish(jobId, { state: 'done', summary: '测试结束' }, true);
        if (importDb !== ctx.db) await importDb.destroy();
      }
    });

    it('tells an upload’s progress through its own job, and lists recent imports: one’s own, and an administrator’s whole reach', async () => {
      const mine = await upload('pclerk', 'clerk.csv', peopleCsv(40));
      expect(mine.statusCode).toBe(200);
      const refused = await upload('pclerk2', 'refused.csv', '身份证号,姓名,政治面貌\n123,坏,群众\n');
      expect(refused.statusCode).toBe(422);
      expect((await upload('padmin2', 'admin2.csv', peopleCsv(3))).statusCode).toBe(200);
      expect((await upload('pbadmin', 'other-county.csv', peopleCsv(2))).statusCode).toBe(200);

      const clerk = await listOf('pclerk');
      expect(clerk.recent.map((j) => j.fileName)).toEqual(['clerk.csv']);
      expect(clerk.recent[0]).toMatchObject({
        state: 'done',
        mine: true,
        importId: mine.json().importId,
        summary: '完成：40 行，新增 40，更新 0',
        progress: null,
      });
      // Above: the administrator's own file of the first test.
      const admin = await listOf('padmin');
      expect(admin.recent.map((j) => j.fileName)).toEqual([
        'admin2.csv',
        'refused.csv',
        'clerk.csv',
        'big.csv',
      ]);
      expect(admin.recent.find((j) => j.fileName === 'refused.csv')).toMatchObject({
        mine: false,
        username: 'pclerk2',
        importId: null,
      });
      expect((await listOf('pbadmin')).recent.map((j) => j.fileName)).toEqual(['other-county.csv']);
    });
  });
}
