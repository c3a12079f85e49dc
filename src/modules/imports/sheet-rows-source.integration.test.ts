import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRefusedError } from '../../lib/errors.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { FIXTURE_SAMPLE } from '../../test/sample-county.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile } from './imports.service.ts';

const SAMPLE = FIXTURE_SAMPLE;

async function refusalOf(promise: Promise<unknown>): Promise<ImportRefusedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof ImportRefusedError) return error;
  throw error ?? new Error('the import was taken, but should have been refused');
}

/** `count` league members of SL-A's first township, with valid and distinct identity numbers. */
function peopleCsv(count: number, from = 0): string {
  const lines = ['身份证号,姓名,政治面貌,所在团组织编码,入团日期,手机号码'];
  for (let i = from; i < from + count; i++) {
    const birth = `2003-${String((i % 12) + 1).padStart(2, '0')}-${String((Math.floor(i / 12) % 28) + 1).padStart(2, '0')}`;
    const id = makeIdNumber('110101', birth, Math.floor(i / 336));
    lines.push(`${id},"测试,${i}",共青团员,SL-A-T01,2019-05-04,139${String(i).padStart(8, '0')}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

for (const dialect of DIALECTS) {
  describe(`reading an import on a worker thread (${dialect})`, () => {
    let ctx: TestContext;
    let dir: string;
    const write = (name: string, content: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return { path: file, name };
    };
    const run = (kind: string, file: { path: string; name: string }, worker: boolean, dryRun = false) =>
      importFile(ctx, systemActor(), kind, file, { dryRun, worker });

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-worker-test-'));
      for (const file of ['01-regions.csv', '02-orgs.csv']) {
        await run(file.slice(3, -4), { path: path.join(SAMPLE, file), name: file }, false);
      }
    });
    afterAll(async () => {
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports the sample people xlsx on a worker exactly as inline: read again inline, every row is unchanged', async () => {
      const file = { path: path.join(SAMPLE, '03-people.xlsx'), name: '03-people.xlsx' };
      expect(await run('people', file, true)).toMatchObject({ rows: 2025, inserted: 2025, updated: 0 });
      const stored = await dumpTables(ctx, ['people']);
      expect(await run('people', file, false)).toMatchObject({ rows: 2025, inserted: 0, unchanged: 2025 });
      expect(await run('people', file, true)).toMatchObject({ rows: 2025, inserted: 0, unchanged: 2025 });
      expect(await dumpTables(ctx, ['people'])).toEqual(stored);
    }, 120_000); // three imports of 2,025 rows: past 30 s when the machine is loaded

    it('streams a file of many batches through the worker, the identity numbers sealed with the same key', async () => {
      const file = write('many.csv', peopleCsv(3000));
      expect(await run('people', file, true)).toMatchObject({ rows: 3000, inserted: 3000, warnings: [] });
      const last = await ctx.db
        .selectFrom('people')
        .select(['id_number_enc', 'id_number_hash', 'name', 'phone'])
        .where('name', '=', '测试,2999')
        .executeTakeFirstOrThrow();
      const idNumber = ctx.cipher.decrypt(last.id_number_enc);
      expect(ctx.cipher.lookupHash(idNumber)).toBe(last.id_number_hash);
      expect(last.phone).toBe('13900002999');
      expect(await run('people', file, false)).toMatchObject({ rows: 3000, inserted: 0, unchanged: 3000 });
    });

    it('refuses a bad file with the same problems on a worker as inline, writing nothing', async () => {
      const good = peopleCsv(1200, 5000).split('\r\n');
      good[700] = good[700]!.replace('SL-A-T01', 'NO-SUCH-ORG');
      good[1100] = good[1100]!.replace(/^(\d{17})./, '$1Y');
      const file = write('bad.csv', good.join('\r\n'));
      const before = await dumpTables(ctx, ['people']);
      const onWorker = await refusalOf(run('people', file, true));
      const inline = await refusalOf(run('people', file, false));
      expect(onWorker.details.errors).toEqual(inline.details.errors);
      expect(onWorker.details.errors).toEqual([
        expect.objectContaining({ row: 701, column: '所在团组织编码', reason: '团组织 NO-SUCH-ORG 不存在' }),
        expect.objectContaining({ row: 1101, column: '证件号码' }),
      ]);
      expect(await dumpTables(ctx, ['people'])).toEqual(before);
    });

    it('warns of a number written twice, within a batch and across batches, the later row winning', async () => {
      const lines = peopleCsv(1200, 9000).split('\r\n');
      const [first, second] = [lines[1]!.split(','), lines[2]!.split(',')];
      lines[5] = lines[5]!.replace(/^[^,]+/, first[0]!).replace('SL-A-T01', 'SL-A');
      lines[1150] = lines[1150]!.replace(/^[^,]+/, second[0]!);
      const file = write('twice.csv', lines.join('\r\n'));
      for (const worker of [true, false]) {
        const outcome = await run('people', file, worker, true);
        expect(outcome).toMatchObject({ rows: 1200, inserted: 1198 });
        expect(outcome.warnings).toEqual([
          expect.objectContaining({
            row: 6,
            column: '证件号码',
            reason: '与第 2 行证件号码相同，以本行为准',
          }),
          expect.objectContaining({
            row: 1151,
            column: '证件号码',
            reason: '与第 3 行证件号码相同，以本行为准',
          }),
        ]);
      }
      await run('people', file, true);
      const person = await ctx.db
        .selectFrom('people')
        .innerJoin('orgs', 'orgs.id', 'people.org_id')
        .select(['people.name', 'orgs.code'])
        .where('people.id_number_hash', '=', ctx.cipher.lookupHash(first[0]!))
        .executeTakeFirstOrThrow();
      expect(person).toEqual({ name: '测试,9004', code: 'SL-A' });
    });

    it('refuses a CSV it cannot read on a worker with the Chinese reason, naming the row and the cause', async () => {
      const file = write('unclosed.csv', `${peopleCsv(2)}"4199012003,未闭合\n`);
      const error = await refusalOf(run('people', file, true));
      expect(error.details.errors).toEqual([
        {
          row: 4,
          column: null,
          value: null,
          reason:
            '第 4 行开始的单元格以英文双引号开头，直到文件末尾也没有配对的结束引号（引号未闭合），请检查该行',
        },
      ]);
    });
  });
}
