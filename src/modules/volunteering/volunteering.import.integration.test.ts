import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRefusedError } from '../../lib/errors.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson } from '../../test/factories.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile } from '../imports/imports.service.ts';

/** IMPORT-SPEC.md volunteer-hours, and the evidence each imported record carries (issue 5). */
for (const dialect of DIALECTS) {
  describe(`volunteer-hours import (${dialect})`, () => {
    let ctx: TestContext;
    let dir: string;
    const ID = makeIdNumber('419901', '2004-04-04', 41);
    const run = (kind: string, name: string, content: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return importFile(ctx, systemActor(), kind, { path: file, name }, { dryRun: false });
    };
    const hours = (body: string) =>
      run('volunteer-hours', 'hours.csv', `活动编号,身份证号,服务时长,签到时间,签退时间\n${body}\n`);
    const record = () => ctx.db.selectFrom('volunteer_records').selectAll().executeTakeFirstOrThrow();
    const revisions = () =>
      ctx.db.selectFrom('volunteer_record_revisions').selectAll().orderBy('revision').execute();

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-vol-import-'));
      await buildOrg(ctx, { code: 'SL-A', parentCode: null, kind: 'committee', level: 'county' });
      await buildPerson(ctx, { idNumber: ID, orgCode: 'SL-A' });
      await run(
        'volunteer-activities',
        'activities.csv',
        '活动编号,活动名称,服务类别,组织编码,开始时间,结束时间\nZY-1,学雷锋志愿服务,学雷锋,SL-A,2023-03-05 09:00,2023-03-05 12:00\n',
      );
    });
    afterAll(async () => {
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('takes the hours from check-in/out when 服务时长 is blank, with the import as evidence', async () => {
      const outcome = await hours(`ZY-1,${ID},,2023-03-05 09:00,2023-03-05 11:30`);
      expect(outcome.inserted).toBe(1);
      expect(await record()).toMatchObject({ hours_hundredths: 250, source: 'import', revision: 1 });
      expect((await record()).confirmed_at).not.toBeNull();
      expect(await revisions()).toMatchObject([{ revision: 1, hours_hundredths: 250, source: 'import' }]);
    });

    it('leaves a re-import of the same hours unchanged, evidence included', async () => {
      const before = await record();
      const outcome = await hours(`ZY-1,${ID},,2023-03-05 09:00,2023-03-05 11:30`);
      expect(outcome).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
      expect(await record()).toEqual(before);
      expect(await revisions()).toHaveLength(1);
    });

    it('makes a new revision when an import changes the hours, keeping the old one', async () => {
      const outcome = await hours(`ZY-1,${ID},2,,`);
      expect(outcome.updated).toBe(1);
      expect(await record()).toMatchObject({ hours_hundredths: 200, revision: 2 });
      expect((await revisions()).map((r) => r.hours_hundredths)).toEqual([250, 200]);
    });

    it('refuses hours longer than the activity, whether given or from the times', async () => {
      for (const body of [`ZY-1,${ID},3.5,,`, `ZY-1,${ID},,2023-03-05 08:00,2023-03-05 12:30`]) {
        const error = await hours(body).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImportRefusedError);
        expect((error as ImportRefusedError).details.errors[0]!.reason).toMatch(/超过活动时长 3 小时/);
      }
      expect(await record()).toMatchObject({ hours_hundredths: 200, revision: 2 });
    });

    it('warns of a record written twice in one file, the later row winning', async () => {
      const outcome = await run(
        'volunteer-hours',
        'twice.csv',
        `活动编号,身份证号,服务时长,签到时间,签退时间\nZY-1,${ID},2,,\nZY-1,${ID.toLowerCase()},2.5,,\n`,
      );
      expect(outcome.warnings).toEqual([
        {
          row: 3,
          column: null,
          value: null,
          reason: '与第 2 行是同一条记录（活动编号、证件号码相同），以本行为准',
        },
      ]);
      expect(await record()).toMatchObject({ hours_hundredths: 250, source: 'import' });
    });
  });
}
