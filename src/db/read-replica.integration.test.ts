import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../lib/id-number.ts';
import { systemActor } from '../modules/auth/auth.policy.ts';
import { importFile } from '../modules/imports/imports.service.ts';
import { answerSheet } from '../modules/reports/reports.service.ts';
import { createUser } from '../modules/users/users.service.ts';
import type { App } from '../server/app.ts';
import { buildTestApp, login, type Session } from '../test/app.ts';
import { createTestContext, type TestContext } from '../test/db.ts';
import { FIXTURE_SAMPLE } from '../test/sample-county.ts';
import type { Db } from './create-db.ts';
import { createPostgresPool } from './pg-pool.ts';
import type { Database } from './schema.ts';

const SAMPLE = FIXTURE_SAMPLE;
/** The standby server of TEST_PG_URL's cluster (scripts/pg-replica.sh start), e.g. postgres://postgres@127.0.0.1:5433/postgres. */
const REPLICA_URL = process.env.TEST_PG_REPLICA_URL;
const REPORT = '/api/reports/answer-sheet?org=SL-A&from=2022-01-01&to=2023-12-31';

function onDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A standby pool as bootstrap.ts opens one (read-only), recording the SQL it is sent. */
function recordedStandby(url: string): { db: Db; queries: string[] } {
  const queries: string[] = [];
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: createPostgresPool(url, { readOnly: true }) }),
    log: (event) => {
      queries.push(event.query.sql);
    },
  });
  return { db, queries };
}

/** League members of the sample's first township, joined in the report's period. */
function peopleCsv(from: number, count: number): string {
  const lines = ['身份证号,姓名,政治面貌,所在团组织编码,入团日期'];
  for (let i = from; i < from + count; i++) {
    lines.push(`${makeIdNumber('110101', '2006-05-04', i)},副本测试${i},共青团员,SL-A-T01,2023-05-04`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

const dataQueries = (queries: string[]) =>
  queries.filter((q) => !/pg_current_wal_lsn|pg_is_in_recovery/.test(q));

describe.skipIf(!process.env.TEST_PG_URL)('reports read on a standby (TUANWU_DB_READ, issue 14)', () => {
  let ctx: TestContext;
  let dir: string;
  let session: Session;
  const databaseName = () => new URL(ctx.config.databaseUrl).pathname.slice(1);

  async function importPeople(from: number, count: number) {
    const file = path.join(dir, `people-${from}.csv`);
    writeFileSync(file, peopleCsv(from, count));
    await importFile(ctx, systemActor(), 'people', { path: file, name: 'people.csv' }, { dryRun: false });
  }

  /** The app with `standby` as its read database, and the answer sheet it serves. */
  async function reportThrough(standby: Db): Promise<unknown> {
    const app: App = await buildTestApp({ ...ctx, readDb: standby } as TestContext);
    try {
      session ??= await login(app, 'replica_admin', 'Replica-test-2026!');
      const res = await app.inject({ method: 'GET', url: REPORT, headers: session.headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    } finally {
      await app.close();
    }
  }

  beforeAll(async () => {
    ctx = await createTestContext('postgres');
    dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-replica-'));
    for (const file of ['01-regions.csv', '02-orgs.csv']) {
      await importFile(
        ctx,
        systemActor(),
        file.slice(3, -4),
        { path: path.join(SAMPLE, file), name: file },
        { dryRun: false },
      );
    }
    await importPeople(0, 20);
    await createUser(ctx, systemActor(), {
      username: 'replica_admin',
      password: 'Replica-test-2026!',
      displayName: '副本测试',
      orgCode: 'SL-A',
      roles: ['org_admin'],
    });
  }, 120_000);
  afterAll(async () => {
    await ctx.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the answer sheet to the read pool, which refuses writes, and answers as the primary does', async () => {
    const standby = recordedStandby(ctx.config.databaseUrl);
    try {
      const served = await reportThrough(standby.db);
      expect(dataQueries(standby.queries).length).toBeGreaterThan(3);
      expect(served).toEqual(
        JSON.parse(
          JSON.stringify(
            await answerSheet(ctx, systemActor(), { org: 'SL-A', from: '2022-01-01', to: '2023-12-31' }),
          ),
        ),
      );
      await expect(sql`create table replica_write_probe (id int)`.execute(standby.db)).rejects.toThrow(
        /read-only transaction/,
      );
    } finally {
      await standby.db.destroy();
    }
  });

  describe.skipIf(!REPLICA_URL)('on a streaming standby (TEST_PG_REPLICA_URL, scripts/pg-replica.sh)', () => {
    let standby: { db: Db; queries: string[] };
    let control: Kysely<Database>;

    beforeAll(async () => {
      standby = recordedStandby(onDatabase(REPLICA_URL!, databaseName()));
      control = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: createPostgresPool(onDatabase(REPLICA_URL!, 'postgres')) }),
      });
      // The test database was created on the primary a moment ago: wait for the standby to replay it.
      for (let i = 0; ; i++) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_database
          where datname = ${databaseName()}`.execute(control);
        if (rows[0]!.n === 1) break;
        if (i > 100) throw new Error('the standby did not replay the test database');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    afterAll(async () => {
      await sql`select pg_wal_replay_resume()`.execute(control);
      await standby.db.destroy();
      await control.destroy();
    });

    it('is a hot standby in recovery, and the report is read there', async () => {
      const { rows } = await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(standby.db);
      expect(rows[0]!.r).toBe(true);
      standby.queries.length = 0;
      await reportThrough(standby.db);
      expect(dataQueries(standby.queries).length).toBeGreaterThan(3);
    });

    it('a write acknowledged before the read is in it: a standby that has not replayed it is not read', async () => {
      const before = await reportThrough(standby.db);
      await sql`select pg_wal_replay_pause()`.execute(control);
      try {
        await importPeople(100, 5);
        standby.queries.length = 0;
        const after = await reportThrough(standby.db);
        expect(after).not.toEqual(before);
        expect(after).toEqual(
          JSON.parse(
            JSON.stringify(
              await answerSheet(ctx, systemActor(), { org: 'SL-A', from: '2022-01-01', to: '2023-12-31' }),
            ),
          ),
        );
        expect(dataQueries(standby.queries)).toEqual([]);
      } finally {
        await sql`select pg_wal_replay_resume()`.execute(control);
      }
      standby.queries.length = 0;
      expect(await reportThrough(standby.db)).toEqual(await reportThrough(ctx.db));
      expect(dataQueries(standby.queries).length).toBeGreaterThan(3);
    });
  });
});
