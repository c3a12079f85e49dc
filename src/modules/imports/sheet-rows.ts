import type { PersonalDataCipher } from '../../lib/crypto.ts';
import type { Problem } from '../../lib/errors.ts';
import { type RawCell, readSheet, type SheetRow } from '../../lib/spreadsheet.ts';
import { type BoundColumn, findHeaderRow, HEADER_SCAN_ROWS, type HeaderMapping } from './header-mapping.ts';
import type { ImportFormat, ParsedRow } from './import-kind.ts';
import { echoValue } from './problems.ts';

/**
 * A stretch of the file, read and checked cell by cell: the rows that read well, the problems found in them,
 * and how many non-blank data rows it covered. The last chunk says whether the header was usable, which
 * decides whether the writer may finish.
 */
export interface ParsedChunk {
  rows: ParsedRow[];
  read: number;
  errors: Problem[];
  warnings: Problem[];
  last?: { headerUsable: boolean };
}

/** What a format's per-row preparation may use: nothing that touches the database. */
export interface PrepareTools {
  cipher: PersonalDataCipher;
}

function rawText(cell: RawCell): string | null {
  if (cell == null) return null;
  return cell instanceof Date ? cell.toISOString() : String(cell);
}

/** Reads each cell on its own; null when some cell is wrong (each wrong cell is reported). */
function parseRow(
  rowNumber: number,
  cells: RawCell[],
  columns: BoundColumn[],
  errors: Problem[],
): ParsedRow | null {
  const row: ParsedRow = { rowNumber, values: {}, raw: {} };
  let good = true;
  for (const { column, index } of columns) {
    const cell = cells[index] ?? null;
    const raw = rawText(cell);
    row.raw[column.key] = raw;
    const read = column.read(cell);
    if (!read.ok) {
      errors.push({ row: rowNumber, column: column.header, value: echoValue(raw), reason: read.reason });
      good = false;
    } else if (read.value == null && column.required) {
      errors.push({
        row: rowNumber,
        column: column.header,
        value: null,
        reason: `「${column.header}」不能为空`,
      });
      good = false;
    } else {
      row.values[column.key] = read.value;
    }
  }
  return good ? row : null;
}

function isBlank(cells: RawCell[]): boolean {
  return cells.every((c) => c == null || (typeof c === 'string' && c.trim() === ''));
}

const emptyChunk = (): ParsedChunk => ({ rows: [], read: 0, errors: [], warnings: [] });

/** How a file is read: the rows per chunk, and the header mapping the user confirmed (if any). */
export interface SheetReadOptions {
  batchSize?: number;
  mapping?: HeaderMapping;
}

/**
 * Streams a file as chunks of checked rows: the header found (title rows above it skipped) and bound to the
 * format's columns, every cell read on its own, each good row prepared. Needs no database, so it runs as well
 * on a worker thread as inline.
 */
export async function* parseSheet(
  format: ImportFormat,
  path: string,
  tools: PrepareTools,
  options: SheetReadOptions = {},
): AsyncGenerator<ParsedChunk> {
  const batchSize = options.batchSize ?? format.batchSize ?? 1000;
  let columns: BoundColumn[] | null = null;
  let chunk = emptyChunk();
  // The first rows wait until the header is found among them.
  let scanned: SheetRow[] | null = [];
  const ready: ParsedChunk[] = [];
  const take = (rows: readonly SheetRow[], from = 0) => {
    for (let r = from; r < rows.length; r++) {
      const { rowNumber, cells } = rows[r]!;
      if (isBlank(cells)) continue;
      chunk.read++;
      const row = parseRow(rowNumber, cells, columns!, chunk.errors);
      const issues = row ? format.prepare?.(row, tools) : undefined;
      if (row && issues?.length) {
        for (const issue of issues) {
          chunk.errors.push({
            row: rowNumber,
            column: format.columns.find((c) => c.key === issue.key)?.header ?? issue.key,
            value: issue.value !== undefined ? issue.value : echoValue(row.raw[issue.key] ?? null),
            reason: issue.reason,
          });
        }
      } else if (row) chunk.rows.push(row);
      // Also a chunk of bad rows only: its errors must not pile up over the whole file.
      if (chunk.rows.length >= batchSize || chunk.read >= batchSize * 4) {
        ready.push(chunk);
        chunk = emptyChunk();
      }
    }
  };
  /** Binds the header found in the rows scanned; false when the file is refused for its header. */
  const settle = (): boolean => {
    const rows = scanned!;
    scanned = null;
    const header = findHeaderRow(format.columns, rows, options.mapping);
    if (header == null) return true;
    chunk.errors.push(...header.binding.errors);
    chunk.warnings.push(...header.binding.warnings);
    if (header.skipped > 0) {
      chunk.warnings.push({
        row: header.rowNumber,
        column: null,
        value: null,
        reason: `表头在第 ${header.rowNumber} 行，上方 ${header.skipped} 行标题未导入`,
      });
    }
    if (header.binding.errors.length > 0) return false;
    columns = header.binding.bound;
    take(rows, header.dataStart);
    return true;
  };
  for await (const batch of readSheet(path)) {
    if (scanned != null) {
      scanned.push(...batch);
      if (scanned.length <= HEADER_SCAN_ROWS) continue;
      if (!settle()) {
        yield { ...chunk, last: { headerUsable: false } };
        return;
      }
    } else take(batch);
    yield* ready.splice(0);
  }
  if (scanned != null && !settle()) {
    yield { ...chunk, last: { headerUsable: false } };
    return;
  }
  yield* ready.splice(0);
  if (columns == null) {
    chunk.errors.push({ row: null, column: null, value: null, reason: '文件为空，没有表头行' });
  }
  yield { ...chunk, last: { headerUsable: columns != null } };
}
