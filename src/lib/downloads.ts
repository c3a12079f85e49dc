import type ExcelJS from 'exceljs';

/** The media type of an .xlsx download. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A Content-Disposition that keeps a Chinese file name intact in every browser (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
}

export interface SheetOf {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, unknown>[];
}

/** A workbook of sheets, each with a bold header row; the caller audits the export. */
export async function xlsxOfSheets(sheets: SheetOf[]): Promise<Buffer> {
  // Loaded when first used: a server that starts does not pay for the spreadsheet library (issue 14).
  const { default: Excel } = await import('exceljs');
  const workbook: ExcelJS.Workbook = new Excel.Workbook();
  for (const { name, columns, rows } of sheets) {
    // Excel refuses a sheet name longer than 31 characters.
    const sheet = workbook.addWorksheet(name.slice(0, 31));
    sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
    for (const row of rows) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One sheet with a bold header row; the caller audits the export. */
export function xlsxOf(
  name: string,
  columns: SheetColumn[],
  rows: Record<string, unknown>[],
): Promise<Buffer> {
  return xlsxOfSheets([{ name, columns, rows }]);
}
