import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg } from '../../test/factories.ts';
import { countingQueries } from '../../test/query-counter.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile } from './imports.service.ts';

const ROWS = 1_000;
/**
 * Statements one import of ROWS rows may take: two batches of 500, each resolving its references and existing
 * records in a query apiece and writing in bulk, plus the import's own bookkeeping (lock, record, audit,
 * progress). Row by row it took 4–5 a row, over 4,000 here.
 */
const BUDGET = 40;

/** Round trips of the import engine grow with batches, not rows (issue 14, import speed). */
for (const dialect of DIALECTS) {
  describe(`import round trips (${dialect})`, () => {
    let base: TestContext;
    let ctx: TestContext;
    let counter: ReturnType<typeof countingQueries>;
    let dir: string;
    const ids = Array.from({ length: ROWS }, (_, i) =>
      makeIdNumber('419901', `200${i % 8}-0${1 + (i % 9)}-1${i % 10}`, i),
    );

    /** Imports a CSV and returns its outcome and the statements it took. */
    const run = async (kind: string, header: string, lines: string[]) => {
      const file = path.join(dir, `${kind}.csv`);
      writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
      counter.reset();
      const outcome = await importFile(
        ctx,
        systemActor(),
        kind,
        { path: file, name: `${kind}.csv` },
        {
          dryRun: false,
        },
      );
      return { outcome, statements: counter.count() };
    };
    const people = (suffix: string) =>
      run(
        'people',
        '身份证号,姓名,政治面貌,所在团组织编码,入团日期',
        ids.map((id, i) => `${id},青年${i}${suffix},共青团员,B${i % 10},2020-05-04`),
      );
    const activities = (title: string) =>
      run(
        'volunteer-activities',
        '活动编号,活动名称,服务类别,组织编码,开始时间,结束时间',
        ids.map((_, i) => `ZY-${i},${title}${i},关爱老人,B${i % 10},2023-03-05 09:00,2023-03-05 13:00`),
      );
    const hours = (h: (i: number) => string) =>
      run(
        'volunteer-hours',
        '活动编号,身份证号,服务时长,签到时间,签退时间',
        ids.map((id, i) => `ZY-${(i * 7) % ROWS},${id},${h(i)},,`),
      );
    const cadres = (title: string) =>
      run(
        'cadres',
        '身份证号,组织编码,职务,任职方式,人员来源,任职日期,离任日期',
        ids.map((id, i) => `${id},B${i % 10},${title},兼职,大学生,2021-0${1 + (i % 9)}-01,`),
      );

    beforeAll(async () => {
      base = await createTestContext(dialect);
      counter = countingQueries(base.db);
      ctx = { ...base, db: counter.db };
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-round-trips-'));
      await buildOrg(base, { code: 'SL-A', parentCode: null, kind: 'committee', level: 'county' });
      for (let b = 0; b < 10; b++) await buildOrg(base, { code: `B${b}`, parentCode: 'SL-A' });
    });
    afterAll(async () => {
      await base.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('people: new, the same again, then changed', async () => {
      const first = await people('');
      expect(first.outcome).toMatchObject({ inserted: ROWS, updated: 0, unchanged: 0 });
      expect(first.statements).toBeLessThanOrEqual(BUDGET);
      const again = await people('');
      expect(again.outcome).toMatchObject({ inserted: 0, updated: 0, unchanged: ROWS });
      expect(again.statements).toBeLessThanOrEqual(BUDGET);
      const changed = await people('甲');
      expect(changed.outcome).toMatchObject({ inserted: 0, updated: ROWS, unchanged: 0 });
      expect(changed.statements).toBeLessThanOrEqual(BUDGET);
      const names = await base.db.selectFrom('people').select('name').where('name', 'like', '%甲').execute();
      expect(names).toHaveLength(ROWS);
    });

    it('a ledger keyed by code (activities): new, the same again, then changed', async () => {
      const first = await activities('活动');
      expect(first.outcome).toMatchObject({ inserted: ROWS, updated: 0, unchanged: 0 });
      expect(first.statements).toBeLessThanOrEqual(BUDGET);
      const again = await activities('活动');
      expect(again.outcome).toMatchObject({ inserted: 0, updated: 0, unchanged: ROWS });
      expect(again.statements).toBeLessThanOrEqual(BUDGET);
      const changed = await activities('服务');
      expect(changed.outcome).toMatchObject({ inserted: 0, updated: ROWS, unchanged: 0 });
      expect(changed.statements).toBeLessThanOrEqual(BUDGET);
      const row = await base.db
        .selectFrom('volunteer_activities')
        .select('title')
        .where('code', '=', 'ZY-999')
        .executeTakeFirstOrThrow();
      expect(row.title).toBe('服务999');
    });

    it('a ledger keyed by two references (hours): new, the same again, then changed', async () => {
      const first = await hours((i) => String(1 + (i % 3)));
      expect(first.outcome).toMatchObject({ inserted: ROWS, updated: 0, unchanged: 0 });
      expect(first.statements).toBeLessThanOrEqual(BUDGET);
      const again = await hours((i) => String(1 + (i % 3)));
      expect(again.outcome).toMatchObject({ inserted: 0, updated: 0, unchanged: ROWS });
      expect(again.statements).toBeLessThanOrEqual(BUDGET);
      // Every other record's hours change: those make revision 2, the rest stay as they were.
      const changed = await hours((i) => (i % 2 === 0 ? '4' : String(1 + (i % 3))));
      expect(changed.outcome).toMatchObject({ inserted: 0, updated: ROWS / 2, unchanged: ROWS / 2 });
      expect(changed.statements).toBeLessThanOrEqual(BUDGET);
      const revisions = await base.db
        .selectFrom('volunteer_records')
        .select(['revision'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy('revision')
        .orderBy('revision')
        .execute();
      expect(revisions.map((r) => [r.revision, Number(r.n)])).toEqual([
        [1, ROWS / 2],
        [2, ROWS / 2],
      ]);
      const history = await base.db
        .selectFrom('volunteer_record_revisions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(history.n)).toBe(ROWS + ROWS / 2);
    });

    it('a ledger keyed by four columns (cadres): new, then the same again', async () => {
      const first = await cadres('委员');
      expect(first.outcome).toMatchObject({ inserted: ROWS, updated: 0, unchanged: 0 });
      expect(first.statements).toBeLessThanOrEqual(BUDGET);
      const again = await cadres('委员');
      expect(again.outcome).toMatchObject({ inserted: 0, updated: 0, unchanged: ROWS });
      expect(again.statements).toBeLessThanOrEqual(BUDGET);
    });
  });
}
