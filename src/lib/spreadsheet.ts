import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { csvRecords } from './csv.ts';
import { SHEET_LIMITS, type SheetLimits, SheetRefusedError } from './sheet-limits.ts';
import { OLE2_SIGNATURE, readXls } from './xls.ts';
import { checkXlsx } from './xlsx-guard.ts';

/** A cell as read: text from CSV; text, number, date or boolean from xlsx and xls; null when empty. */
export type RawCell = string | number | Date | boolean | null;

export interface SheetRow {
  /** The row number the spreadsheet shows (header = 1). */
  rowNumber: number;
  cells: RawCell[];
}

export type SheetFormat = 'xlsx' | 'xls' | 'csv';

/** By content, not name: an xlsx file is a ZIP archive, an xls file an OLE2 compound file. */
export async function detectFormat(path: string): Promise<SheetFormat> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead < 4) return 'csv';
    const signature = buffer.readUInt32LE(0);
    return signature === 0x04034b50 ? 'xlsx' : signature === OLE2_SIGNATURE ? 'xls' : 'csv';
  } finally {
    await handle.close();
  }
}

/**
 * UTF-8 (with or without BOM) or GB18030, detected from the first 64 KiB: Chinese headers make the
 * difference visible at once, and a GB18030 file is almost never valid UTF-8.
 */
export async function detectCsvEncoding(path: string): Promise<'utf-8' | 'gb18030'> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65536), 0, 65536, 0);
    let sample = buffer.subarray(0, bytesRead);
    // Drop a multi-byte character cut at the end of the sample.
    for (let back = 1; back <= 3 && sample.length - back >= 0; back++) {
      const byte = sample[sample.length - back]!;
      if ((byte & 0xc0) === 0xc0) {
        sample = sample.subarray(0, sample.length - back);
        break;
      }
      if ((byte & 0x80) === 0) break;
    }
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample);
      return 'utf-8';
    } catch {
      return 'gb18030';
    }
  } finally {
    await handle.close();
  }
}

const tooManyRows = (limits: SheetLimits) =>
  new SheetRefusedError(`文件超过 ${limits.maxRows} 行数据，请拆分成多个文件后分别导入`);

async function* readCsv(path: string, limits: SheetLimits): AsyncGenerator<SheetRow[]> {
  const encoding = await detectCsvEncoding(path);
  let rowNumber = 0;
  const chunks = createReadStream(path, { highWaterMark: 1 << 18 });
  for await (const records of csvRecords(decodeText(chunks, encoding), limits)) {
    // The header is row 1 and not data.
    if (rowNumber + records.length - 1 > limits.maxRows) throw tooManyRows(limits);
    const rows: SheetRow[] = new Array(records.length);
    for (let r = 0; r < records.length; r++) {
      const cells: RawCell[] = records[r]!;
      for (let i = 0; i < cells.length; i++) if (cells[i] === '') cells[i] = null;
      rows[r] = { rowNumber: ++rowNumber, cells };
    }
    yield rows;
  }
}

function cellValue(value: ExcelJS.CellValue): RawCell {
  if (value == null) return null;
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  ) {
    return value;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return String(value);
}

/**
 * Decodes a byte stream across chunk boundaries, a character split between two chunks staying whole; text already
 * decoded passes through. A UTF-8 byte order mark is dropped.
 */
async function* decodeText(
  chunks: AsyncIterable<Buffer | string>,
  encoding: 'utf-8' | 'gb18030' = 'utf-8',
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of chunks)
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

interface WorkbookReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
}

/**
 * ExcelJS's streaming reader decodes each zip chunk (16 KiB) on its own, so a Chinese character that straddles
 * two chunks comes out as U+FFFD in long shared-string tables and sheets. Handing it text decoded across
 * chunk boundaries keeps every character whole (its decoder passes strings through unchanged).
 * ExcelJS is loaded on first use: it takes a quarter of a second, which a CSV import need not pay.
 */
async function wholeCharacterWorkbookReader() {
  const { default: ExcelJS } = await import('exceljs');
  const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as WorkbookReaderInternals;
  return class WholeCharacterWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
    #workbookRels: unknown;

    /**
     * ExcelJS parses a worksheet as it streams past once it holds the shared strings and the workbook's
     * relationships, but reads the sheet's name from the workbook (xl/workbook.xml), which a zip may hold later:
     * a two-sheet file written by ExcelJS itself sometimes failed ("reading 'sheets'") or gave its second sheet
     * first. Until the workbook is read, the relationships are held back, so such a worksheet waits in a temporary
     * file and is read after the workbook, in the zip's order, as every other waiting sheet is.
     */
    get workbookRels(): unknown {
      return (this as unknown as { model?: unknown }).model ? this.#workbookRels : undefined;
    }

    set workbookRels(rels: unknown) {
      this.#workbookRels = rels;
    }

    _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): unknown {
      return base._parseWorksheet.call(this, decodeText(iterator), sheetNo);
    }

    _parseSharedStrings(entry: NodeJS.ReadableStream): unknown {
      entry.setEncoding('utf8');
      return base._parseSharedStrings.call(this, entry);
    }
  };
}

/** Rows of the xlsx reader gathered into batches of this many. */
const XLSX_BATCH = 500;

async function* readXlsx(path: string, limits: SheetLimits): AsyncGenerator<SheetRow[]> {
  await checkXlsx(path, limits);
  const WorkbookReader = await wholeCharacterWorkbookReader();
  const reader = new WorkbookReader(createReadStream(path), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const worksheet of reader) {
    // IMPORT-SPEC.md: the first worksheet only.
    let rows: SheetRow[] = [];
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      if (row.number - 1 > limits.maxRows) throw tooManyRows(limits);
      // Before `values`, which would spread a cell far to the right into an array that long.
      if (row.cellCount > limits.maxColumns) {
        throw new SheetRefusedError(
          `第 ${row.number} 行超过 ${limits.maxColumns} 列，文件未读取`,
          row.number,
        );
      }
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push({ rowNumber: row.number, cells: values.map((v) => cellValue(v as ExcelJS.CellValue)) });
      if (rows.length >= XLSX_BATCH) {
        yield rows;
        rows = [];
      }
    }
    if (rows.length > 0) yield rows;
    return;
  }
}

/** The file could not be read as a spreadsheet (a damaged or truncated xlsx, malformed CSV). */
export class UnreadableSheetError extends Error {
  constructor(cause: unknown) {
    super(`unreadable spreadsheet: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'UnreadableSheetError';
  }
}

/**
 * Streams the rows of the first sheet, header included, in batches (an await per row cost as much as reading
 * it), without holding the file in memory.
 */
export async function* readSheet(
  path: string,
  limits: SheetLimits = SHEET_LIMITS,
): AsyncGenerator<SheetRow[]> {
  const format = await detectFormat(path);
  const rows =
    format === 'xlsx'
      ? readXlsx(path, limits)
      : format === 'xls'
        ? readXls(path, limits)
        : readCsv(path, limits);
  try {
    yield* rows;
  } catch (error) {
    // Only the readers' own failures land here: the consumer's errors do not pass into the generator.
    if (error instanceof SheetRefusedError) throw error;
    throw new UnreadableSheetError(error);
  }
}
