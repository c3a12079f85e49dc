import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRefusedError } from '../../lib/errors.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { cli } from '../../test/cli-in-process.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { buildOrg } from '../../test/factories.ts';
import { systemActor } from '../auth/auth.policy.ts';
import type { HeaderMapping } from './header-mapping.ts';
import { importFile } from './imports.service.ts';

/** Refusal of an import; fails the test when it was taken. */
async function refusal(promise: Promise<unknown>): Promise<ImportRefusedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportRefusedError) return error;
    throw error;
  }
  throw new Error('the import was taken, but should have been refused');
}

const ID_A = makeIdNumber('419901', '2006-03-04', 11);
const ID_B = makeIdNumber('419901', '2007-08-09', 12);
const ID_C = makeIdNumber('419901', '2010-01-02', 13);

for (const dialect of DIALECTS) {
  describe(`imports of files laid out as real exports (${dialect})`, () => {
    let ctx: TestContext;
    let dir: string;
    const write = (name: string, content: string | Buffer) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return { path: file, name };
    };
    const run = (file: { path: string; name: string }, mapping?: HeaderMapping, dryRun = false) =>
      importFile(ctx, systemActor(), 'people', file, { dryRun, mapping });
    const people = async () =>
      (
        await ctx.db
          .selectFrom('people')
          .select(['name', 'gender', 'phone', 'political_status', 'joined_on', 'id_number_masked'])
          .orderBy('name')
          .execute()
      ).map((p) => ({ ...p }));

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-header-mapping-'));
      await buildOrg(ctx, { code: 'SL-A-B01', parentCode: 'SL-A' });
    });
    afterAll(async () => {
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reads a 智慧团建-style export: title rows, other names and order, extra columns, value synonyms', async () => {
      // As the national system's 团员 export lays it out: a title, a line of who exported it, then the header.
      const csv = [
        '示例县团员信息导出,,,,,,,',
        '导出单位：示例县团委　导出时间：2026-11-30,,,,,,,',
        '序号,团员姓名,公民身份号码,性别,政治面貌,联系电话,入团年月,所在团组织编码,备注',
        `1,甲,${ID_A},M,团员,13800000001,2021年5月,SL-A-B01,`,
        `2,乙,${ID_B},F,共青团员,13800000002,2022.5.4,SL-A-B01,转入`,
        `3,丙,${ID_C},男性,少先队,,,,`,
      ].join('\n');
      const outcome = await run(write('zhtj.csv', csv));
      expect(outcome).toMatchObject({ rows: 3, inserted: 3, errorCount: 0 });
      expect(outcome.warnings.map((w) => [w.row, w.column, w.reason])).toEqual([
        [3, '序号', '未知的列「序号」，已忽略'],
        [3, '团员姓名', '列「团员姓名」按「姓名」读取'],
        [3, '公民身份号码', '列「公民身份号码」按「证件号码」读取'],
        [3, '联系电话', '列「联系电话」按「手机号码」读取'],
        [3, '入团年月', '列「入团年月」按「入团日期」读取'],
        [3, '备注', '未知的列「备注」，已忽略'],
        [3, null, '表头在第 3 行，上方 2 行标题未导入'],
      ]);
      expect(await people()).toEqual([
        {
          name: '丙',
          gender: '男',
          phone: null,
          political_status: 'young_pioneer',
          joined_on: null,
          id_number_masked: expect.any(String),
        },
        {
          name: '乙',
          gender: '女',
          phone: '13800000002',
          political_status: 'league_member',
          joined_on: '2022-05-04',
          id_number_masked: expect.any(String),
        },
        {
          name: '甲',
          gender: '男',
          phone: '13800000001',
          political_status: 'league_member',
          joined_on: '2021-05-01',
          id_number_masked: expect.any(String),
        },
      ]);
      // Idempotent as before: the same file again changes nothing.
      const before = await dumpTables(ctx, ['people']);
      expect(await run(write('zhtj.csv', csv))).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
      expect(await dumpTables(ctx, ['people'])).toEqual(before);
    });

    it('reads an xlsx whose header has merged group titles above the column names', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('花名册');
      sheet.addRow(['示例村团支部花名册']);
      sheet.mergeCells('A1:F1');
      sheet.addRow(['姓名', '身份信息', null, '联系方式', '团内信息', null]);
      sheet.addRow([null, '证件号码', '政治面貌', '手机', '入团时间', '所在团组织编码']);
      sheet.mergeCells('A2:A3');
      sheet.mergeCells('B2:C2');
      sheet.mergeCells('E2:F2');
      sheet.addRow(['丁', ID_A, '中国共产主义青年团团员', '13800000009', '2021/5/4', 'SL-A-B01']);
      const file = path.join(dir, 'merged.xlsx');
      await workbook.xlsx.writeFile(file);
      const outcome = await run({ path: file, name: 'merged.xlsx' });
      expect(outcome).toMatchObject({ rows: 1, updated: 1, errorCount: 0 });
      expect(outcome.warnings.at(-1)).toMatchObject({ row: 3, reason: '表头在第 3 行，上方 1 行标题未导入' });
      const row = await ctx.db
        .selectFrom('people')
        .select(['name', 'phone', 'joined_on'])
        .where('id_number_hash', '=', ctx.cipher.lookupHash(ID_A))
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ name: '丁', phone: '13800000009', joined_on: '2021-05-04' });
    });

    it('takes a confirmed mapping over names and synonyms, and ignores a column mapped to nothing', async () => {
      const csv = ['证件,名,身份,电话,身份证号码', `${ID_B},戊,群众,13800000003,`].join('\n');
      const refused = await refusal(run(write('short.csv', csv)));
      expect(refused.details.errors.map((e) => e.reason)).toEqual([
        expect.stringMatching(/^缺少必填列「姓名」：第 1 行表头中没有这一列/),
        expect.stringMatching(/^缺少必填列「政治面貌」/),
      ]);
      const mapping = { 证件: '身份证号', 名: '姓名', 身份: '政治面貌', 电话: '手机号码', 身份证号码: null };
      const outcome = await run(write('short.csv', csv), mapping);
      expect(outcome).toMatchObject({ rows: 1, updated: 1, errorCount: 0, warnings: [] });
      expect((await people()).find((p) => p.name === '戊')).toMatchObject({ phone: '13800000003' });
    });

    it('refuses a mapping to no column of ours, and two columns for one, in Chinese, writing nothing', async () => {
      const before = await dumpTables(ctx, ['people']);
      const csv = ['证件,姓名,政治面貌,身份证号', `${ID_C},己,群众,${ID_C}`].join('\n');
      const refused = await refusal(run(write('bad-map.csv', csv), { 证件: '身份证号', 姓名: '名字' }));
      expect(refused.details.errors.map((e) => e.reason)).toEqual([
        expect.stringMatching(/^对应关系把「姓名」对应到「名字」，但没有这一列；可选的列：证件号码、姓名、/),
        '列「证件」和「身份证号」都对应「证件号码」，只能保留一列',
        expect.stringMatching(/^缺少必填列「姓名」/),
      ]);
      expect(await dumpTables(ctx, ['people'])).toEqual(before);
    });

    it('takes --map <file.json> on the command line, and refuses a mapping file that is not one', async () => {
      const csv = ['序号,名,证件,身份', `1,庚,${ID_C},群众`].join('\n');
      const file = write('cli.csv', csv).path;
      const map = write('map.json', JSON.stringify({ 名: '姓名', 证件: '身份证号', 身份: '政治面貌' })).path;
      const taken = await cli(ctx, 'import', 'people', file, '--map', map);
      expect(taken.out).toContain('导入完成：people cli.csv，共 1 行；新增 0，更新 1');
      expect(taken.code).toBe(0);
      expect((await people()).find((p) => p.name === '庚')).toBeDefined();
      const broken = write('broken.json', '["名"]').path;
      expect(await cli(ctx, 'import', 'people', file, '--map', broken)).toEqual({
        code: 1,
        out: '错误：对应关系无效：应为一个对象，如 {"公民身份号码": "证件号码"}',
      });
    });

    it('imports an .xls as 智慧团建 and WPS save it: a title row, other names, a date cell; a damaged one refused', async () => {
      const sheet = XLSX.utils.aoa_to_sheet([
        ['示例县团员名册'],
        ['姓名', '身份证号码', '政治面貌', '入团时间', '所在团组织编码', '手机'],
        ['辛', ID_B, '共青团员', null, 'SL-A-B01', '13800000011'],
      ]);
      sheet.D3 = { t: 'n', v: 44320, z: 'yyyy"年"m"月"d"日"' };
      sheet['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 5 } }];
      const book = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(book, sheet, 'Sheet1');
      const file = write('zhtj.xls', XLSX.write(book, { type: 'buffer', bookType: 'biff8' }));
      expect(await run(file)).toMatchObject({ rows: 1, updated: 1, errorCount: 0 });
      const row = await ctx.db
        .selectFrom('people')
        .select(['name', 'phone', 'joined_on'])
        .where('id_number_hash', '=', ctx.cipher.lookupHash(ID_B))
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ name: '辛', phone: '13800000011', joined_on: '2021-05-04' });
      const damaged = write(
        'damaged.xls',
        Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(700)]),
      );
      const refused = await refusal(run(damaged));
      expect(refused.details.errors).toEqual([
        {
          row: null,
          column: null,
          value: null,
          reason: '文件结构异常，无法作为 .xls 读取：请用 Excel 或 WPS 重新保存后再导入',
        },
      ]);
    });

    it('still refuses a value no fold covers, naming it', async () => {
      const csv = ['身份证号,姓名,政治面貌,性别,入团日期', `${ID_C},丙,团干部,X,2021年13月`].join('\n');
      const refused = await refusal(run(write('values.csv', csv)));
      // Row, column and value are in the problem; its reason lists every spelling accepted.
      expect(refused.details.errors.map((e) => [e.row, e.column, e.value, e.reason])).toEqual([
        [
          2,
          '政治面貌',
          '团干部',
          '不是可选值之一（可填 少先队员 / 共青团员 / 中共预备党员 / 中共党员 / 群众；也可写作 少先队、中国少年先锋队队员 → 少先队员；团员、中国共产主义青年团团员 → 共青团员；预备党员、中共预备、中国共产党预备党员 → 中共预备党员；党员、共产党员、中国共产党党员 → 中共党员）',
        ],
        [2, '性别', 'X', '不是可选值之一（可填 男 / 女；也可写作 男性、M、MALE → 男；女性、F、FEMALE → 女）'],
        [
          2,
          '入团日期',
          '2021年13月',
          '不是有效日期（或年月）：可写作 2008-05-04、2008/5/4、2008.5.4、2008年5月4日、20080504，或只写年月 2008年5月、2008.5、2008-05',
        ],
      ]);
    });
  });
}
