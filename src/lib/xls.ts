import { readFile, stat } from 'node:fs/promises';
import { type SheetLimits, SheetRefusedError } from './sheet-limits.ts';
import type { RawCell, SheetRow } from './spreadsheet.ts';

/** An .xls (Excel 97-2003, BIFF in an OLE2 compound file) starts with this signature. */
export const OLE2_SIGNATURE = 0xe011cfd0;

const MiB = 1024 * 1024;

const malformed = () =>
  new SheetRefusedError('文件结构异常，无法作为 .xls 读取：请用 Excel 或 WPS 重新保存后再导入');

/** Days from Excel's 1900 epoch (as Excel counts them) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;

interface XlsCell {
  t: string;
  v?: unknown;
  z?: string | number;
}

/**
 * The rows of an .xls file's first sheet. BIFF is not a format that can be streamed, so the file is parsed whole
 * (SheetJS, the maintained 0.20 build): hence its own size limit, past which it is refused before parsing. Like
 * the xlsx path, a formula is read as the value Excel stored for it and never evaluated, and macros are not read.
 */
export async function* readXls(path: string, limits: SheetLimits): AsyncGenerator<SheetRow[]> {
  if ((await stat(path)).size > limits.maxXlsBytes) {
    throw new SheetRefusedError(
      `.xls 文件超过 ${Math.round(limits.maxXlsBytes / MiB)} MB，请另存为 .xlsx 或拆分成多个文件后分别导入`,
    );
  }
  const XLSX = await import('@e965/xlsx');
  let workbook: ReturnType<typeof XLSX.read>;
  try {
    workbook = XLSX.read(await readFile(path), {
      type: 'buffer',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellDates: false,
      // The number format tells a date cell from a number.
      cellNF: true,
      bookVBA: false,
      sheets: 0,
      // One row past the limit tells a file that is too long from one that is just long enough.
      sheetRows: limits.maxRows + 2,
    });
  } catch {
    throw malformed();
  }
  const sheet = workbook.Sheets[workbook.SheetNames[0] ?? ''];
  if (!sheet) throw malformed();
  const range = sheet['!ref'] ? XLSX.utils.decode_range(sheet['!ref']) : null;
  if (range == null) return;
  if (range.e.c + 1 > limits.maxColumns) {
    throw new SheetRefusedError(`文件超过 ${limits.maxColumns} 列，文件未读取`);
  }
  if (range.e.r > limits.maxRows) {
    throw new SheetRefusedError(`文件超过 ${limits.maxRows} 行数据，请拆分成多个文件后分别导入`);
  }
  const data = (sheet['!data'] ?? []) as (XlsCell[] | undefined)[];
  const cellOf = (cell: XlsCell | undefined): RawCell => {
    if (cell == null || cell.v == null || cell.t === 'e' || cell.t === 'z') return null;
    if (cell.t === 'n' && cell.z != null && XLSX.SSF.is_date(cell.z)) {
      // As the xlsx path gives a date cell: a Date at UTC midnight of the calendar day (and time) Excel shows.
      return new Date(Math.round(((cell.v as number) - EXCEL_EPOCH_OFFSET) * 86_400_000));
    }
    if (typeof cell.v === 'string') {
      if (cell.v.length > limits.maxFieldChars)
        throw new SheetRefusedError('单元格内容超过 32767 个字符，文件未读取');
      return cell.v;
    }
    return cell.v as RawCell;
  };
  let batch: SheetRow[] = [];
  for (let r = 0; r <= range.e.r; r++) {
    const row = data[r];
    batch.push({ rowNumber: r + 1, cells: row ? Array.from(row, cellOf) : [] });
    if (batch.length >= 500) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
