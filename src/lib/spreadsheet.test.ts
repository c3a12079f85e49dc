import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SAMPLE } from '../test/sample-county.ts';
import { SheetRefusedError } from './sheet-limits.ts';
import {
  detectCsvEncoding,
  detectFormat,
  readSheet,
  type SheetRow,
  UnreadableSheetError,
} from './spreadsheet.ts';

const SAMPLE = FIXTURE_SAMPLE;

async function rowsOf(file: string): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const batch of readSheet(file)) rows.push(...batch);
  return rows;
}

describe('readSheet', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-sheet-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('keeps every Chinese character whole in an xlsx whose strings run past the reader’s 16 KiB chunks', async () => {
    const surnames =
      '张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡';
    const name = (i: number) =>
      `${surnames[i % surnames.length]}${surnames[(i * 7) % surnames.length]}${surnames[(i * 13) % surnames.length]}${i}`;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人员');
    // 2,000 rows: about 130 KB of shared strings, eight 16 KiB chunks (5,000 cost seconds in ExcelJS for no more).
    for (let i = 0; i < 2000; i++) sheet.addRow([name(i), `共青团示范县委员会第${i}团支部`]);
    const file = path.join(dir, 'long-chinese.xlsx');
    await workbook.xlsx.writeFile(file);
    const rows = await rowsOf(file);
    expect(rows).toHaveLength(2000);
    expect(rows.filter((r) => JSON.stringify(r.cells).includes('\uFFFD'))).toEqual([]);
    expect(
      rows.every((r, i) => r.cells[0] === name(i) && r.cells[1] === `共青团示范县委员会第${i}团支部`),
    ).toBe(true);
  });

  it('reads UTF-8 CSV without BOM, empty cells as null, numbering rows as the spreadsheet does', async () => {
    const file = write('plain.csv', '组织编码,组织名称\nSL-A,示例县\n,"带,逗号"\n');
    expect(await detectFormat(file)).toBe('csv');
    expect(await detectCsvEncoding(file)).toBe('utf-8');
    expect(await rowsOf(file)).toEqual([
      { rowNumber: 1, cells: ['组织编码', '组织名称'] },
      { rowNumber: 2, cells: ['SL-A', '示例县'] },
      { rowNumber: 3, cells: [null, '带,逗号'] },
    ]);
  });

  it('reads UTF-8 CSV with a BOM, the BOM not part of the first header', async () => {
    const file = write(
      'bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('身份证号,姓名\r\n1,张三\r\n')]),
    );
    expect(await detectCsvEncoding(file)).toBe('utf-8');
    const rows = await rowsOf(file);
    expect(rows[0]!.cells[0]).toBe('身份证号');
    expect(rows[1]).toEqual({ rowNumber: 2, cells: ['1', '张三'] });
  });

  it('reads the GB18030 sample (02-orgs.csv) by detecting its encoding', async () => {
    const file = path.join(SAMPLE, '02-orgs.csv');
    expect(await detectCsvEncoding(file)).toBe('gb18030');
    const rows = await rowsOf(file);
    expect(rows[0]!.cells[0]).toBe('组织编码');
    expect(rows[0]!.cells).toContain('上级组织编码');
    expect(rows.find((r) => r.cells[0] === 'SL-A')?.cells[1]).toBe('共青团示例县委员会');
    expect(rows).toHaveLength(202);
  });

  it('reads GB18030 multi-byte characters cut at a chunk border', async () => {
    // A GB18030 file longer than one read chunk: built from the sample's own bytes repeated.
    const original = path.join(SAMPLE, '02-orgs.csv');
    const bytes = readFileSync(original);
    const body = bytes.subarray(bytes.indexOf(0x0a) + 1);
    const big = write('big-gb.csv', Buffer.concat([bytes, body, body, body, body, body]));
    expect(await detectCsvEncoding(big)).toBe('gb18030');
    const rows = await rowsOf(big);
    expect(rows).toHaveLength(1 + 201 * 6);
    expect(rows.every((r) => !r.cells.some((c) => typeof c === 'string' && c.includes('\ufffd')))).toBe(true);
  });

  it('detects UTF-8 in a file longer than the sniffed part, whatever byte the sample ends on', async () => {
    const line = '示例县第1街道团工委第1村团支部,共青团员\n';
    for (const pad of [0, 1, 2]) {
      const file = write(`big-utf8-${pad}.csv`, `${'x'.repeat(pad)}组织,面貌\n${line.repeat(3000)}`);
      expect(await detectCsvEncoding(file)).toBe('utf-8');
    }
  });

  it('reads the first sheet when the zip holds the workbook after the shared strings and the sheets', async () => {
    // The order in which ExcelJS's own writer sometimes leaves a two-sheet file: before, the reader parsed sheet1
    // with no workbook model and failed ("reading 'sheets'"), one CI run in many.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('数据').addRows([
      ['编号', '姓名'],
      ['A1', '张三'],
    ]);
    workbook.addWorksheet('第二页').addRow(['不读']);
    const written = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const names = Object.keys(written.files).filter((n) => !written.files[n]!.dir);
    const rank = (n: string) =>
      n === 'xl/workbook.xml'
        ? 3
        : n.startsWith('xl/worksheets/sheet')
          ? 2
          : n === 'xl/sharedStrings.xml'
            ? 1
            : 0;
    const reordered = new JSZip();
    for (const name of [...names].sort((a, b) => rank(a) - rank(b)))
      reordered.file(name, await written.file(name)!.async('uint8array'));
    const file = path.join(dir, 'workbook-last.xlsx');
    writeFileSync(file, await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

    expect(await rowsOf(file)).toEqual([
      { rowNumber: 1, cells: ['编号', '姓名'] },
      { rowNumber: 2, cells: ['A1', '张三'] },
    ]);
  });

  it('reads the first sheet of an xlsx with real date and number cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据');
    sheet.addRow(['编号', '日期', '金额', '文本']);
    sheet.addRow(['A1', new Date(Date.UTC(2023, 4, 4)), 1234.5, '４１１４']);
    sheet.addRow(['A2', new Date(Date.UTC(2022, 11, 31)), 100, null]);
    sheet.getCell('B2').numFmt = 'yyyy-mm-dd';
    sheet.getCell('B3').numFmt = 'yyyy-mm-dd';
    workbook.addWorksheet('第二页').addRow(['不读']);
    const file = path.join(dir, 'cells.xlsx');
    await workbook.xlsx.writeFile(file);

    expect(await detectFormat(file)).toBe('xlsx');
    const rows = await rowsOf(file);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({ rowNumber: 1, cells: ['编号', '日期', '金额', '文本'] });
    const [, first, second] = rows;
    expect(first!.rowNumber).toBe(2);
    expect(first!.cells[1]).toBeInstanceOf(Date);
    expect((first!.cells[1] as Date).toISOString()).toBe('2023-05-04T00:00:00.000Z');
    expect(first!.cells[2]).toBe(1234.5);
    expect(first!.cells[3]).toBe('４１１４');
    expect((second!.cells[1] as Date).toISOString()).toBe('2022-12-31T00:00:00.000Z');
    expect(second!.cells[2]).toBe(100);
  });

  it('reads the xlsx sample 03-people.xlsx header', async () => {
    const rows = await rowsOf(path.join(SAMPLE, '03-people.xlsx'));
    expect(rows[0]!.cells.slice(0, 2)).toEqual(['身份证号', '姓名']);
    expect(rows).toHaveLength(2026);
  });

  it('refuses a damaged or truncated xlsx in Chinese, before ExcelJS reads it', async () => {
    const truncated = write(
      'truncated.xlsx',
      readFileSync(path.join(SAMPLE, '03-people.xlsx')).subarray(0, 5000),
    );
    await expect(rowsOf(truncated)).rejects.toThrow(/^文件结构异常，无法作为 \.xlsx 读取/);
    const junk = write(
      'junk.xlsx',
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]),
    );
    await expect(rowsOf(junk)).rejects.toBeInstanceOf(SheetRefusedError);
  });

  it('refuses a CSV with an unclosed quote, naming the row where it opened', async () => {
    const file = write('quote.csv', '姓名,备注\n张三,"没有结束\n李四,好\n');
    await expect(rowsOf(file)).rejects.toMatchObject({ row: 2, name: 'MalformedCsvError' });
  });

  it('keeps failing with UnreadableSheetError on what it cannot read at all', async () => {
    const bad = write('bad.xlsx', readFileSync(path.join(SAMPLE, '03-people.xlsx')));
    // A valid zip whose worksheet XML is broken.
    const { writeXlsx } = await import('../test/hostile-sheets.ts');
    await writeXlsx(bad, () => ['<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row']);
    await expect(rowsOf(bad)).rejects.toBeInstanceOf(UnreadableSheetError);
  });
});
