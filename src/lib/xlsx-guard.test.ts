import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCellBombXlsx, writeManyRowsXlsx } from '../test/hostile-sheets.ts';
import { SHEET_LIMITS, type SheetLimits, SheetRefusedError } from './sheet-limits.ts';
import { readSheet, type SheetRow } from './spreadsheet.ts';

async function rowsOf(file: string, limits: SheetLimits = SHEET_LIMITS): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const batch of readSheet(file, limits)) rows.push(...batch);
  return rows;
}

async function refusal(file: string, limits: SheetLimits = SHEET_LIMITS): Promise<SheetRefusedError> {
  const error = await rowsOf(file, limits).catch((e: unknown) => e);
  if (error instanceof SheetRefusedError) return error;
  throw new Error(`expected a refusal, got ${error instanceof Error ? error.message : 'the rows'}`);
}

describe('xlsx limits', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-xlsx-guard-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => path.join(dir, name);

  it('reads a hand-built xlsx within the limits (the builder makes files ExcelJS takes)', async () => {
    await writeManyRowsXlsx(file('ok.xlsx'), 50);
    const rows = await rowsOf(file('ok.xlsx'));
    expect(rows).toHaveLength(51);
    expect(rows[0]!.cells).toEqual(['身份证号', '姓名', '政治面貌']);
    expect(rows[50]!.rowNumber).toBe(51);
    expect(rows[50]!.cells[1]).toBe('x');
  });

  it('refuses a zip bomb whose one cell inflates to 50 MB, at the first megabyte without a tag', async () => {
    await writeCellBombXlsx(file('bomb.xlsx'), 50 * 1024 * 1024);
    const error = await refusal(file('bomb.xlsx'));
    expect(error.message).toMatch(/^文件中有单元格或内容超长/);
  });

  it('refuses a file that inflates beyond the cap in all', async () => {
    await writeManyRowsXlsx(file('big.xlsx'), 100_000);
    const error = await refusal(file('big.xlsx'), { ...SHEET_LIMITS, maxInflatedBytes: 2 * 1024 * 1024 });
    expect(error.message).toMatch(/^文件解压后超过 2 MB/);
  });

  it('refuses a shared-string table beyond its cap', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    // 800 strings of ~220 bytes: 176 KB, past the 100 KB cap set below.
    for (let r = 1; r <= 800; r++) sheet.addRow([`第${r}个不同的文字`.repeat(10)]);
    await workbook.xlsx.writeFile(file('strings.xlsx'));
    const error = await refusal(file('strings.xlsx'), { ...SHEET_LIMITS, maxSharedStringsBytes: 100_000 });
    expect(error.message).toMatch(/^文件中的文字（共享字符串表）解压后超过/);
  });

  it('refuses a sheet with more rows than the cap, counting before ExcelJS reads a row', async () => {
    await writeManyRowsXlsx(file('rows.xlsx'), 1500);
    const error = await refusal(file('rows.xlsx'), { ...SHEET_LIMITS, maxRows: 1000 });
    expect(error.message).toBe('文件超过 1000 行数据，请拆分成多个文件后分别导入');
    expect(await rowsOf(file('rows.xlsx'), { ...SHEET_LIMITS, maxRows: 1500 })).toHaveLength(1501);
  });

  it('refuses a row with a cell beyond the column cap, naming the row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['姓名']);
    sheet.getCell(2, 1500).value = 'far right';
    await workbook.xlsx.writeFile(file('wide.xlsx'));
    const error = await refusal(file('wide.xlsx'));
    expect(error).toMatchObject({ row: 2 });
    expect(error.message).toBe('第 2 行超过 1000 列，文件未读取');
  });

  it('refuses a zip with data hidden between its entries, where the directory does not see it', async () => {
    await writeManyRowsXlsx(file('plain.xlsx'), 3);
    const zip = readFileSync(file('plain.xlsx'));
    // Shift everything after the first entry by 16 bytes of junk, and the directory's offsets with it.
    const firstEnd = 30 + zip.readUInt16LE(26) + zip.readUInt32LE(18);
    const shifted = Buffer.concat([
      zip.subarray(0, firstEnd),
      Buffer.alloc(16, 0x41),
      zip.subarray(firstEnd),
    ]);
    const eocd = shifted.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cd = shifted.readUInt32LE(eocd + 16) + 16;
    shifted.writeUInt32LE(cd, eocd + 16);
    for (let p = cd; shifted.readUInt32LE(p) === 0x02014b50; ) {
      const offset = shifted.readUInt32LE(p + 42);
      if (offset > 0) shifted.writeUInt32LE(offset + 16, p + 42);
      p += 46 + shifted.readUInt16LE(p + 28) + shifted.readUInt16LE(p + 30) + shifted.readUInt16LE(p + 32);
    }
    writeFileSync(file('hidden.xlsx'), shifted);
    const error = await refusal(file('hidden.xlsx'));
    expect(error.message).toMatch(/^文件结构异常/);
  });

  it('refuses a CSV with more data rows than the cap', async () => {
    writeFileSync(file('rows.csv'), `a\n${'1\n'.repeat(1001)}`);
    const error = await refusal(file('rows.csv'), { ...SHEET_LIMITS, maxRows: 1000 });
    expect(error.message).toBe('文件超过 1000 行数据，请拆分成多个文件后分别导入');
    expect(await rowsOf(file('rows.csv'), { ...SHEET_LIMITS, maxRows: 1001 })).toHaveLength(1002);
  });
});
