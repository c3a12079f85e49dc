/**
 * Starts tuanwu for the browser tests: a fresh data folder, a free port, `serve --seed-demo`, and a login
 * to drive the admin with. Demo data is preferred (self-contained); when the seeder loaded nothing, the
 * sample county (the project's copy, test/fixtures/sample-county 01–03) is imported through the CLI instead.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { FIXTURE_SAMPLE } from '../src/test/sample-county.ts';

export const root = path.resolve(import.meta.dirname, '..');
export const artifacts = path.join(root, '.e2e-artifacts');

export interface Login {
  username: string;
  password: string;
  /** Where the credentials came from, for the log. */
  source: string;
}

export interface Server {
  baseUrl: string;
  dataDir: string;
  login: Login;
  /** The organisation at the top of the data, e.g. the demo city. */
  rootOrg: { code: string; name: string };
  /** Where the data came from: the demo seeder or the sample files. */
  data: 'demo' | 'sample';
  stop(): Promise<void>;
}

/**
 * A file of the sample county, as the tests read it: the project's own copy (src/test/sample-county.ts, kept equal
 * to the contract's ../shared/sample by sample-county.test.ts), never a folder of one machine. Absent, the run
 * stops here and says which file it looked for.
 */
export function sampleFile(relative = ''): string {
  const file = path.join(FIXTURE_SAMPLE, relative);
  if (!existsSync(file))
    throw new Error(`the sample county file ${file} is missing: the clone lacks test/fixtures/sample-county`);
  return file;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function cli(env: NodeJS.ProcessEnv, args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/tuanwu.js'), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`tuanwu ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited (${child.exitCode}) before answering:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer /api/health within 120 s:\n${output()}`);
}

/** Demo logins as exported by the seeder module, if it exports a list of {username, password}. */
async function seederLogins(): Promise<Login[]> {
  try {
    const mod = (await import('../src/demo/seed.ts')) as Record<string, unknown>;
    const found: Login[] = [];
    for (const [name, value] of Object.entries(mod)) {
      const list = Array.isArray(value)
        ? value
        : value && typeof value === 'object'
          ? Object.values(value)
          : [];
      for (const item of list) {
        const u = item as { username?: unknown; password?: unknown };
        if (typeof u?.username === 'string' && typeof u?.password === 'string') {
          found.push({ username: u.username, password: u.password, source: `src/demo/seed.ts ${name}` });
        }
      }
    }
    return found;
  } catch {
    return [];
  }
}

/**
 * Demo logins as printed by the seeder: `用户名：admin 密码：xxx` on one line, or a heading such as
 * `演示账号（密码均为 xxx）：` followed by indented lines that start with the usernames.
 */
export function printedLogins(output: string): Login[] {
  const found: Login[] = [];
  let shared: string | null = null;
  for (const line of output.split('\n')) {
    const pair =
      /(?:用户名|账号|username)\s*[:：=]?\s*([A-Za-z0-9_.@-]+)[\s,，;；/|]+(?:密码|password)\s*[:：=]?\s*([^\s,，;；)）]+)/i.exec(
        line,
      );
    if (pair) {
      found.push({ username: pair[1]!, password: pair[2]!, source: 'printed by the seeder' });
      shared = null;
      continue;
    }
    const heading = /(?:密码|password)(?:均为|都是|为|是)?\s*[:：=]?\s*([^\s,，;；)）:：]+)/i.exec(line);
    if (heading && /账号|账户|登录|login|account/i.test(line)) {
      shared = heading[1]!;
      continue;
    }
    const listed = /^\s+([A-Za-z][A-Za-z0-9_.-]*)\s/.exec(line);
    if (shared && listed)
      found.push({ username: listed[1]!, password: shared, source: 'printed by the seeder' });
    else if (!listed) shared = null;
  }
  return found;
}

async function works(baseUrl: string, login: Login): Promise<boolean> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: login.username, password: login.password }),
  });
  if (!res.ok) return false;
  const body = (await res.json()) as { user?: { permissions?: string[] } };
  const perms = body.user?.permissions ?? [];
  return ['person.read', 'person.write'].some((p) => perms.includes(p)) && perms.includes('import.run');
}

export async function startServer(log: (line: string) => void): Promise<Server> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TUANWU_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    // Every journey signs in on its own; the login limit itself is proven by the auth integration tests.
    TUANWU_LOGIN_RATE_LIMIT: '1000',
  };
  delete env.TUANWU_DB;
  delete env.TUANWU_SECRET;

  let output = '';
  const serverLog = createWriteStream(path.join(artifacts, 'server.log'));
  // E2E_DATA=sample skips the demo seeder and drives the sample county instead.
  const serveArgs = process.env.E2E_DATA === 'sample' ? ['serve'] : ['serve', '--seed-demo'];
  const child = spawn(process.execPath, [path.join(root, 'bin/tuanwu.js'), ...serveArgs], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      serverLog.write(chunk);
    });
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const exited = new Promise((r) => child.once('exit', r));
      const timeout = new Promise((r) => setTimeout(r, 10_000, 'timeout'));
      if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
    }
    serverLog.end();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, () => output);
    log(`server up at ${baseUrl} (data ${dataDir})`);

    const dbFile = path.join(dataDir, 'tuanwu.db');
    const topOrg = () => {
      const db = new SQLite(dbFile, { readonly: true });
      try {
        return db.prepare('select code, name from orgs where parent_id is null order by id limit 1').get() as
          | { code: string; name: string }
          | undefined;
      } finally {
        db.close();
      }
    };

    let rootOrg = topOrg();
    let data: Server['data'] = 'demo';
    if (!rootOrg) {
      // No demo data: the sample county through the CLI, into the same database (SQLite WAL allows it).
      data = 'sample';
      for (const [kind, file] of [
        ['regions', '01-regions.csv'],
        ['orgs', '02-orgs.csv'],
        ['people', '03-people.xlsx'],
      ] as const) {
        cli(env, ['import', kind, sampleFile(file)]);
      }
      rootOrg = topOrg();
      if (!rootOrg) throw new Error('no organisation after importing the sample files');
      log(`no demo data: imported the sample county from ${sampleFile()}`);
    } else {
      log(`demo data loaded by the seeder (top organisation ${rootOrg.code} ${rootOrg.name})`);
    }

    // The demo admin when the seeder tells us who that is; otherwise a user of our own at the top.
    const candidates = [
      ...(process.env.E2E_USERNAME && process.env.E2E_PASSWORD
        ? [{ username: process.env.E2E_USERNAME, password: process.env.E2E_PASSWORD, source: 'E2E_USERNAME' }]
        : []),
      ...(data === 'demo' ? [...(await seederLogins()), ...printedLogins(output)] : []),
    ];
    // Each try is a login attempt, and logins are rate-limited (10 a minute): try a few distinct ones.
    const distinct = candidates
      .filter(
        (c, i) => candidates.findIndex((d) => d.username === c.username && d.password === c.password) === i,
      )
      .sort((a, b) => Number(/admin|管理/i.test(b.username)) - Number(/admin|管理/i.test(a.username)))
      .slice(0, 4);
    let login: Login | undefined;
    for (const c of distinct) {
      if (await works(baseUrl, c)) {
        login = c;
        break;
      }
    }
    if (!login) {
      login = {
        username: 'e2e-admin',
        password: `E2e-${randomBytes(9).toString('base64url')}`,
        source: `created with "tuanwu user add" at ${rootOrg.code}`,
      };
      cli(env, [
        'user',
        'add',
        '--org',
        rootOrg.code,
        '--role',
        'org_admin',
        '--username',
        login.username,
        '--password',
        login.password,
        '--name',
        '端到端测试',
      ]);
    }
    log(`logging in as ${login.username} (${login.source})`);
    return { baseUrl, dataDir, login, rootOrg, data, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
