/**
 * How much of a spreadsheet the importer will read. Past any of these a file is refused at once, before it can
 * hold the server's memory or its event loop: a real county's ledgers stay far below them.
 */
export interface SheetLimits {
  /** Characters in one cell: Excel's own limit. */
  maxFieldChars: number;
  /** Characters in one CSV record. */
  maxRecordChars: number;
  /** Columns in one row. */
  maxColumns: number;
  /** Data rows (the header not counted). */
  maxRows: number;
  /** Bytes all the entries of an xlsx file inflate to. */
  maxInflatedBytes: number;
  /** Bytes the shared-string table inflates to (ExcelJS holds it in memory). */
  maxSharedStringsBytes: number;
  /** Bytes of xlsx XML without a tag: a text or attribute longer than any cell may be. */
  maxXmlRunBytes: number;
  /** Bytes of an .xls file: BIFF cannot be streamed, so it is parsed whole. */
  maxXlsBytes: number;
}

const MiB = 1024 * 1024;

export const SHEET_LIMITS: SheetLimits = {
  maxFieldChars: 32_767,
  maxRecordChars: MiB,
  maxColumns: 1_000,
  maxRows: 1_000_000,
  maxInflatedBytes: 200 * MiB,
  maxSharedStringsBytes: 100 * MiB,
  maxXmlRunBytes: MiB,
  maxXlsBytes: 64 * MiB,
};

/**
 * The file is refused for a reason the user can act on, said in Chinese; `row` is the spreadsheet's row number
 * when known (the reason names it too).
 */
export class SheetRefusedError extends Error {
  constructor(
    readonly reason: string,
    readonly row: number | null = null,
  ) {
    super(reason);
    this.name = 'SheetRefusedError';
  }
}
