import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { xlsxDimensionRows } from './xlsx-rows.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-xlsx-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('xlsxDimensionRows (the row estimate of an import’s progress)', () => {
  it('reads the rows a worksheet spans from its <dimension>, header included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人员');
    sheet.addRow(['身份证号', '姓名']);
    for (let i = 0; i < 345; i++) sheet.addRow([`id${i}`, `名${i}`]);
    const file = path.join(dir, 'people.xlsx');
    await workbook.xlsx.writeFile(file);
    expect(await xlsxDimensionRows(file)).toBe(346);
  });

  it('says nothing (null) of a file that is no xlsx', async () => {
    const file = path.join(dir, 'not.xlsx');
    writeFileSync(file, 'a,b\n1,2\n');
    expect(await xlsxDimensionRows(file)).toBeNull();
  });
});
