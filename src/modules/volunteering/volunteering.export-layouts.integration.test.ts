import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { buildOrg, buildPerson } from '../../test/factories.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile } from '../imports/imports.service.ts';

const ID_A = makeIdNumber('419901', '2004-04-04', 41);
const ID_B = makeIdNumber('419901', '2005-06-07', 42);
const VOLUNTEERING = ['volunteer_activities', 'volunteer_records', 'volunteer_record_revisions'];

/**
 * Issue 15: the volunteer kinds laid out as the national volunteer systems export them — a title row, their
 * header names and order (志愿者姓名, 证件号码, 服务时长(小时), 项目名称, 服务日期 …), columns we do not read,
 * merged group titles above the names, and hours written with their unit.
 */
for (const dialect of DIALECTS) {
  describe(`volunteer imports of files laid out as real exports (${dialect})`, () => {
    let ctx: TestContext;
    let dir: string;
    const run = (kind: string, file: string) =>
      importFile(ctx, systemActor(), kind, { path: file, name: path.basename(file) }, { dryRun: false });
    const write = (name: string, content: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return file;
    };

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-vol-layouts-'));
      await buildOrg(ctx, { code: 'SL-A', parentCode: null, kind: 'committee', level: 'county' });
      await buildPerson(ctx, { idNumber: ID_A, orgCode: 'SL-A' });
      await buildPerson(ctx, { idNumber: ID_B, orgCode: 'SL-A' });
    });
    afterAll(async () => {
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reads activities as 中国志愿服务网 lists 项目: a title row, 项目 names, extra columns', async () => {
      // The 组织编码 column is the clerk's own: the export names the publishing organisation, not our code.
      const csv = [
        '志愿服务项目列表（导出时间：2023-03-31）,,,,,,,,,',
        '序号,项目编号,项目名称,服务类型,项目状态,项目开始时间,项目结束时间,服务地点,招募人数,组织编码',
        '1,ZY-1,学雷锋志愿服务,社区服务,已结项,2023/3/5 9:00,2023/3/5 12:00,社区服务中心,20,SL-A',
        '2,ZY-2,防溺水宣传,平安守护,已结项,2023年7月1日 14:00,2023年7月1日 17:30,河堤,10,SL-A',
      ].join('\n');
      const outcome = await run('volunteer-activities', write('projects.csv', csv));
      expect(outcome).toMatchObject({ rows: 2, inserted: 2, errorCount: 0 });
      expect(outcome.warnings.map((w) => w.reason)).toEqual([
        '未知的列「序号」，已忽略',
        '列「项目编号」按「活动编号」读取',
        '列「项目名称」按「活动名称」读取',
        '列「服务类型」按「服务类别」读取',
        '未知的列「项目状态」，已忽略',
        '列「项目开始时间」按「开始时间」读取',
        '列「项目结束时间」按「结束时间」读取',
        '列「服务地点」按「地点」读取',
        '未知的列「招募人数」，已忽略',
        '表头在第 2 行，上方 1 行标题未导入',
      ]);
      const rows = await ctx.db
        .selectFrom('volunteer_activities')
        .select(['code', 'title', 'category', 'place', 'starts_at', 'ends_at'])
        .orderBy('code')
        .execute();
      expect(rows.map((r) => ({ ...r }))).toEqual([
        {
          code: 'ZY-1',
          title: '学雷锋志愿服务',
          category: '社区服务',
          place: '社区服务中心',
          starts_at: '2023-03-05T01:00:00.000Z',
          ends_at: '2023-03-05T04:00:00.000Z',
        },
        {
          code: 'ZY-2',
          title: '防溺水宣传',
          category: '平安守护',
          place: '河堤',
          starts_at: '2023-07-01T06:00:00.000Z',
          ends_at: '2023-07-01T09:30:00.000Z',
        },
      ]);
    });

    it('reads hours as 志愿汇 exports them: merged group titles, 志愿者姓名/证件号码/服务时长(小时), units', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('服务记录');
      sheet.addRow(['志愿服务时长记录']);
      sheet.mergeCells('A1:J1');
      sheet.addRow(['序号', '志愿者信息', null, null, null, '服务信息', null, null, null, '备注']);
      sheet.addRow([
        null,
        '志愿者姓名',
        '证件类型',
        '证件号码',
        '手机号',
        '项目编号',
        '项目名称',
        '服务日期',
        '服务时长(小时)',
        null,
      ]);
      sheet.mergeCells('A2:A3');
      sheet.mergeCells('B2:E2');
      sheet.mergeCells('F2:I2');
      sheet.mergeCells('J2:J3');
      sheet.addRow([
        1,
        '甲',
        '身份证',
        ID_A,
        '13800000001',
        'ZY-1',
        '学雷锋志愿服务',
        '2023-03-05',
        '2.5小时',
        '',
      ]);
      sheet.addRow([
        2,
        '乙',
        '身份证',
        ID_B,
        '13800000002',
        'ZY-1',
        '学雷锋志愿服务',
        '2023-03-05',
        3,
        '补录',
      ]);
      sheet.addRow([3, '甲', '身份证', ID_A, '13800000001', 'ZY-2', '防溺水宣传', '2023-07-01', '3.5h', '']);
      const file = path.join(dir, 'hours.xlsx');
      await workbook.xlsx.writeFile(file);

      const outcome = await run('volunteer-hours', file);
      expect(outcome).toMatchObject({ rows: 3, inserted: 3, errorCount: 0 });
      // The group titles above bind none of our columns, so the names' row alone is the header and both rows above
      // are skipped as titles; 序号 and 备注, merged down from them, are not read either way.
      expect(outcome.warnings.map((w) => [w.row, w.reason])).toEqual([
        [3, '未知的列「志愿者姓名」，已忽略'],
        [3, '未知的列「证件类型」，已忽略'],
        [3, '未知的列「手机号」，已忽略'],
        [3, '列「项目编号」按「活动编号」读取'],
        [3, '未知的列「项目名称」，已忽略'],
        [3, '未知的列「服务日期」，已忽略'],
        [3, '列「服务时长(小时)」按「服务时长」读取'],
        [3, '表头在第 3 行，上方 2 行标题未导入'],
      ]);
      const hours = await ctx.db
        .selectFrom('volunteer_records')
        .innerJoin('volunteer_activities', 'volunteer_activities.id', 'volunteer_records.activity_id')
        .select(['volunteer_activities.code', 'volunteer_records.hours_hundredths'])
        .orderBy('volunteer_activities.code')
        .orderBy('volunteer_records.hours_hundredths')
        .execute();
      expect(hours.map((h) => [h.code, h.hours_hundredths])).toEqual([
        ['ZY-1', 250],
        ['ZY-1', 300],
        ['ZY-2', 350],
      ]);

      // The same export again changes nothing.
      const before = await dumpTables(ctx, VOLUNTEERING);
      expect(await run('volunteer-hours', file)).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
      expect(await dumpTables(ctx, VOLUNTEERING)).toEqual(before);
    });
  });
}
