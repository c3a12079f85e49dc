/**
 * Benchmark of the to-do centre (issue 15: "answers in under 100 ms for a county").
 *
 *   node --import tsx bench/todo.ts [--data DIR] [--runs 20]
 *
 * Seeds the demo city into a fresh data folder (or uses DIR's database as it is), signs in each staff demo
 * account through the API and times GET /api/todo: the first (cold) call and the median and worst of the
 * warm ones. Prints figures; asserts nothing about them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { seedDemoIfEmpty } from '../src/demo/seed.ts';
import { buildApp } from '../src/server/app.ts';

const { values } = parseArgs({
  options: { data: { type: 'string' }, runs: { type: 'string', default: '20' } },
});
const runs = Number(values.runs);
const dir = values.data ?? mkdtempSync(path.join(os.tmpdir(), 'tuanwu-todo-bench-'));
process.env.TUANWU_DATA_DIR = dir;
const ctx = await openContext(loadConfig());
await seedDemoIfEmpty(ctx, () => {});
const app = await buildApp({ ctx, loginRateLimit: 10_000 });

const accounts = [
  'city_admin',
  'donghu_admin',
  'xiling_admin',
  'branch_sec',
  'volunteer_org',
  'city_reviewer',
  'counsellor',
  'student',
];
console.log(`GET /api/todo on the demo city (${runs} warm runs each)`);
for (const username of accounts) {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  if (login.statusCode !== 200) {
    console.log(`${username.padEnd(14)} cannot sign in (${login.statusCode})`);
    continue;
  }
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const time = async () => {
    const started = performance.now();
    const res = await app.inject({ url: '/api/todo', headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${username}: ${res.statusCode} ${res.body}`);
    return { ms: performance.now() - started, items: (res.json() as { items: unknown[] }).items.length };
  };
  const cold = await time();
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push((await time()).ms);
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)] ?? 0;
  const worst = warm.at(-1) ?? 0;
  console.log(
    `${username.padEnd(14)} kinds ${String(cold.items).padStart(2)}  cold ${cold.ms.toFixed(1).padStart(6)} ms  median ${median.toFixed(1).padStart(6)} ms  worst ${worst.toFixed(1).padStart(6)} ms`,
  );
}
await app.close();
await ctx.db.destroy();
if (!values.data) rmSync(dir, { recursive: true, force: true });
