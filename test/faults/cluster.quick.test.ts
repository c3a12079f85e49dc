import { readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/create-db.ts';
import { makeIdNumber } from '../../src/lib/id-number.ts';
import {
  countOf,
  FAULT_DIALECTS,
  inFlight,
  PG_URL,
  type Place,
  peopleCsv,
  place,
  prepared,
  type Server,
  startServer,
  stop,
  type World,
} from '../../src/test/processes.ts';

/**
 * Issue 14: two real server processes on one PostgreSQL database behave as one — page cache, login limits,
 * scheduled work and ledger numbering are shared through the database, not held per process.
 */
const places: Place[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await stop(s, 'SIGKILL');
  for (const p of places.splice(0)) await p.dispose();
});

async function serve(env: NodeJS.ProcessEnv): Promise<Server> {
  const s = await startServer(env);
  servers.push(s);
  return s;
}

async function send(url: string, world: World, method: string, body?: object) {
  const res = await fetch(url, {
    method,
    headers: world.headers,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: () => JSON.parse(text), text };
}

/** Polls `probe` every 20 ms; the milliseconds it took to hold, or Infinity after `withinMs`. */
async function within(withinMs: number, probe: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start <= withinMs) {
    if (await probe()) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number.POSITIVE_INFINITY;
}

/** The log lines (JSON) of a server's stdout. */
interface LogLine {
  msg?: string;
  job?: string;
  signal?: string;
  req?: { url?: string };
}
function logLines(server: Server): LogLine[] {
  return server.out.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

describe.skipIf(!PG_URL)('two server processes on one PostgreSQL database (issue 14)', () => {
  it('share the page cache, login and registration limits, scheduled work and receipt numbering', async () => {
    const where = await place('postgres');
    places.push(where);
    const world = await prepared(where, ['org_admin', 'portal_reviewer']);
    const env = { ...where.env, TUANWU_SCHEDULER_TICK_MS: '100' };
    const [a, b] = [await serve(env), await serve(env)];

    // A publish on A is served by B within a second.
    expect(
      (
        await send(`${a.url}/api/newsroom/channels`, world, 'POST', {
          slug: 'news',
          name: '团情快讯',
          sortOrder: 1,
        })
      ).status,
    ).toBe(201);
    await fetch(`${b.url}/`);
    expect((await fetch(`${b.url}/`)).headers.get('x-cache')).toBe('hit');
    const made = await send(`${a.url}/api/newsroom/articles`, world, 'POST', {
      title: '甲进程发布的稿件',
      bodyHtml: '<p>正文</p>',
      channelSlug: 'news',
    });
    expect(made.status, made.text).toBe(201);
    const id = made.json().id as number;
    expect((await send(`${a.url}/api/newsroom/articles/${id}/submit`, world, 'POST', {})).status).toBe(200);
    expect((await send(`${a.url}/api/newsroom/articles/${id}/approve`, world, 'POST', {})).status).toBe(200);
    const seenAfter = await within(1000, async () =>
      (await (await fetch(`${b.url}/`)).text()).includes('甲进程发布的稿件'),
    );
    expect(seenAfter).toBeLessThan(1000);

    // Login attempts are counted across both: five failures for a username, then 429 on either process.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${(i % 2 ? b : a).url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'guessed', password: `wrong-${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);

    // So are registrations naming one identity number: five a day, whichever process takes them.
    const idNumber = makeIdNumber('419801', '2001-05-04', 7);
    const registered: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${(i % 2 ? a : b).url}/public/volunteering/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          idNumber,
          name: '未登记',
          phone: '13900000007',
          password: 'Long-enough-pass-2026',
          privacyAccepted: true,
        }),
      });
      registered.push(res.status);
    }
    expect(registered.slice(0, 5).every((s) => s !== 429 && s >= 400)).toBe(true);
    expect(registered.slice(5)).toEqual([429, 429]);

    // A job due once runs once: both processes look every 100 ms; one claims it.
    const db = createDb(where.databaseUrl);
    try {
      const before = await db
        .selectFrom('scheduled_runs')
        .select('runs')
        .where('job', '=', 'sessions.expired')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('scheduled_runs')
        .set({ next_run_at: new Date(Date.now() - 1000).toISOString() })
        .where('job', '=', 'sessions.expired')
        .execute();
      const ranAgain = await within(5000, async () => {
        const row = await db
          .selectFrom('scheduled_runs')
          .select(['runs', 'last_finished_at'])
          .where('job', '=', 'sessions.expired')
          .executeTakeFirstOrThrow();
        return row.runs > before.runs && row.last_finished_at !== null;
      });
      expect(ranAgain).toBeLessThan(5000);
      // Ten more ticks of each process: nobody runs it a second time.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const after = await db
        .selectFrom('scheduled_runs')
        .select('runs')
        .where('job', '=', 'sessions.expired')
        .executeTakeFirstOrThrow();
      expect(after.runs).toBe(before.runs + 1);
      const logged = [...logLines(a), ...logLines(b)].filter(
        (l) => l.job === 'sessions.expired' && l.msg === '定时任务完成',
      );
      expect(logged).toHaveLength(after.runs);
    } finally {
      await db.destroy();
    }

    // 200 donations at once, split across both: 200 distinct receipt numbers.
    const results = await inFlight(
      Array.from(
        { length: 200 },
        (_, i) => () =>
          send(`${(i % 2 ? a : b).url}/api/aid/donations`, world, 'POST', {
            donor: `捐赠单位${i}`,
            donorKind: '单位',
            amount: 100,
            donatedOn: '2026-05-04',
            program: '助学',
            orgCode: 'FT',
          }),
      ),
      50,
    );
    expect(results.filter((r) => r.status !== 201).map((r) => r.text)).toEqual([]);
    const receipts = new Set(results.map((r) => r.json().receiptNo as string));
    expect(receipts.size).toBe(200);
  });
});

/**
 * Holds what an import of people needs before it can write (SQLite's write lock; on PostgreSQL the import
 * kind's advisory lock, imports.repository.ts), so the import is certainly in flight when the signal comes.
 */
async function holdImportLock(where: Place, dialect: 'sqlite' | 'postgres'): Promise<() => Promise<void>> {
  if (dialect === 'sqlite') {
    const db = new SQLite(where.databaseUrl.slice('sqlite:'.length));
    db.exec('begin immediate');
    return async () => {
      db.exec('rollback');
      db.close();
    };
  }
  const client = new pg.Client({ connectionString: where.databaseUrl });
  await client.connect();
  await client.query('begin');
  await client.query("select pg_advisory_xact_lock($1, hashtext('people'))", [0x7475_616e]);
  return async () => {
    await client.query('rollback');
    await client.end();
  };
}

// One dialect keeps the quick suite quick: PostgreSQL (the many-process deployment) when there is one.
for (const dialect of FAULT_DIALECTS.slice(-1)) {
  describe(`SIGTERM (${dialect}, issue 14)`, () => {
    it('lets the import in flight finish whole, refuses new connections, and exits 0', async () => {
      const where = await place(dialect);
      places.push(where);
      const world = await prepared(where);
      const server = await serve(where.env);
      const rows = 500;
      const file = `${where.dataDir}/people.csv`;
      peopleCsv(file, rows);
      const form = new FormData();
      form.append('file', new Blob([readFileSync(file)]), 'people.csv');
      const { 'content-type': _json, ...headers } = world.headers;
      const release = await holdImportLock(where, dialect);
      const importing = fetch(`${server.url}/api/imports/people`, { method: 'POST', headers, body: form });
      const arrived = await within(10_000, async () =>
        logLines(server).some((l) => l.msg === 'incoming request' && l.req?.url === '/api/imports/people'),
      );
      expect(arrived).toBeLessThan(10_000);
      server.child.kill('SIGTERM');
      const heard = await within(10_000, async () => logLines(server).some((l) => l.signal === 'SIGTERM'));
      expect(heard).toBeLessThan(10_000);
      // Draining: no new connection is taken, the import is still waiting.
      await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
      expect(server.child.exitCode).toBeNull();
      await release();
      const res = await importing;
      const body = await res.text();
      expect(res.status, body).toBe(200);
      expect(await server.exited).toBe(0);
      expect(await countOf(where.databaseUrl, 'people')).toBe(rows);
      const lines = logLines(server);
      const stopping = lines.findIndex((l) => l.signal === 'SIGTERM');
      expect(lines.findIndex((l, i) => i > stopping && l.msg === 'request completed')).toBeGreaterThan(
        stopping,
      );
      expect(lines.at(-1)?.msg).toBe('已停止');
    });
  });
}
