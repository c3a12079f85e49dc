import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import { createDb, type DialectName } from '../db/create-db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createPersonalDataCipher } from '../lib/crypto.ts';

/** SQLite always; PostgreSQL too when TEST_PG_URL names a server (CI sets it). */
export const DIALECTS: DialectName[] = process.env.TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestContext extends AppContext {
  dialect: DialectName;
  dispose(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh, migrated database of the dialect, in a throwaway data folder; dispose() removes both. */
export async function createTestContext(dialect: DialectName): Promise<TestContext> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tuanwu-test-'));
  let databaseUrl = `sqlite:${path.join(dataDir, 'test.db')}`;
  let dropDatabase = async () => {};
  if (dialect === 'postgres') {
    const serverUrl = process.env.TEST_PG_URL!;
    const name = `tuanwu_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    databaseUrl = withDatabase(serverUrl, name);
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      // The pool's end() resolves before its sockets close; a FORCE drop would then kill a client that is
      // still closing, and its error surfaces as unhandled. Wait for the sessions to go first.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
          name,
        ]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const config: Config = {
    dataDir,
    databaseUrl,
    secret: 'test-secret-of-sufficient-length-for-hkdf',
    port: 0,
    host: '127.0.0.1',
    secureCookies: 'auto',
    loginRateLimit: 10,
    trustProxy: false,
  };
  const db = createDb(databaseUrl);
  await migrateToLatest(db);
  return {
    db,
    cipher: createPersonalDataCipher(config.secret),
    config,
    dialect,
    async dispose() {
      await db.destroy();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
