import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as migration from '../../db/migrations/20261208050001_volunteer_previous_dates.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson } from '../../test/factories.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile } from '../imports/imports.service.ts';
import { moveOrg } from '../orgs/orgs.service.ts';
import { distinctVolunteers, sources } from '../reports/report-sources.ts';
import { enterAttendance } from './attendance.service.ts';
import {
  PREVIOUS_DATE_DEPTHS,
  previousDateColumn,
  refreshPreviousDates,
} from './previous-dates.repository.ts';
import { writeRecord } from './records.ledger.ts';
import { confirmAttendance, correctRecord } from './records.service.ts';

/**
 * Issue 14: the 志愿者 figure counted from the kept previous dates equals count(distinct person_id), for every org
 * of a seeded random tree (deeper than the kept depths) and several periods, after each kind of write that moves
 * them: imported activities and records (several batches), manual entry confirmed, a correction, activities moved
 * to other dates and orgs by a re-import, and org moves by the service and by the org import.
 */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PERIODS = [
  ['2022-01-01', '2023-12-31'],
  ['2022-03-01', '2022-09-30'],
  ['2022-06-15', '2023-02-10'],
  ['2023-01-01', '2023-06-30'],
  ['2022-05-05', '2022-05-05'],
  ['2023-11-01', '2024-12-31'],
] as const;

/** Dates in two years, few enough that a person often serves twice on one day. */
const DAYS = Array.from(
  { length: 24 },
  (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-05`,
);

for (const dialect of DIALECTS) {
  describe(`volunteer records' previous dates (${dialect})`, () => {
    let ctx: TestContext;
    let dir: string;
    const rnd = random(14);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const actor = systemActor();
    const orgCodes: string[] = [];
    const people: { id: number; idNumber: string }[] = [];
    const activityCodes: string[] = [];
    let file = 0;
    const run = (kind: string, content: string) => {
      const name = `f${++file}.csv`;
      writeFileSync(path.join(dir, name), content);
      return importFile(ctx, actor, kind, { path: path.join(dir, name), name }, { dryRun: false });
    };
    const activitiesCsv = (rows: { code: string; org: string; day: string }[]) =>
      `活动编号,活动名称,服务类别,组织编码,开始时间,结束时间\n${rows
        .map((r) => `${r.code},活动${r.code},其他,${r.org},${r.day} 09:00,${r.day} 12:00`)
        .join('\n')}\n`;

    /** The figure both ways, for every org and period. */
    async function expectCountsAgree() {
      const orgs = await ctx.db.selectFrom('orgs').select(['code', 'path']).execute();
      const differing: string[] = [];
      let nonZero = 0;
      for (const org of orgs)
        for (const [from, to] of PERIODS) {
          const s = { orgPath: org.path, regionPath: '/', from, to, dialect: ctx.dialect };
          const row = await sources
            .volunteerRecords(ctx.db, s)
            .select([
              distinctVolunteers(s).as('kept'),
              sql<number>`count(distinct volunteer_records.person_id)`.as('plain'),
            ])
            .executeTakeFirstOrThrow();
          if (Number(row.kept) !== Number(row.plain))
            differing.push(`${org.code} ${org.path} ${from}…${to}: ${row.kept} ≠ ${row.plain}`);
          if (Number(row.plain) > 0) nonZero++;
        }
      expect(differing).toEqual([]);
      expect(nonZero).toBeGreaterThan(orgs.length);
    }

    /** The kept columns against their definition, computed here from scratch. */
    async function expectColumnsExact() {
      const rows = await ctx.db
        .selectFrom('volunteer_records as v')
        .innerJoin('volunteer_activities as a', 'a.id', 'v.activity_id')
        .selectAll('v')
        // The activity's path: an import that moves an activity to another org leaves its records' own org_path.
        .select(['a.start_date as day', 'a.org_path as activity_path'])
        .orderBy('a.start_date')
        .orderBy('v.id')
        .execute();
      const last = new Map<string, string>();
      const wrong: string[] = [];
      for (const r of rows) {
        const ids = r.activity_path.split('/').filter(Boolean);
        for (const k of DEPTHS) {
          const key = `${r.person_id}:${ids[k - 1]}`;
          const expected = k <= ids.length ? (last.get(key) ?? null) : null;
          const kept = (r as Record<string, unknown>)[previousDateColumn(k)] ?? null;
          if (kept !== expected) wrong.push(`record ${r.id} depth ${k}: ${kept} ≠ ${expected}`);
          if (k <= ids.length) last.set(key, r.day);
        }
      }
      expect(wrong.slice(0, 10)).toEqual([]);
    }
    const DEPTHS = Array.from({ length: PREVIOUS_DATE_DEPTHS }, (_, i) => i + 1);

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-prev-dates-'));
      // A random tree eight deep, so that some scopes lie below the kept depths.
      await buildOrg(ctx, { code: 'P', parentCode: null, kind: 'committee', level: 'city' });
      orgCodes.push('P');
      for (let i = 0; i < 18; i++) {
        const parent = i < 7 ? (orgCodes[i] ?? 'P') : pick(orgCodes);
        const code = `P${i}`;
        await buildOrg(ctx, { code, parentCode: parent, kind: 'committee', level: 'township' });
        orgCodes.push(code);
      }
      for (let i = 0; i < 30; i++) people.push(await buildPerson(ctx, { orgCode: 'P' }));
      const activities = Array.from({ length: 40 }, (_, i) => ({
        code: `ZY-${i}`,
        org: pick(orgCodes),
        day: pick(DAYS),
      }));
      await run('volunteer-activities', activitiesCsv(activities));
      activityCodes.push(...activities.map((a) => a.code));
    });
    afterAll(async () => {
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the depths of the tree go past the kept ones', async () => {
      const paths = await ctx.db.selectFrom('orgs').select('path').execute();
      expect(Math.max(...paths.map((p) => p.path.split('/').filter(Boolean).length))).toBeGreaterThan(
        PREVIOUS_DATE_DEPTHS,
      );
    });

    it('agree after imported records, in several batches and two files', async () => {
      const pairs = new Set<string>();
      while (pairs.size < 700) pairs.add(`${pick(activityCodes)},${pick(people).idNumber}`);
      const all = [...pairs];
      for (const part of [all.slice(0, 600), all.slice(600)])
        await run('volunteer-hours', `活动编号,身份证号,服务时长\n${part.map((p) => `${p},1`).join('\n')}\n`);
      await expectCountsAgree();
      await expectColumnsExact();
    });

    it('agree after manual entry confirmed and a correction (records.ledger writeRecord)', async () => {
      const activities = await ctx.db
        .selectFrom('volunteer_activities')
        .select(['id', 'starts_at', 'ends_at'])
        .orderBy('id')
        .execute();
      for (let i = 0; i < 25; i++) {
        const a = pick(activities);
        const person = pick(people);
        const has = await ctx.db
          .selectFrom('volunteer_records')
          .select('id')
          .where('activity_id', '=', a.id)
          .where('person_id', '=', person.id)
          .executeTakeFirst();
        if (has) continue;
        const { enrolmentId } = await enterAttendance(ctx, actor, a.id, {
          personId: person.id,
          checkedInAt: a.starts_at,
          checkedOutAt: a.ends_at,
          reason: '当天未能扫码',
        });
        await confirmAttendance(ctx, actor, a.id, { enrolmentIds: [enrolmentId], reason: '补录确认' });
      }
      const record = await ctx.db.selectFrom('volunteer_records').select('id').executeTakeFirstOrThrow();
      await correctRecord(ctx, actor, record.id, { hours: 2, reason: '核对签到表' });
      await expectCountsAgree();
      await expectColumnsExact();
    });

    it('agree after a re-import moves activities to other dates and orgs', async () => {
      const moved = activityCodes
        .slice(0, 15)
        .map((code) => ({ code, org: pick(orgCodes), day: pick(DAYS) }));
      await run('volunteer-activities', activitiesCsv(moved));
      await expectCountsAgree();
      await expectColumnsExact();
    });

    it('agree after org moves, by the service and by the org import', async () => {
      // Two moves to random places outside the moved subtree.
      for (const code of ['P1', 'P6']) {
        const orgs = await ctx.db.selectFrom('orgs').select(['code', 'path']).execute();
        const moving = orgs.find((o) => o.code === code)!;
        const target = pick(orgs.filter((o) => !o.path.startsWith(moving.path)));
        await moveOrg(ctx, actor, code, target.code);
      }
      await expectCountsAgree();
      const p3 = await ctx.db
        .selectFrom('orgs')
        .select(['name', 'level', 'kind'])
        .where('code', '=', 'P3')
        .executeTakeFirstOrThrow();
      await run(
        'orgs',
        `组织编码,组织名称,组织类型,组织层级,上级组织编码,所属领域,所在区划编码\nP3,${p3.name},团委,乡镇,P,其他,419901\n`,
      );
      expect(
        (await ctx.db.selectFrom('orgs').select('path').where('code', '=', 'P3').executeTakeFirstOrThrow())
          .path,
      ).toMatch(/^\/\d+\/\d+\/$/);
      await expectCountsAgree();
      await expectColumnsExact();
    });

    it("the migration's backfill and a refresh of everyone fill them as the writes left them", async () => {
      const cleared = Object.fromEntries(DEPTHS.map((k) => [previousDateColumn(k), null]));
      await ctx.db.updateTable('volunteer_records').set(cleared).execute();
      await migration.backfill(ctx.db);
      await expectColumnsExact();
      await ctx.db.updateTable('volunteer_records').set(cleared).execute();
      await refreshPreviousDates(ctx.db, 'everyone');
      await expectColumnsExact();
      await expectCountsAgree();
    });

    it('the migration undone and redone fills them again', async () => {
      await ctx.db.transaction().execute((trx) => migration.down(trx));
      await ctx.db.transaction().execute((trx) => migration.up(trx));
      await expectColumnsExact();
      await expectCountsAgree();
    });

    it.skipIf(dialect !== 'postgres')(
      "stay exact when two transactions add a new volunteer's first records at once",
      async () => {
        const person = await buildPerson(ctx, { orgCode: 'P' });
        const [a1, a2] = await ctx.db
          .selectFrom('volunteer_activities')
          .select(['id', 'org_id', 'org_path', 'starts_at', 'ends_at'])
          .orderBy('id')
          .limit(2)
          .execute();
        const evidence = {
          hoursHundredths: 100,
          checkedInAt: null,
          checkedOutAt: null,
          source: 'manual' as const,
          enteredByUserId: null,
          enteredAt: null,
          confirmedByUserId: null,
          reason: '并发写入',
        };
        let wrote!: () => void;
        const first = new Promise<void>((resolve) => {
          wrote = resolve;
        });
        let commit!: () => void;
        const held = new Promise<void>((resolve) => {
          commit = resolve;
        });
        const one = ctx.db.transaction().execute(async (trx) => {
          await writeRecord(trx, a1!, person.id, evidence);
          wrote();
          await held;
        });
        await first;
        // The second writes while the first has not committed, then waits for it before recomputing.
        const two = ctx.db.transaction().execute((trx) => writeRecord(trx, a2!, person.id, evidence));
        await new Promise((resolve) => setTimeout(resolve, 300));
        commit();
        await Promise.all([one, two]);
        await expectColumnsExact();
        await expectCountsAgree();
      },
    );
  });
}
