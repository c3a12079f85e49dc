import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, ROOT } from '../../scripts/server-build.js';
import { makeIdNumber } from '../lib/id-number.ts';
import { FIXTURE_SAMPLE } from '../test/sample-county.ts';

const SAMPLE = FIXTURE_SAMPLE;

/** `count` league members of the sample's first township, with valid and distinct identity numbers. */
function peopleCsv(count: number): string {
  const lines = ['身份证号,姓名,政治面貌,所在团组织编码,入团日期,手机号码'];
  for (let i = 0; i < count; i++) {
    const birth = `2003-${String((i % 12) + 1).padStart(2, '0')}-${String((Math.floor(i / 12) % 28) + 1).padStart(2, '0')}`;
    const id = makeIdNumber('110101', birth, Math.floor(i / 336));
    lines.push(`${id},"测试成员${i}",共青团员,SL-A-T01,2019-05-04,139${String(i).padStart(8, '0')}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Issue 14: production runs compiled JavaScript. The build is copied into a folder holding no TypeScript at all
 * (bin/, scripts/, dist/), so anything still reaching for a `.ts` file, or for tsx, fails here.
 */
describe('the built CLI and server (dist/, no sources)', () => {
  let release: string;
  let dataDir: string;
  const env = () => ({ ...process.env, TUANWU_DATA_DIR: dataDir, TUANWU_DB: '', TUANWU_SECRET: '' });
  const tuanwu = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(release, 'bin/tuanwu.js'), ...args], {
      env: env(),
      encoding: 'utf8',
    });

  beforeAll(() => {
    // Inside the checkout, so the build finds node_modules as dist/ does.
    mkdirSync(path.join(ROOT, '.scratch'), { recursive: true });
    release = mkdtempSync(path.join(ROOT, '.scratch/release-'));
    dataDir = mkdtempSync(path.join(tmpdir(), 'tuanwu-built-'));
    buildServer({ out: path.join(release, 'dist') });
    for (const file of ['bin/tuanwu.js', 'scripts/server-build.js', 'package.json']) {
      mkdirSync(path.dirname(path.join(release, file)), { recursive: true });
      copyFileSync(path.join(ROOT, file), path.join(release, file));
    }
  }, 300_000);
  afterAll(() => {
    rmSync(release, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tuanwu --help prints the usage with every import kind', () => {
    const r = tuanwu('--help');
    expect(r.stderr).toContain('用法: tuanwu <命令>');
    expect(r.stderr).toMatch(/类型：regions, orgs, people/);
    expect(r.status).toBe(2);
  });

  it('imports a file large enough to be read on a worker thread, which loads built code too', () => {
    for (const file of ['01-regions.csv', '02-orgs.csv']) {
      const r = tuanwu('import', file.slice(3, -4), path.join(SAMPLE, file));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    const people = path.join(dataDir, 'people.csv');
    writeFileSync(people, peopleCsv(14_000));
    expect(statSync(people).size).toBeGreaterThan(1 << 20); // sheet-rows-source.ts: the worker's threshold
    const r = tuanwu('import', 'people', people);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const db = new SQLite(path.join(dataDir, 'tuanwu.db'), { readonly: true });
    try {
      expect(db.prepare("select count(*) as n from people where name like '测试成员%'").get()).toEqual({
        n: 14_000,
      });
    } finally {
      db.close();
    }
  }, 240_000);

  it('serves: /api/health answers, and SIGTERM stops it', async () => {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, [path.join(release, 'bin/tuanwu.js'), 'serve'], {
      env: { ...env(), PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (b: Buffer) => (output += b));
    child.stderr!.on('data', (b: Buffer) => (output += b));
    try {
      let status = 0;
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline && status !== 200 && child.exitCode === null) {
        status = await fetch(`http://127.0.0.1:${port}/api/health`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status, output).toBe(200);
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  }, 120_000);
});
