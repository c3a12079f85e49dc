import type { PersonalDataCipher } from '../../lib/crypto.ts';
import type { Problem } from '../../lib/errors.ts';
import { type RawCell, readSheet } from '../../lib/spreadsheet.ts';
import { foldWidth } from '../../lib/text.ts';
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

function headerName(cell: RawCell): string {
  return cell == null ? '' : foldWidth(String(cell)).trim();
}

interface BoundColumn {
  column: ImportFormat['columns'][number];
  index: number;
}

/** Matches the header row to the format's columns; a missing required column refuses the whole file. */
function bindHeader(format: ImportFormat, cells: RawCell[], chunk: ParsedChunk): BoundColumn[] {
  const names = cells.map(headerName);
  const bound: BoundColumn[] = [];
  for (const column of format.columns) {
    const index = names.indexOf(column.header);
    if (index >= 0) bound.push({ column, index });
    else if (column.required) {
      chunk.errors.push({
        row: 1,
        column: column.header,
        value: null,
        reason: `缺少必填列「${column.header}」`,
      });
    }
  }
  names.forEach((name, i) => {
    const shown = echoValue(name);
    if (name && !format.columns.some((c) => c.header === name)) {
      chunk.warnings.push({ row: 1, column: shown, value: null, reason: `未知的列「${shown}」，已忽略` });
    }
    if (name && names.indexOf(name) !== i) {
      chunk.errors.push({ row: 1, column: shown, value: null, reason: `列「${shown}」重复出现` });
    }
  });
  return bound;
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

/**
 * Streams a file as chunks of checked rows: the header bound to the format's columns, every cell read on its
 * own, each good row prepared. Needs no database, so it runs as well on a worker thread as inline.
 */
export async function* parseSheet(
  format: ImportFormat,
  path: string,
  tools: PrepareTools,
  batchSize = format.batchSize ?? 1000,
): AsyncGenerator<ParsedChunk> {
  let columns: BoundColumn[] | null = null;
  let chunk = emptyChunk();
  for await (const batch of readSheet(path)) {
    for (const { rowNumber, cells } of batch) {
      if (columns == null) {
        columns = bindHeader(format, cells, chunk);
        if (chunk.errors.length > 0) {
          yield { ...chunk, last: { headerUsable: false } };
          return;
        }
        continue;
      }
      if (isBlank(cells)) continue;
      chunk.read++;
      const row = parseRow(rowNumber, cells, columns, chunk.errors);
      if (row) {
        format.prepare?.(row, tools);
        chunk.rows.push(row);
      }
      // Also a chunk of bad rows only: its errors must not pile up over the whole file.
      if (chunk.rows.length >= batchSize || chunk.read >= batchSize * 4) {
        yield chunk;
        chunk = emptyChunk();
      }
    }
  }
  if (columns == null) {
    chunk.errors.push({ row: null, column: null, value: null, reason: '文件为空，没有表头行' });
  }
  yield { ...chunk, last: { headerUsable: columns != null } };
}
