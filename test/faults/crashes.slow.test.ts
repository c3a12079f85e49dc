import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cli,
  countOf,
  createBranch,
  FAULT_DIALECTS,
  orgCodes,
  type Place,
  peopleCsv,
  place,
  prepared,
  run,
  type Server,
  startServer,
  stop,
} from './harness.ts';

const places: Place[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await stop(s, 'SIGKILL');
  for (const p of places.splice(0)) await p.dispose();
});

async function fresh(dialect: 'sqlite' | 'postgres') {
  const where = await place(dialect);
  places.push(where);
  const world = await prepared(where);
  return { where, world };
}

/** Figures for the report: printed, never asserted on. */
const figure = (line: string) => console.log(`[faults] ${line}`);

for (const dialect of FAULT_DIALECTS) {
  describe(`kill -9 (${dialect})`, () => {
    it('during an import leaves nothing of it; a re-run imports every row', async () => {
      const { where } = await fresh(dialect);
      const file = path.join(where.dataDir, 'people.csv');
      const rows = 60_000;
      peopleCsv(file, rows);
      const importing = run(['import', 'people', file], where.env);
      // Kill once rows are being written (the import has started its transaction), well before it ends.
      const started = Date.now();
      let seen = false;
      while (!seen && Date.now() - started < 120_000 && importing.child.exitCode === null) {
        await sleep(200);
        seen = Date.now() - started > 8_000;
      }
      importing.child.kill('SIGKILL');
      await importing.exited;
      const afterKill = await countOf(where.databaseUrl, 'people');
      figure(
        `${dialect} import killed after ${Date.now() - started} ms: ${afterKill} of ${rows} people present`,
      );
      expect([0, rows]).toContain(afterKill);
      const again = await cli(['import', 'people', file], where.env);
      expect(again.code, again.stderr).toBe(0);
      expect(await countOf(where.databaseUrl, 'people')).toBe(rows);
    });

    it('of the server during a write burst loses no acknowledged write', async () => {
      const { where, world } = await fresh(dialect);
      const server = await startServer(where.env);
      servers.push(server);
      const acked: string[] = [];
      let sent = 0;
      let stopAt = Number.POSITIVE_INFINITY;
      const writer = async (w: number) => {
        for (let i = 0; sent < stopAt; i++) {
          const code = `FT-K${w}-${i}`;
          sent++;
          if ((await createBranch(server.url, world, code)) === 201) acked.push(code);
        }
      };
      const writers = Array.from({ length: 16 }, (_, w) => writer(w));
      while (acked.length < 300) await sleep(20);
      server.child.kill('SIGKILL');
      await server.exited;
      stopAt = 0;
      await Promise.all(writers);
      const restarted = await startServer(where.env);
      servers.push(restarted);
      const stored = await orgCodes(where.databaseUrl);
      const lost = acked.filter((c) => !stored.has(c));
      figure(
        `${dialect} server killed mid-burst: ${sent} sent, ${acked.length} acknowledged, ${lost.length} lost`,
      );
      expect(lost).toEqual([]);
      expect(await createBranch(restarted.url, world, 'FT-after-restart')).toBe(201);
    });
  });
}

describe('backup during writes, then restore (SQLite)', () => {
  it('the restored database holds every write acknowledged before the backup began, and nothing unacknowledged', async () => {
    const { where, world } = await fresh('sqlite');
    const server = await startServer(where.env);
    servers.push(server);
    const acked: string[] = [];
    const attempted: string[] = [];
    let writing = true;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; writing; i++) {
        const code = `FT-B${w}-${i}`;
        attempted.push(code);
        if ((await createBranch(server.url, world, code)) === 201) acked.push(code);
      }
    });
    while (acked.length < 100) await sleep(20);
    const ackedBefore = [...acked];
    const backupFile = path.join(where.dataDir, 'during.db');
    const backedUp = await cli(['backup', backupFile], where.env);
    writing = false;
    await Promise.all(writers);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    await stop(server);
    const restored = await cli(['restore', backupFile], where.env);
    expect(restored.code, restored.stderr).toBe(0);
    const stored = await orgCodes(where.databaseUrl);
    const written = [...stored].filter((c) => c.startsWith('FT-B') && c !== 'FT-B1');
    figure(
      `backup during writes: ${acked.length} acknowledged in all, ${ackedBefore.length} before the backup, ${written.length} in the restored copy`,
    );
    expect(ackedBefore.filter((c) => !stored.has(c))).toEqual([]);
    expect(written.filter((c) => !attempted.includes(c))).toEqual([]);
    const integrity = await cli(['migrate'], where.env);
    expect(integrity.code).toBe(0);
  });
});
