import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { SHEET_LIMITS, SheetRefusedError } from './sheet-limits.ts';
import { detectFormat, readSheet } from './spreadsheet.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-xls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An .xls as Excel 97-2003 (and WPS) saves it: BIFF8 in an OLE2 compound file. */
function xls(name: string, rows: unknown[][], edit?: (sheet: XLSX.WorkSheet) => void): string {
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  edit?.(sheet);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '团员');
  const file = path.join(dir, name);
  writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }));
  return file;
}

async function rows(file: string, limits = SHEET_LIMITS) {
  const all = [];
  for await (const batch of readSheet(file, limits)) all.push(...batch);
  return all;
}

describe('.xls', () => {
  it('reads text, numbers, date cells as the calendar day, and a formula as the value Excel stored', async () => {
    const file = xls(
      'a.xls',
      [
        ['姓名', '入团日期', '年龄'],
        ['张三', null, 17],
      ],
      (sheet) => {
        sheet.B2 = { t: 'n', v: 44320, z: 'yyyy-mm-dd' };
        sheet.C2 = { t: 'n', v: 17, f: 'A1+1' };
      },
    );
    expect(await detectFormat(file)).toBe('xls');
    expect(await rows(file)).toEqual([
      { rowNumber: 1, cells: ['姓名', '入团日期', '年龄'] },
      { rowNumber: 2, cells: ['张三', new Date(Date.UTC(2021, 4, 4)), 17] },
    ]);
  });

  it('refuses a damaged .xls, a file past the .xls size limit and one with too many rows, in Chinese', async () => {
    const damaged = path.join(dir, 'damaged.xls');
    writeFileSync(damaged, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600, 7)]));
    await expect(rows(damaged)).rejects.toThrow(
      new SheetRefusedError('文件结构异常，无法作为 .xls 读取：请用 Excel 或 WPS 重新保存后再导入'),
    );
    const file = xls('b.xls', [['姓名'], ['甲'], ['乙'], ['丙']]);
    await expect(rows(file, { ...SHEET_LIMITS, maxXlsBytes: 1024 })).rejects.toThrow(
      '.xls 文件超过 0 MB，请另存为 .xlsx 或拆分成多个文件后分别导入',
    );
    await expect(rows(file, { ...SHEET_LIMITS, maxRows: 2 })).rejects.toThrow(
      '文件超过 2 行数据，请拆分成多个文件后分别导入',
    );
    expect(await rows(file, { ...SHEET_LIMITS, maxRows: 3 })).toHaveLength(4);
  });
});
