/**
 * Burst of QR check-ins to one activity through HTTP (issue 5 "Must show").
 *
 *   node --import tsx bench/checkin-burst.ts [--volunteers 2000] [--duplicates 200] [--concurrency 64] [--pg postgres://…]
 *
 * Prepares a fresh database (SQLite in a temp folder, or a new PostgreSQL database with --pg): a county, N
 * young people each with an account and a session, one activity under way with N places and all N signed
 * up. Then starts the real server (`bin/tuanwu.js serve`, through src/test/processes.ts) as a child process, asks it for the activity's
 * check-in QR code as the organiser, and sends every volunteer's scan at once (at most `concurrency` in
 * flight), plus `duplicates` second scans by volunteers already sent. Checks that each volunteer is checked
 * in exactly once, that every duplicate was refused with 409, and that each check-in was audited once.
 */
import { benchSetup, loadAverage, percentile } from './harness.ts';

const { pg, number, processes } = await benchSetup(
  {
    volunteers: { type: 'string', default: '2000' },
    duplicates: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '64' },
  },
  { postgres: 'with --pg' },
);
const N = number('volunteers');
const DUPLICATES = number('duplicates');
const CONCURRENCY = number('concurrency');
const { place, prepare, SECRET, startServer, stop } = processes;
const { createDb } = await import('../src/db/create-db.ts');
const { checkInsRecorded, signedUpVolunteers } = await import('../src/test/volunteers.ts');

async function main() {
  const where = await place(pg ? 'postgres' : 'sqlite');
  const db = createDb(where.databaseUrl);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const t0 = performance.now();
    await prepare(db);
    const world = await signedUpVolunteers(db, SECRET, 'FT', N);
    console.log(
      `setup: ${N} volunteers with accounts and sessions, all signed up (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    server = await startServer(where.env);
    const base = server.url;
    const qr = await fetch(`${base}/api/volunteering/activities/${world.activityId}/qr?action=in`, {
      headers: { cookie: world.organiser.cookie },
    });
    if (!qr.ok) throw new Error(`QR: ${qr.status} ${await qr.text()}`);
    const { token } = (await qr.json()) as { token: string };

    const scans = [...world.volunteers, ...world.volunteers.slice(0, DUPLICATES)];
    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < scans.length) {
          const v = scans[next++]!;
          const t = performance.now();
          const res = await fetch(`${base}/api/volunteering/me/scan`, {
            method: 'POST',
            headers: { cookie: v.cookie, 'x-csrf-token': v.csrf, 'content-type': 'application/json' },
            body: JSON.stringify({ token }),
          });
          await res.arrayBuffer();
          latencies.push(performance.now() - t);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);

    const recorded = await checkInsRecorded(db, world.activityId);
    const ok = statuses.get(200) ?? 0;
    const refused = statuses.get(409) ?? 0;
    console.log(
      `database: ${pg ? 'PostgreSQL' : 'SQLite'}; requests: ${scans.length} (${N} volunteers + ${DUPLICATES} repeated scans), ${CONCURRENCY} in flight`,
    );
    console.log(
      `elapsed ${seconds.toFixed(2)} s, ${(scans.length / seconds).toFixed(0)} requests/s; client CPU ${((process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6).toFixed(1)} s; load average ${loadAverage(2)}`,
    );
    console.log(
      `latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${latencies.at(-1)!.toFixed(1)}`,
    );
    console.log(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(
      `recorded: ${recorded.checkedIn} of ${recorded.signedUp} sign-ups checked in; ${recorded.audited} check-ins audited`,
    );
    const exactlyOnce =
      ok === N && refused === DUPLICATES && recorded.checkedIn === N && recorded.audited === N;
    console.log(
      exactlyOnce
        ? `OK: every check-in recorded exactly once, within ${seconds < 60 ? 'a minute' : `${seconds.toFixed(0)} s`}`
        : 'FAILED: not exactly once',
    );
    process.exitCode = exactlyOnce && seconds < 60 ? 0 : 1;
  } finally {
    if (server) await stop(server);
    await db.destroy();
    await where.dispose();
  }
}

await main();
