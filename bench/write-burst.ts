/**
 * Burst of numbered writes through real server processes (issue 13 "Must show").
 *
 *   npm run bench:write-burst -- --pg postgres://…  [--writes 2000] [--concurrency 64]
 *   npm run bench:write-burst -- [--writes 2000] [--concurrency 16] [--import-rows 20000]
 *
 * PostgreSQL: a new database, two `bin/tuanwu.js serve` processes on it, requests spread over both.
 * SQLite: one server on a file in a temp folder, and a CLI import of people (`bin/tuanwu.js import people`)
 * started beside it into the same file.
 * The mix: donations (a code and a 收据编号 each), funds, admission approvals (a 团员编号 each) and first
 * printings of imported donations' receipts (a 收据编号 each). Prints the count, statuses, writes/s,
 * latency percentiles, and then asks the database: numbers given twice, series with gaps, and whether each
 * acknowledged write has exactly one audit entry. Exit code 1 when any of those is wrong.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { benchSetup, loadAverage, percentile } from './harness.ts';

const { pg, number, processes } = await benchSetup(
  {
    writes: { type: 'string', default: '2000' },
    concurrency: { type: 'string' },
    'import-rows': { type: 'string', default: '20000' },
  },
  { postgres: 'with --pg' },
);
const POSTGRES = Boolean(pg);
const WRITES = number('writes');
const CONCURRENCY = process.argv.includes('--concurrency') ? number('concurrency') : POSTGRES ? 64 : 16;
const IMPORT_ROWS = number('import-rows');
const { createDb } = await import('../src/db/create-db.ts');
type Db = import('../src/db/create-db.ts').Db;
const { nowIso } = await import('../src/db/create-db.ts');
const { createPersonalDataCipher } = await import('../src/lib/crypto.ts');
const { makeIdNumber, maskIdNumber } = await import('../src/lib/id-number.ts');
const { findOrgByCode } = await import('../src/modules/orgs/orgs.repository.ts');
const { insertPeople } = await import('../src/modules/people/people.repository.ts');
// Shares of the mix; approvals and receipts each need a prepared row per write.
const MIX = { donation: 0.4, fund: 0.25, approval: 0.15, receipt: 0.2 } as const;
type Kind = keyof typeof MIX;

interface World {
  headers: Record<string, string>;
  admissions: number[];
  imported: number[];
}

/**
 * The harness's county (FT), branch (FT-B1) and signed-in admin, and for the burst: admissions ready for approval
 * and imported donations without receipts.
 */
async function prepare(db: Db, approvals: number, receipts: number): Promise<World> {
  const { headers } = await processes.prepare(db);
  const cipher = createPersonalDataCipher(processes.SECRET);
  const now = nowIso();
  const county = (await findOrgByCode(db, 'FT'))!;
  const branch = (await findOrgByCode(db, 'FT-B1'))!;
  await insertPeople(
    db,
    Array.from({ length: approvals }, (_, i) => {
      const id = makeIdNumber('419801', '2010-03-01', i);
      return {
        id_number_hash: cipher.lookupHash(id),
        id_number_enc: cipher.encrypt(id),
        id_number_masked: maskIdNumber(id),
        name: `申请人${i}`,
        gender: '男',
        birth_date: '2010-03-01',
        ethnicity: null,
        phone: null,
        political_status: 'young_pioneer',
        org_id: branch.id,
        joined_on: null,
        member_no: null,
        education: null,
        workplace: null,
        scope_org_id: branch.id,
        scope_path: branch.path,
        created_at: now,
        updated_at: now,
      };
    }),
  );
  const people = await db.selectFrom('people').select('id').orderBy('id').execute();
  const admissions: number[] = [];
  for (const p of people) {
    const { id } = await db
      .insertInto('admissions')
      .values({
        person_id: p.id,
        applied_on: '2026-01-05',
        recommended_by: null,
        civics_grade: '优秀',
        activist_on: '2026-01-20',
        candidate_on: '2026-03-01',
        branch_vote_on: '2026-05-20',
        approved_on: null,
        joined_on: null,
        status: 'candidate',
        talk_on: '2026-01-10',
        publicity_from: null,
        publicity_to: null,
        vote_should_attend: 30,
        vote_attended: 28,
        vote_yes: 27,
        member_no: null,
        ceremony_on: null,
        ended_on: null,
        end_reason: null,
        org_id: branch.id,
        org_path: branch.path,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    admissions.push(id);
  }
  const imported: number[] = [];
  for (let i = 0; i < receipts; i++) {
    const { id } = await db
      .insertInto('donations')
      .values({
        code: `FT-IMP${String(i + 1).padStart(5, '0')}`,
        donor: `导入捐赠人${i}`,
        donor_kind: '个人',
        amount_fen: 10_000,
        donated_on: i % 2 === 0 ? '2025-06-01' : '2026-06-01',
        program: '助学',
        note: null,
        receipt_no: null,
        org_id: county.id,
        org_path: county.path,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    imported.push(id);
  }
  return { headers, admissions, imported };
}

/** The jobs of the burst, interleaved so each kind runs throughout. */
function plan(): Kind[] {
  const counts = Object.fromEntries(
    (Object.keys(MIX) as Kind[]).map((k) => [k, Math.round(MIX[k] * WRITES)]),
  ) as Record<Kind, number>;
  counts.donation += WRITES - Object.values(counts).reduce((a, b) => a + b, 0);
  const jobs: Kind[] = [];
  const left = { ...counts };
  for (let i = 0; jobs.length < WRITES; i++) {
    const kind = (Object.keys(MIX) as Kind[])[i % 4]!;
    if (left[kind]-- > 0) jobs.push(kind);
  }
  return jobs;
}

interface Done {
  kind: Kind;
  status: number;
  /** The entity the write touched (its audit entry names it), when acknowledged. */
  entityId?: number;
}

/** Numbers found on more than one row. */
async function duplicates(db: Db): Promise<Record<string, number>> {
  const twice = async (table: string, column: string) => {
    const { rows } = await sql<{ n: number }>`select count(*) as n from (
        select ${sql.ref(column)} from ${sql.table(table)} where ${sql.ref(column)} is not null
        group by ${sql.ref(column)} having count(*) > 1) d`.execute(db);
    return Number(rows[0]?.n ?? 0);
  };
  return {
    'donations.code': await twice('donations', 'code'),
    'donations.receipt_no': await twice('donations', 'receipt_no'),
    'funds.code': await twice('funds', 'code'),
    'admissions.member_no': await twice('admissions', 'member_no'),
    'people.member_no': await twice('people', 'member_no'),
  };
}

/** Series whose running numbers are not exactly 1..n (codes per org, receipts per org and year, 团员编号). */
async function gaps(db: Db): Promise<string[]> {
  const series = new Map<string, number[]>();
  const add = (key: string, n: number) => series.set(key, [...(series.get(key) ?? []), n]);
  for (const { code } of await db.selectFrom('donations').select('code').execute()) {
    const m = /^(.*-JZ)(\d+)$/.exec(code);
    if (m) add(m[1]!, Number(m[2]));
  }
  for (const { code } of await db.selectFrom('funds').select('code').execute()) {
    const m = /^(.*-JF)(\d+)$/.exec(code);
    if (m) add(m[1]!, Number(m[2]));
  }
  for (const { receipt_no } of await db.selectFrom('donations').select('receipt_no').execute()) {
    const m = receipt_no ? /^(.*-\d{4}-)(\d+)$/.exec(receipt_no) : null;
    if (m) add(m[1]!, Number(m[2]));
  }
  for (const { member_no } of await db.selectFrom('admissions').select('member_no').execute()) {
    if (member_no) add(`团员编号 ${member_no.slice(0, 4)}`, Number(member_no.slice(4)));
  }
  const broken: string[] = [];
  for (const [key, ns] of series) {
    ns.sort((a, b) => a - b);
    if (ns.some((n, i) => n !== i + 1)) broken.push(`${key} (${ns.length} numbers, highest ${ns.at(-1)})`);
  }
  return broken;
}

/** Audit entries of each acknowledged write (exactly one each) and entries of writes not acknowledged. */
async function audits(db: Db, done: Done[]) {
  const entries = await db
    .selectFrom('audit_log')
    .select(['entity', 'entity_id', 'action', 'summary'])
    .where('entity', 'in', ['donation', 'fund', 'admission'])
    .execute();
  const kindOf = (e: (typeof entries)[number]): Kind | null => {
    if (e.entity === 'donation' && e.action === 'create') return 'donation';
    if (e.entity === 'fund' && e.action === 'create') return 'fund';
    if (e.entity === 'admission' && e.summary.includes('团员编号')) return 'approval';
    if (e.entity === 'donation' && e.summary.startsWith('开具捐赠收据')) return 'receipt';
    return null;
  };
  const counted = new Map<string, number>();
  for (const e of entries) {
    const kind = kindOf(e);
    if (kind) counted.set(`${kind}:${e.entity_id}`, (counted.get(`${kind}:${e.entity_id}`) ?? 0) + 1);
  }
  const acknowledged = done.filter((d) => d.entityId !== undefined);
  let once = 0;
  let missing = 0;
  let more = 0;
  let ofAcknowledged = 0;
  for (const d of acknowledged) {
    const n = counted.get(`${d.kind}:${d.entityId}`) ?? 0;
    ofAcknowledged += n;
    if (n === 1) once++;
    else if (n === 0) missing++;
    else more++;
  }
  const unacknowledged = [...counted.values()].reduce((a, b) => a + b, 0) - ofAcknowledged;
  return { acknowledged: acknowledged.length, once, missing, more, unacknowledged };
}

async function main() {
  const where = await processes.place(POSTGRES ? 'postgres' : 'sqlite');
  const db = createDb(where.databaseUrl);
  const servers: Awaited<ReturnType<typeof processes.startServer>>[] = [];
  let importer: (ReturnType<typeof processes.run> & { seconds: Promise<number> }) | undefined;
  try {
    const jobs = plan();
    const need = (k: Kind) => jobs.filter((j) => j === k).length;
    const t0 = performance.now();
    const world = await prepare(db, need('approval'), need('receipt'));
    console.log(
      `setup: ${need('approval')} admissions ready for approval, ${need('receipt')} imported donations without receipts (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    for (let i = 0; i < (POSTGRES ? 2 : 1); i++) servers.push(await processes.startServer(where.env));
    if (!POSTGRES) {
      const file = path.join(where.dataDir, 'people.csv');
      processes.peopleCsv(file, IMPORT_ROWS);
      const started = performance.now();
      const run = processes.run(['import', 'people', file], where.env);
      importer = { ...run, seconds: run.exited.then(() => (performance.now() - started) / 1000) };
    }

    const headers = world.headers;
    const admissions = [...world.admissions];
    const imported = [...world.imported];
    const request = async (kind: Kind, i: number, base: string): Promise<Done> => {
      const send = (method: string, url: string, body?: object) =>
        fetch(`${base}${url}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
      if (kind === 'donation') {
        const res = await send('POST', '/api/aid/donations', {
          donor: `捐赠人${i}`,
          donorKind: '个人',
          amount: 100,
          donatedOn: i % 3 === 0 ? '2025-03-01' : '2026-03-01',
          program: '助学',
          orgCode: i % 2 === 0 ? 'FT' : 'FT-B1',
        });
        const body = (await res.json()) as { id?: number };
        return { kind, status: res.status, entityId: res.status === 201 ? body.id : undefined };
      }
      if (kind === 'fund') {
        const res = await send('POST', '/api/funds', {
          program: '助学',
          source: '财政拨款',
          amount: 1000,
          receivedOn: '2026-02-01',
          orgCode: i % 2 === 0 ? 'FT' : 'FT-B1',
        });
        const body = (await res.json()) as { id?: number };
        return { kind, status: res.status, entityId: res.status === 201 ? body.id : undefined };
      }
      if (kind === 'approval') {
        const id = admissions.pop()!;
        const res = await send('POST', `/api/admissions/${id}/approve`, { on: '2026-05-25' });
        await res.arrayBuffer();
        return { kind, status: res.status, entityId: res.status === 200 ? id : undefined };
      }
      const id = imported.pop()!;
      const res = await send('GET', `/api/aid/donations/${id}/receipt`);
      await res.arrayBuffer();
      return { kind, status: res.status, entityId: res.status === 200 ? id : undefined };
    };

    const done: Done[] = [];
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < jobs.length) {
          const i = next++;
          const t = performance.now();
          const base = servers[i % servers.length]!.url;
          try {
            done.push(await request(jobs[i]!, i, base));
          } catch {
            done.push({ kind: jobs[i]!, status: 0 });
          }
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    let importLine = '';
    if (importer) {
      const code = await importer.exited;
      // The summary on success; on failure the error's own line, not the stack below it.
      const lines = (importer.out.stdout + importer.out.stderr).trim().split('\n');
      const said =
        code === 0
          ? lines.slice(-2).join(' | ')
          : (lines.find((l) => /error|错误|locked|busy/i.test(l)) ?? lines.slice(-3).join(' | '));
      importLine = `CLI import of ${IMPORT_ROWS} people beside it: exit ${code} after ${(await importer.seconds).toFixed(1)} s — ${said.trim()}`;
    }

    const statuses = new Map<string, number>();
    for (const d of done)
      statuses.set(`${d.kind} ${d.status}`, (statuses.get(`${d.kind} ${d.status}`) ?? 0) + 1);
    const errors = done.filter((d) => d.entityId === undefined).length;
    const twice = await duplicates(db);
    const broken = await gaps(db);
    const audited = await audits(db, done);
    console.log(
      `database: ${POSTGRES ? 'PostgreSQL' : 'SQLite'}; ${servers.length} server process(es); ${jobs.length} writes (${(Object.keys(MIX) as Kind[]).map((k) => `${need(k)} ${k}s`).join(', ')}), ${CONCURRENCY} in flight`,
    );
    console.log(
      `elapsed ${seconds.toFixed(2)} s, ${(jobs.length / seconds).toFixed(0)} writes/s; load average ${loadAverage(2)}`,
    );
    console.log(
      `latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${latencies.at(-1)?.toFixed(1)}`,
    );
    console.log(`statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; errors: ${errors}`);
    console.log(`numbers given twice: ${JSON.stringify(twice)}`);
    console.log(`series with gaps: ${broken.length === 0 ? 'none' : broken.join('; ')}`);
    console.log(
      `audit: ${audited.acknowledged} acknowledged writes, ${audited.once} audited exactly once, ${audited.missing} not audited, ${audited.more} more than once; ${audited.unacknowledged} entries for writes not acknowledged`,
    );
    if (importLine) console.log(importLine);
    const ok =
      errors === 0 &&
      Object.values(twice).every((n) => n === 0) &&
      broken.length === 0 &&
      audited.once === jobs.length &&
      (!importer || (await importer.exited) === 0);
    console.log(ok ? 'OK' : 'FAILED');
    process.exitCode = ok ? 0 : 1;
  } finally {
    importer?.child.kill('SIGTERM');
    await Promise.all([...servers.map((s) => processes.stop(s)), importer?.exited]);
    await db.destroy();
    await where.dispose();
  }
}

await main();
