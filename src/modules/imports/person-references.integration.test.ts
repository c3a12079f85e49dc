import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRefusedError } from '../../lib/errors.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { buildOrg, buildPerson } from '../../test/factories.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile } from './imports.service.ts';
import { IMPORT_KINDS } from './kinds.ts';

const RESIDENT = makeIdNumber('419901', '2004-04-04', 51);
const TAIWAN = makeIdNumber('830000', '2003-03-03', 52);
const PASSPORT = 'E12345678';

/**
 * Issue 17 item 7: a person is registered by any 证件类型, so every file that names a person (hours, cadres,
 * grants, ...) names him by his document's number, whatever its type: one column type, one lookup.
 */
describe('every column that names a person', () => {
  const columns = IMPORT_KINDS.flatMap((k) =>
    k.columns.filter((c) => c.reference === 'person').map((c) => [k.kind, c] as const),
  );

  it('is found in the kinds that name people', () => {
    expect(columns.map(([kind, c]) => `${kind}.${c.key}`)).toEqual([
      'cadres.id_number',
      'admissions.id_number',
      'party-recommendations.id_number',
      'attendance.id_number',
      'volunteer-hours.id_number',
      'grants.id_number',
      'counsellors.id_number',
      'consultations.counsellor_id_number',
      'internship-placements.id_number',
    ]);
  });

  it('reads a 居民身份证, a 港澳台居民居住证 and a passport number alike', () => {
    for (const [kind, c] of columns) {
      for (const n of [RESIDENT, TAIWAN, 'e1234 5678'])
        expect(c.read(n), `${kind}.${c.key} ${n}`).toMatchObject({ ok: true });
      expect(c.format, kind).toContain('护照');
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`files naming a person by any 证件类型 (${dialect})`, () => {
    let ctx: TestContext;
    let dir: string;
    let holder: number;
    const run = (kind: string, name: string, lines: string[]) => {
      const file = path.join(dir, name);
      writeFileSync(file, `${lines.join('\n')}\n`);
      return importFile(ctx, systemActor(), kind, { path: file, name }, { dryRun: false });
    };
    const refused = async (kind: string, lines: string[]) => {
      const error = await run(kind, `${kind}-bad.csv`, lines).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRefusedError);
      return (error as ImportRefusedError).details.errors.map((e) => [e.row, e.column, e.value, e.reason]);
    };
    const TABLES = ['cadre_posts', 'volunteer_records', 'grants'];

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-person-refs-'));
      await buildOrg(ctx, { code: 'SL-A', parentCode: null, kind: 'committee', level: 'county' });
      await buildPerson(ctx, { idNumber: RESIDENT, orgCode: 'SL-A' });
      await buildPerson(ctx, { idNumber: TAIWAN, orgCode: 'SL-A' });
      holder = (await buildPerson(ctx, { idType: 'passport', idNumber: PASSPORT, orgCode: 'SL-A' })).id;
      await run('volunteer-activities', 'activities.csv', [
        '活动编号,活动名称,组织编码,开始时间,结束时间',
        'ZY-1,学雷锋志愿服务,SL-A,2023-03-05 09:00,2023-03-05 12:00',
      ]);
    });
    afterAll(async () => {
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports hours, a cadre post and a grant of a passport holder, named in 身份证号 or 证件号码', async () => {
      expect(
        await run('volunteer-hours', 'hours.csv', [
          '活动编号,证件号码,服务时长',
          'ZY-1,e1234 5678,2',
          `ZY-1,${TAIWAN},1.5`,
        ]),
      ).toMatchObject({ inserted: 2, errorCount: 0 });
      expect(
        await run('cadres', 'cadres.csv', [
          '身份证号,组织编码,职务,任职方式,任职日期',
          `${PASSPORT},SL-A,委员,兼职,2023-08-28`,
        ]),
      ).toMatchObject({ inserted: 1, errorCount: 0 });
      expect(
        await run('grants', 'grants.csv', [
          '发放编号,身份证号,金额,发放日期,项目,组织编码',
          `ZZ-1,${PASSPORT.toLowerCase()},1000,2023-07-15,助学,SL-A`,
        ]),
      ).toMatchObject({ inserted: 1, errorCount: 0 });
      const of = (table: 'cadre_posts' | 'grants') => ctx.db.selectFrom(table).select('person_id').execute();
      expect(await of('cadre_posts')).toEqual([{ person_id: holder }]);
      expect(await of('grants')).toEqual([{ person_id: holder }]);
      const hours = await ctx.db
        .selectFrom('volunteer_records')
        .select(['person_id', 'hours_hundredths'])
        .where('person_id', '=', holder)
        .execute();
      expect(hours).toEqual([{ person_id: holder, hours_hundredths: 200 }]);
    });

    it('refuses an unknown or malformed number naming row and column, and writes nothing', async () => {
      const before = await dumpTables(ctx, TABLES);
      const wrongCheck = `${RESIDENT.slice(0, 17)}${RESIDENT[17] === '0' ? '1' : '0'}`;
      expect(
        await refused('volunteer-hours', [
          '活动编号,身份证号,服务时长',
          'ZY-1,G7654321,2',
          'ZY-1,张三,2',
          `ZY-1,${wrongCheck},2`,
          `ZY-1,${RESIDENT.slice(0, 17)},2`,
          `ZY-1,${PASSPORT},2.5`,
        ]),
      ).toEqual([
        [
          2,
          '证件号码',
          'G************21',
          '系统中没有该护照号码的人员，或其不在您的管理范围内；请先导入人员信息',
        ],
        [
          3,
          '证件号码',
          '张三',
          '证件号码应为18位身份证号或港澳台居民居住证号码，或5至17位字母、数字的护照号码',
        ],
        [4, '证件号码', wrongCheck, '身份证号校验位错误'],
        [
          5,
          '证件号码',
          `${RESIDENT.slice(0, 1)}************${RESIDENT.slice(15, 17)}`,
          '身份证号应为18位（本格只有17位）；系统中也没有以此为护照号码的人员',
        ],
      ]);
      expect(
        await refused('cadres', [
          '身份证号,组织编码,职务,任职方式,任职日期',
          `${PASSPORT},SL-A,书记,兼职,2024-01-01`,
          'X1,SL-A,委员,兼职,2024-01-01',
        ]),
      ).toEqual([
        [
          3,
          '证件号码',
          'X1',
          '证件号码应为18位身份证号或港澳台居民居住证号码，或5至17位字母、数字的护照号码',
        ],
      ]);
      expect(
        await refused('grants', [
          '发放编号,身份证号,金额,发放日期,项目,组织编码',
          'ZZ-2,EA0000001,500,2023-07-15,助学,SL-A',
        ]),
      ).toEqual([
        [
          2,
          '证件号码',
          'E************01',
          '系统中没有该护照号码的人员，或其不在您的管理范围内；请先导入人员信息',
        ],
      ]);
      expect(await dumpTables(ctx, TABLES)).toEqual(before);
    });
  });
}
