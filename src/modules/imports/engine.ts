import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { AppContext } from '../../context.ts';
import { type Problem, ValidationError } from '../../lib/errors.ts';
import { type RawCell, readSheet, UnreadableSheetError } from '../../lib/spreadsheet.ts';
import { foldWidth } from '../../lib/text.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { Column } from './columns.ts';
import type { ImportKind, ImportSession, ParsedRow } from './import-kind.ts';

export interface ImportOutcome {
  kind: string;
  fileName: string;
  checksum: string;
  dryRun: boolean;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: Problem[];
  warnings: Problem[];
}

/** Thrown inside the transaction to roll it back once the file is known to be refused, or for a dry run. */
class Rollback extends Error {}

async function fileChecksum(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function headerName(cell: RawCell): string {
  return cell == null ? '' : foldWidth(String(cell)).trim();
}

interface BoundColumn {
  column: Column;
  index: number;
}

/** Matches the header row to the kind's columns; a missing required column refuses the whole file. */
function bindHeader(
  kind: ImportKind,
  cells: RawCell[],
  errors: Problem[],
  warnings: Problem[],
): BoundColumn[] {
  const names = cells.map(headerName);
  const bound: BoundColumn[] = [];
  for (const column of kind.columns) {
    const index = names.indexOf(column.header);
    if (index >= 0) bound.push({ column, index });
    else if (column.required) {
      errors.push({ row: 1, column: column.header, value: null, reason: `缺少必填列「${column.header}」` });
    }
  }
  names.forEach((name, i) => {
    if (name && !kind.columns.some((c) => c.header === name)) {
      warnings.push({ row: 1, column: name, value: null, reason: `未知的列「${name}」，已忽略` });
    }
    if (name && names.indexOf(name) !== i) {
      errors.push({ row: 1, column: name, value: null, reason: `列「${name}」重复出现` });
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
      errors.push({ row: rowNumber, column: column.header, value: raw, reason: read.reason });
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

/**
 * Runs one import inside one transaction: all or nothing (IMPORT-SPEC.md). Rows stream through in batches,
 * so memory stays flat however long the file; every error is collected, and any error rolls the whole file back.
 */
export async function runImport(
  ctx: AppContext,
  actor: Actor,
  kind: ImportKind,
  file: { path: string; name: string },
  options: { dryRun: boolean },
): Promise<ImportOutcome> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  let rows = 0;
  const checksum = await fileChecksum(file.path);
  const headerOf = (key: string | null) =>
    key ? (kind.columns.find((c) => c.key === key)?.header ?? key) : null;
  const problem = (
    row: ParsedRow | null,
    key: string | null,
    reason: string,
    value?: string | null,
  ): Problem => ({
    row: row?.rowNumber ?? null,
    column: headerOf(key),
    value: value !== undefined ? value : key && row ? (row.raw[key] ?? null) : null,
    reason,
  });

  try {
    await ctx.db.transaction().execute(async (trx) => {
      const session: ImportSession = {
        db: trx,
        ctx,
        actor,
        error: (row, key, reason, value) => errors.push(problem(row, key, reason, value)),
        warning: (row, key, reason, value) => warnings.push(problem(row, key, reason, value)),
        counted: (outcome) => counts[outcome]++,
      };
      const writer = await kind.open(session);
      const batchSize = kind.batchSize ?? 1000;
      let columns: BoundColumn[] | null = null;
      let headerRefused = false;
      let batch: ParsedRow[] = [];
      for await (const { rowNumber, cells } of readSheet(file.path)) {
        if (columns == null) {
          columns = bindHeader(kind, cells, errors, warnings);
          headerRefused = errors.length > 0;
          if (headerRefused) break;
          continue;
        }
        if (isBlank(cells)) continue;
        rows++;
        const parsed = parseRow(rowNumber, cells, columns, errors);
        if (parsed) batch.push(parsed);
        if (batch.length >= batchSize) {
          await writer.writeBatch(batch);
          batch = [];
        }
      }
      if (columns == null)
        errors.push({ row: null, column: null, value: null, reason: '文件为空，没有表头行' });
      else if (!headerRefused) {
        if (batch.length > 0) await writer.writeBatch(batch);
        await writer.finish?.();
      }
      if (errors.length > 0 || options.dryRun) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) {
      if (error instanceof ValidationError) {
        errors.push({ row: null, column: null, value: null, reason: error.message });
      } else if (isUnreadableFile(error)) {
        errors.push({
          row: null,
          column: null,
          value: null,
          reason: '无法读取文件：请上传 .xlsx 或 .csv 格式的表格',
        });
      } else throw error;
    }
  }
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  warnings.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    kind: kind.kind,
    fileName: file.name,
    checksum,
    dryRun: options.dryRun,
    rows,
    ...counts,
    errors,
    warnings,
  };
}

function isUnreadableFile(error: unknown): boolean {
  if (error instanceof UnreadableSheetError) return true;
  const message = error instanceof Error ? error.message : '';
  return /zip|end of central directory|Invalid|CSV|Quote|corrupt/i.test(message);
}
